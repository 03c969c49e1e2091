import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { AdminStats } from '../src/api/types'
import { Dashboard } from '../src/pages/Dashboard'
import { stubFetch } from './fakeApi'

function days(): AdminStats['daily'] {
  return Array.from({ length: 30 }, (_, i) => {
    const day = `2026-09-${String(i + 1).padStart(2, '0')}`
    return { day, newListings: i === 29 ? 8 : i === 28 ? 4 : 0, newUsers: i === 29 ? 2 : 0, favorites: i === 29 ? 5 : 1, comments: 0 }
  })
}

function stats(over: Partial<AdminStats> = {}): AdminStats {
  return {
    campusId: 'demo',
    campusName: '示例大学',
    campuses: [{ id: 'demo', name: '示例大学' }],
    generatedAt: '2026-09-30T02:00:00.000Z',
    listings: {
      total: 15,
      byStatus: { active: 9, reserved: 1, sold: 5 },
      byKind: { item: 10, book: 5 },
      byStatusAndKind: [{ status: 'active', kind: 'item', count: 9 }],
    },
    users: { total: 40, verified: 30, unverified: 10 },
    daily: days(),
    topCategories: [
      { categoryId: 'c-bike', name: '自行车', parentName: '交通出行', count: 6 },
      { categoryId: 'c-text', name: '教材', parentName: '书籍教材', count: 3 },
    ],
    hotSearches: [
      { term: '自行车', score: 5.2, searchers: 7, searches: 11 },
      { term: '台灯', score: 3, searchers: 3, searches: 3 },
    ],
    ...over,
  }
}

describe('Dashboard', () => {
  it("shows the campus's totals, listings by status and kind, top categories and hot searches", async () => {
    const calls = stubFetch((c) => (c.path === '/v1/admin/stats' ? { status: 200, body: stats() } : undefined))
    render(<Dashboard />)
    await screen.findByTestId('stats')
    expect(calls.map((c) => `${c.path}?${c.query}`)).toEqual(['/v1/admin/stats?'])
    const value = (title: string) => screen.getByText(title).closest('.ant-statistic')!.querySelector('.ant-statistic-content')!.textContent
    expect(value('商品总数')).toBe('15')
    expect(value('在售（含已预订）')).toBe('10')
    expect(value('在售')).toBe('9')
    expect(value('用户总数')).toBe('40')
    expect(value('已认证学生')).toBe('30/ 未认证 10')
    expect(value('近 30 天新增商品')).toBe('12')
    expect(value('近 30 天收藏')).toBe('34')
    expect(value('已售出')).toBe('5')
    expect(value('闲置书籍')).toBe('5')
    expect(screen.getByText('交通出行 / 自行车')).toBeTruthy()
    const hot = screen.getByTestId('hot-searches')
    expect(within(hot).getAllByText(/^\d\. /).map((e) => e.textContent)).toEqual(['1. 自行车', '2. 台灯'])
    // A campus admin has one campus: nothing to choose.
    expect(screen.queryByLabelText('选择校区')).toBeNull()
  })

  it('draws one bar per day, scaled to the busiest day, for the chosen metric', async () => {
    stubFetch((c) => (c.path === '/v1/admin/stats' ? { status: 200, body: stats() } : undefined))
    render(<Dashboard />)
    const bars = await screen.findByTestId('daily-bars')
    const heights = () => [...bars.querySelectorAll<HTMLElement>('.xz-bar-fill')].map((b) => b.style.height)
    expect(heights()).toHaveLength(30)
    expect(heights().slice(-3)).toEqual(['0%', '50%', '100%'])
    fireEvent.click(screen.getByText('收藏'))
    await waitFor(() => expect(heights().slice(-2)).toEqual(['20%', '100%']))
    expect(bars.getAttribute('aria-label')).toBe('近 30 天收藏')
  })

  it('lets a super admin switch campus', async () => {
    const campuses = [{ id: 'demo', name: '示例大学' }, { id: 'north', name: '北方大学' }]
    const calls = stubFetch((c) => {
      if (c.path !== '/v1/admin/stats') return undefined
      const id = c.query.get('campusId') ?? 'demo'
      return { status: 200, body: stats({ campusId: id, campusName: campuses.find((x) => x.id === id)!.name, campuses }) }
    })
    render(<Dashboard />)
    await screen.findByText('示例大学', { selector: 'h4' })
    fireEvent.mouseDown(screen.getByLabelText('选择校区'))
    fireEvent.click(await screen.findByTitle('北方大学'))
    await screen.findByText('北方大学', { selector: 'h4' })
    expect(calls.map((c) => c.query.get('campusId'))).toEqual([null, 'north'])
  })

  it('asks to sign in when there is no admin session', async () => {
    stubFetch(() => ({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } }))
    render(<Dashboard />)
    expect(await screen.findByText('请先登录管理员账号')).toBeTruthy()
  })

  it("shows the API's refusal and real failures as errors", async () => {
    stubFetch(() => ({ status: 403, body: { error: { code: 'ADMIN_SCOPE', message: '校区管理员只能管理本校区的内容' } } }))
    const { unmount } = render(<Dashboard />)
    expect(await screen.findByText('校区管理员只能管理本校区的内容')).toBeTruthy()
    unmount()
    stubFetch(() => ({ status: 500, body: { error: { code: 'INTERNAL', message: '服务器内部错误' } } }))
    render(<Dashboard />)
    expect(await screen.findByText('服务器内部错误')).toBeTruthy()
  })
})
