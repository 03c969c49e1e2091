import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AdminStats } from '../src/api/types';
import { Dashboard } from '../src/pages/dashboard/Dashboard';
import { stubFetch, type Call } from './fakeApi';
import { renderPage } from './render';

const superAdmin = { id: 'adm-0', username: 'root', role: 'super_admin', campusId: null } as const;

function days(): AdminStats['daily'] {
  return Array.from({ length: 30 }, (_, i) => {
    const day = `2026-09-${String(i + 1).padStart(2, '0')}`;
    return {
      day,
      newListings: i === 29 ? 8 : i === 28 ? 4 : 0,
      newUsers: i === 29 ? 2 : 0,
      favorites: i === 29 ? 5 : 1,
      comments: i === 29 ? 3 : 0,
      views: i === 29 ? 40 : 2,
      activeUsers: i === 29 ? 6 : 1,
    };
  });
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
    funnel: { listed: 12, favorited: 7, commented: 4, sold: 2 },
    topViewed: [{ listingId: 'L1', title: '二手显示器', views: 30 }],
    ...over,
  };
}

const noBlocks = (c: Call) =>
  c.path === '/v1/admin/search/blocked-terms' ? { status: 200, body: { items: [] } } : undefined;

describe('Dashboard', () => {
  it("shows the campus's totals, listings by status and kind, top categories and hot searches", async () => {
    const calls = stubFetch((c) => (c.path === '/v1/admin/stats' ? { status: 200, body: stats() } : noBlocks(c)));
    renderPage(<Dashboard />);
    await screen.findByTestId('stats');
    await within(screen.getByTestId('blocked-terms')).findByText('暂无屏蔽词');
    expect(calls.map((c) => `${c.path}?${c.query}`)).toEqual([
      '/v1/admin/stats?campusId=demo',
      '/v1/admin/search/blocked-terms?campusId=demo',
    ]);
    const value = (title: string) =>
      screen.getByText(title).closest('.ant-statistic')!.querySelector('.ant-statistic-content')!.textContent;
    expect(value('商品总数')).toBe('15');
    expect(value('在售（含已预订）')).toBe('10');
    expect(value('用户总数')).toBe('40');
    expect(value('已认证学生')).toBe('30/ 未认证 10');
    expect(value('近 30 天新增商品')).toBe('12');
    expect(value('近 30 天浏览')).toBe('98');
    expect(value('近 30 天留言')).toBe('3');
    expect(value('今日活跃用户')).toBe('6');
    expect(screen.getByTestId('funnel').textContent).toBe('发布 12 → 被收藏 7 → 有留言 4 → 已售出 2');
    expect(screen.getByText('二手显示器')).toBeTruthy();
    const hot = screen.getByTestId('hot-searches');
    expect(
      within(hot)
        .getAllByText(/^\d\. /)
        .map((e) => e.textContent),
    ).toEqual(['1. 自行车', '2. 台灯']);
    // A campus admin has one campus: no view across campuses.
    expect(screen.queryByText('全部校区')).toBeNull();
  });

  it('draws the daily series, listings by status and category, and the funnel with ECharts', async () => {
    stubFetch((c) => (c.path === '/v1/admin/stats' ? { status: 200, body: stats() } : noBlocks(c)));
    renderPage(<Dashboard />);
    await screen.findByTestId('stats');
    for (const label of [
      '近 30 天新增商品、活跃用户、浏览、留言',
      '商品按状态',
      '近 30 天各分类新发布',
      '发布、被收藏、有留言、已售出',
    ]) {
      const chart = screen.getByRole('img', { name: label });
      await waitFor(() => expect(chart.querySelector('svg')).not.toBeNull());
    }
  });

  it('lets a super admin look at every campus together', async () => {
    const calls = stubFetch((c) =>
      c.path === '/v1/admin/stats'
        ? { status: 200, body: stats({ campusId: c.query.get('campusId')!, campusName: '全部校区' }) }
        : noBlocks(c),
    );
    renderPage(<Dashboard />, { admin: superAdmin });
    await screen.findByTestId('stats');
    fireEvent.click(screen.getByText('全部校区', { selector: '.ant-segmented-item-label' }));
    await waitFor(() =>
      expect(
        calls
          .filter((c) => c.path === '/v1/admin/stats')
          .at(-1)!
          .query.get('campusId'),
      ).toBe('all'),
    );
    expect(await screen.findByText(/热搜按校区统计/)).toBeTruthy();
  });

  it("shows the API's refusal and real failures as errors", async () => {
    stubFetch(() => ({
      status: 403,
      body: { error: { code: 'ADMIN_SCOPE', message: '校区管理员只能管理本校区的内容' } },
    }));
    const { unmount } = renderPage(<Dashboard />);
    expect(await screen.findByText('校区管理员只能管理本校区的内容')).toBeTruthy();
    unmount();
    stubFetch(() => ({ status: 500, body: { error: { code: 'INTERNAL', message: '服务器内部错误' } } }));
    renderPage(<Dashboard />);
    expect(await screen.findByText('服务器内部错误')).toBeTruthy();
  });

  it('blocks a hot term after confirming, lifts a block, and fetches the hot list again each time', async () => {
    let blocked: { id: string; campusId: string; term: string; createdAt: string; createdBy: string }[] = [];
    const calls = stubFetch((c) => {
      if (c.path === '/v1/admin/stats') {
        const hidden = (t: string) => blocked.some((b) => t.includes(b.term));
        return { status: 200, body: stats({ hotSearches: stats().hotSearches.filter((h) => !hidden(h.term)) }) };
      }
      if (c.path === '/v1/admin/search/blocked-terms' && c.method === 'GET')
        return { status: 200, body: { items: blocked } };
      if (c.path === '/v1/admin/search/blocked-terms' && c.method === 'POST') {
        const body = c.body as { campusId: string; term: string };
        if (body.term.trim().length > 20)
          return {
            status: 400,
            body: { error: { code: 'VALIDATION_FAILED', message: 'term: 屏蔽词最多 20 个字', details: [] } },
          };
        const entry = {
          id: `B${blocked.length + 1}`,
          campusId: body.campusId,
          term: body.term.trim(),
          createdAt: '2026-09-30T02:00:00.000Z',
          createdBy: 'adm-1',
        };
        blocked = [...blocked, entry];
        return { status: 201, body: entry };
      }
      if (c.path.startsWith('/v1/admin/search/blocked-terms/') && c.method === 'DELETE') {
        const id = c.path.split('/').at(-1);
        const entry = blocked.find((b) => b.id === id)!;
        blocked = blocked.filter((b) => b.id !== id);
        return { status: 200, body: entry };
      }
      return undefined;
    });
    renderPage(<Dashboard />);
    const hot = await screen.findByTestId('hot-searches');
    fireEvent.click(within(hot).getByRole('button', { name: '屏蔽 台灯' }));
    // antd spaces out a two-character button label (屏 蔽).
    const confirm = (await screen.findByText('热搜中不再出现这个词及含有它的词')).closest(
      '.ant-popover',
    ) as HTMLElement;
    fireEvent.click(within(confirm).getByRole('button', { name: /屏\s*蔽/ }));
    await waitFor(() => expect(within(screen.getByTestId('hot-searches')).queryByText('2. 台灯')).toBeNull());
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ campusId: 'demo', term: '台灯' });
    expect(within(screen.getByTestId('blocked-terms')).getByText('台灯')).toBeTruthy();

    fireEvent.click(screen.getByLabelText('解除屏蔽 台灯'));
    await within(screen.getByTestId('hot-searches')).findByText('2. 台灯');
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual([
      '/v1/admin/search/blocked-terms/B1',
    ]);
    expect(calls.filter((c) => c.path === '/v1/admin/stats')).toHaveLength(3);

    fireEvent.change(screen.getByPlaceholderText('输入要屏蔽的词，如：代写'), { target: { value: '自行' } });
    fireEvent.click(screen.getAllByRole('button', { name: /屏\s*蔽/ }).at(-1)!);
    await waitFor(() => expect(within(screen.getByTestId('hot-searches')).queryByText('1. 自行车')).toBeNull());
    expect(screen.getByPlaceholderText<HTMLInputElement>('输入要屏蔽的词，如：代写').value).toBe('');
  });
});
