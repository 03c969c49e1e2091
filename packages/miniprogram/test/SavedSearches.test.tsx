import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SavedSearch } from '../src/api/saved-searches';
import type { NotificationItem } from '../src/api/types';
import { MeMenu } from '../src/components/MeMenu';
import Notifications from '../src/pages/notifications/index';
import SavedSearchesPage from '../src/pages/saved-searches/index';
import SearchPage from '../src/pages/search/index';
import { aListing, catalog } from './fixtures';
import { calls, ok, refusal, serve } from './query';
import { render } from './render';
import { routerParams, storage, taroFake } from './taro-mock';

const saved = (id: string, over: Partial<SavedSearch> = {}): SavedSearch => ({
  id,
  q: '自行车',
  filters: {},
  createdAt: '2026-12-01T08:00:00.000Z',
  ...over,
});

const me = { id: 'u-bob', nickname: '鲍勃', campusId: 'demo', verified: true, status: 'active' };
const signedIn = () => storage.set('xz_token', 'tok-bob');
const common = {
  'GET /v1/catalog': () => ok(catalog),
  'GET /v1/me': () => ok(me),
  'GET /v1/me/notifications/unread-count': () => ok({ unread: 0 }),
};

describe('我的订阅 page', () => {
  it('lists my saved searches with their filters; tapping one searches it, 删除 removes it', async () => {
    signedIn();
    let mine = [
      saved('S2', { q: '台灯', filters: { categoryId: 'c-lamp', maxPrice: 5_000, tradeMethod: 'face_to_face' } }),
      saved('S1'),
    ];
    serve({
      ...common,
      'GET /v1/me/saved-searches': () => ok({ items: mine }),
      'DELETE /v1/me/saved-searches/S2': () => {
        mine = mine.filter((s) => s.id !== 'S2');
        return { statusCode: 204, data: '' };
      },
    });
    render(<SavedSearchesPage />);
    await waitFor(() => expect(screen.getAllByTestId('saved-search')).toHaveLength(2));
    const [lamp, bike] = screen.getAllByTestId('saved-search');
    // The query, then its category's name once the catalog is in.
    await waitFor(() => expect(within(lamp!).getAllByText('台灯')).toHaveLength(2));
    expect(within(lamp!).getByText('¥50.00 以下')).toBeTruthy();
    expect(within(lamp!).getByText('当面交易')).toBeTruthy();

    fireEvent.click(within(bike!).getByText('自行车'));
    expect(taroFake.navigateTo).toHaveBeenCalledWith({ url: '/pages/search/index?q=%E8%87%AA%E8%A1%8C%E8%BD%A6' });

    fireEvent.click(within(lamp!).getByTestId('saved-remove'));
    await waitFor(() => expect(screen.getAllByTestId('saved-search')).toHaveLength(1));
    expect(taroFake.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '删除订阅' }));
    expect(calls('DELETE', '/v1/me/saved-searches/S2')).toHaveLength(1);
  });

  it('keeps a search when the student cancels the deletion', async () => {
    signedIn();
    serve({ ...common, 'GET /v1/me/saved-searches': () => ok({ items: [saved('S1')] }) });
    taroFake.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<SavedSearchesPage />);
    fireEvent.click(await screen.findByTestId('saved-remove'));
    await waitFor(() => expect(taroFake.showModal).toHaveBeenCalled());
    expect(calls('DELETE', '/v1/me/saved-searches/S1')).toHaveLength(0);
    expect(screen.getAllByTestId('saved-search')).toHaveLength(1);
  });

  it('has loading, empty and error states, and asks a visitor to sign in', async () => {
    signedIn();
    let answer = () => ok({ items: [] });
    serve({ ...common, 'GET /v1/me/saved-searches': () => answer() });
    const first = render(<SavedSearchesPage />);
    expect(screen.getByText('加载中…')).toBeTruthy();
    expect(await screen.findByTestId('saved-empty')).toBeTruthy();
    first.unmount();

    answer = () => refusal(503, 'UNAVAILABLE', '服务暂时不可用');
    const second = render(<SavedSearchesPage />);
    const error = await screen.findByText('服务暂时不可用（点击重试）');
    answer = () => ok({ items: [saved('S1')] });
    fireEvent.click(error);
    expect(await screen.findByTestId('saved-search')).toBeTruthy();
    second.unmount();

    storage.clear();
    render(<SavedSearchesPage />);
    expect(screen.getByText('登录后才能订阅搜索')).toBeTruthy();
  });

  it('is reached from 我的', () => {
    render(<MeMenu campusId="demo" />);
    fireEvent.click(screen.getByTestId('menu-saved-searches'));
    expect(taroFake.navigateTo).toHaveBeenCalledWith({ url: '/pages/saved-searches/index' });
  });
});

