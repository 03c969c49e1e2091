import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { Dashboard } from '../src/pages/Dashboard'
import { stubFetch } from './fakeApi'

describe('Dashboard', () => {
  it('says admin login is not open yet when /v1/admin/stats does not exist', async () => {
    const calls = stubFetch(() => undefined)
    render(<Dashboard />)
    expect(await screen.findByText('管理员登录将在身份认证上线后开放')).toBeTruthy()
    expect(calls.map((c) => c.path)).toEqual(['/v1/admin/stats'])
  })

  it('shows the same notice when the API refuses a non-admin', async () => {
    stubFetch(() => ({ status: 403, body: { error: { code: 'FORBIDDEN', message: 'admin only' } } }))
    render(<Dashboard />)
    expect(await screen.findByText('管理员登录将在身份认证上线后开放')).toBeTruthy()
  })

  it('renders the counts the stats endpoint returns', async () => {
    stubFetch((c) =>
      c.path === '/v1/admin/stats'
        ? { status: 200, body: { users: 12, listingsByStatus: { active: 7, sold: 3 }, listingsByKind: { book: 4 } } }
        : undefined,
    )
    render(<Dashboard />)
    await screen.findByTestId('stats')
    expect(screen.getByText('用户')).toBeTruthy()
    expect(screen.getByText('商品（按状态）')).toBeTruthy()
    expect(screen.getByText('在售')).toBeTruthy()
    expect(screen.getByText('已售出')).toBeTruthy()
    expect(screen.getByText('闲置书籍')).toBeTruthy()
    expect(screen.queryByText('管理员登录将在身份认证上线后开放')).toBeNull()
  })

  it('shows a real failure as an error, not as "not open yet"', async () => {
    stubFetch(() => ({ status: 500, body: { error: { code: 'INTERNAL', message: '服务器内部错误' } } }))
    render(<Dashboard />)
    expect(await screen.findByText('服务器内部错误')).toBeTruthy()
  })
})