describe('保存此搜索 on the search results', () => {
  const bikeHit = {
    listing: aListing({ id: 'L-bike', title: '二手自行车' }),
    score: 3,
    title: [{ text: '二手自行车', match: false }],
    snippet: [],
  };

  it('saves the query with the filters that narrow it, once', async () => {
    signedIn();
    serve({
      ...common,
      'GET /v1/client-config': () => ok({ mode: 'embedded', demoLogin: true, defaultCampusId: 'demo' }),
      'GET /v1/search/hot': () => ok({ terms: [] }),
      'GET /v1/search': () => ok({ items: [bikeHit], nextCursor: null }),
      'POST /v1/me/saved-searches': (req) => ok(saved('S9', { q: (req.data as { q: string }).q }), 201),
    });
    Object.assign(routerParams, { q: '自行车' });
    render(<SearchPage />);
    await screen.findByTestId('search-hit');
    fireEvent.click(screen.getByText('书籍'));
    await waitFor(() => expect(calls('GET', '/v1/search').length).toBeGreaterThan(1));
    fireEvent.click(screen.getByTestId('save-search'));
    await waitFor(() => expect(screen.getByTestId('save-search').textContent).toBe('已订阅'));
    expect(calls('POST', '/v1/me/saved-searches').map((r) => r.data)).toEqual([{ q: '自行车', kind: 'book' }]);
    expect(taroFake.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已订阅，有新发布会通知你' }));
    fireEvent.click(screen.getByTestId('save-search'));
    expect(calls('POST', '/v1/me/saved-searches')).toHaveLength(1);
  });

  it('shows the refusal (the 21st search) and asks a visitor to sign in', async () => {
    signedIn();
    serve({
      ...common,
      'GET /v1/search/hot': () => ok({ terms: [] }),
      'GET /v1/search': () => ok({ items: [bikeHit], nextCursor: null }),
      'POST /v1/me/saved-searches': () =>
        refusal(409, 'SAVED_SEARCH_LIMIT_REACHED', '最多保存 20 个订阅，请先删除不需要的'),
    });
    Object.assign(routerParams, { q: '自行车' });
    const { unmount } = render(<SearchPage />);
    await screen.findByTestId('search-hit');
    fireEvent.click(screen.getByTestId('save-search'));
    await waitFor(() =>
      expect(taroFake.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '最多保存 20 个订阅，请先删除不需要的' }),
      ),
    );
    expect(screen.getByTestId('save-search').textContent).toBe('🔔 保存此搜索');
    unmount();

    storage.clear();
    taroFake.showToast.mockClear();
    render(<SearchPage />);
    await screen.findByTestId('search-hit');
    fireEvent.click(screen.getByTestId('save-search'));
    expect(taroFake.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先在「我的」页登录' }));
  });
});

describe('订阅提醒 in 消息', () => {
  it('says which saved search a new listing matched, and opens the listing', async () => {
    signedIn();
    const notice: NotificationItem = {
      id: 'N1',
      kind: 'saved_search',
      listingId: 'L-bike',
      createdAt: '2026-12-01T08:00:00.000Z',
      readAt: null,
      data: { listingTitle: '二手自行车', price: 30_000, query: 'zixingche', savedSearchId: 'S1' },
      count: 1,
    };
    serve({
      ...common,
      'GET /v1/me/notifications': () => ok({ items: [notice], nextCursor: null }),
      'POST /v1/me/notifications/N1/read': () => ({ statusCode: 204, data: '' }),
    });
    render(<Notifications />);
    const item = await screen.findByTestId('notice');
    expect(item.textContent).toContain('订阅提醒');
    expect(item.textContent).toContain('新发布 ¥300.00，符合你的订阅「zixingche」');
    fireEvent.click(item);
    expect(taroFake.navigateTo).toHaveBeenCalledWith({ url: '/pages/detail/index?id=L-bike' });
  });
});
