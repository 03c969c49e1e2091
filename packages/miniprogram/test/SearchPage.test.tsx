import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../src/api/types';
import Home from '../src/pages/home/index';
import SearchPage from '../src/pages/search/index';
import { aListing, catalog } from './fixtures';
import { CLIENT_CONFIG, render } from './render';
import { requests, respondWith, routerParams, storage, taroFake, taroModule, type FakeResponse } from './taro-mock';

const hit = (id: string, title: string, over: Partial<SearchHit> = {}): SearchHit => ({
  listing: aListing({ id, title }),
  score: 3,
  title: [{ text: title, match: false }],
  snippet: [{ text: '骑了一年', match: false }],
  ...over,
});

const bike = hit('L-bike', '二手自行车 捷安特', {
  title: [
    { text: '二手', match: false },
    { text: '自行车', match: true },
    { text: ' 捷安特', match: false },
  ],
  snippet: [
    { text: '通勤用的', match: false },
    { text: '自行车', match: true },
    { text: '，刹车灵敏', match: false },
  ],
});

const params = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);
const calls = (path: string) => requests.filter((r) => r.url.split('?')[0] === path);

type Routes = Record<string, (q: Record<string, string>) => FakeResponse>;
function serve(routes: Routes) {
  respondWith((req) => {
    const path = req.url.split('?')[0]!;
    const route = routes[path];
    if (route) return route(params(req.url));
    if (path === '/v1/catalog') return { statusCode: 200, data: catalog };
    if (path === '/v1/client-config') return { statusCode: 200, data: CLIENT_CONFIG };
    if (path === '/v1/banners' || path === '/v1/notices') return { statusCode: 200, data: { items: [] } };
    if (path === '/v1/search/hot') return { statusCode: 200, data: { terms: [] } };
    return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: 'no route', details: null } } };
  });
}

const input = () => screen.getByTestId('search-input').querySelector('input') ?? screen.getByTestId('search-input');
const type = (value: string) => fireEvent.input(input(), { target: { value } });

describe('search page', () => {
  it('offers the campus hot searches and the recent ones kept on the phone; 清空 forgets them', async () => {
    storage.set('xz.recentSearches', ['高数', '台灯']);
    serve({ '/v1/search/hot': () => ({ statusCode: 200, data: { terms: ['自行车', '四六级', '电风扇'] } }) });
    render(<SearchPage />);
    const hot = await screen.findByTestId('hot-searches');
    expect(
      within(hot)
        .getAllByText(/.+/)
        .map((e) => e.textContent),
    ).toEqual(['校园热搜', '自行车', '四六级', '电风扇']);
    const recent = screen.getByTestId('recent-searches');
    expect(within(recent).getByText('高数')).toBeTruthy();
    fireEvent.click(within(recent).getByText('清空'));
    expect(screen.queryByTestId('recent-searches')).toBeNull();
    expect(storage.has('xz.recentSearches')).toBe(false);
  });

  it('asks for suggestions once the typing pauses, and searches the one tapped', async () => {
    serve({
      '/v1/search/suggest': (q) => ({
        statusCode: 200,
        data: { suggestions: [`${q['q']} 建议`, '二手自行车 捷安特'] },
      }),
      '/v1/search': () => ({ statusCode: 200, data: { items: [bike], nextCursor: null } }),
    });
    render(<SearchPage />);
    type('z');
    type('zx');
    type('zxc');
    const list = await screen.findByTestId('suggestions');
    // Right away: a row to search what was typed; the suggestions follow once typing pauses.
    expect(within(list).getByText('搜索“zxc”')).toBeTruthy();
    fireEvent.click(await within(list).findByText('二手自行车 捷安特'));
    expect(calls('/v1/search/suggest').map((r) => params(r.url)['q'])).toEqual(['zxc']);
    await screen.findByTestId('search-hit');
    expect(params(calls('/v1/search')[0]!.url)).toMatchObject({
      q: '二手自行车 捷安特',
      campusId: 'demo',
      sort: 'relevance',
    });
    expect(storage.get('xz.recentSearches')).toEqual(['二手自行车 捷安特']);
  });

  it('shows the highlighted runs of title and snippet, and opens the listing', async () => {
    serve({ '/v1/search': () => ({ statusCode: 200, data: { items: [bike], nextCursor: null } }) });
    render(<SearchPage />);
    type('zxc');
    fireEvent.click(screen.getByText('搜索'));
    const card = await screen.findByTestId('search-hit');
    expect(
      within(card)
        .getAllByTestId('hl')
        .map((e) => e.textContent),
    ).toEqual(['自行车', '自行车']);
    expect(card.textContent).toContain('二手自行车 捷安特');
    expect(card.textContent).toContain('通勤用的自行车，刹车灵敏');
    expect(card.textContent).toContain('北区宿舍');
    expect(screen.getByText('— 没有更多了 —')).toBeTruthy();
    fireEvent.click(card);
    expect(taroFake.navigateTo).toHaveBeenCalledWith({ url: '/pages/detail/index?id=L-bike' });
  });

  it('applies kind, sort, condition, trade method and price filters to the search', async () => {
    serve({ '/v1/search': () => ({ statusCode: 200, data: { items: [bike], nextCursor: null } }) });
    Object.assign(routerParams, { q: '自行车' });
    render(<SearchPage />);
    await screen.findByTestId('search-hit');
    fireEvent.click(screen.getByText('书籍'));
    await waitFor(() => expect(params(calls('/v1/search').at(-1)!.url)['kind']).toBe('book'));
    fireEvent.click(screen.getByText('价格↑'));
    await waitFor(() => expect(params(calls('/v1/search').at(-1)!.url)['sort']).toBe('price_asc'));
    fireEvent.click(screen.getByText('筛选▼'));
    const panel = screen.getByTestId('filter-panel');
    fireEvent.click(within(panel).getByText('几乎全新'));
    await waitFor(() => expect(params(calls('/v1/search').at(-1)!.url)['condition']).toBe('like_new'));
    fireEvent.click(within(panel).getByText('快递'));
    await waitFor(() => expect(params(calls('/v1/search').at(-1)!.url)['tradeMethod']).toBe('express'));
    const price = (id: string) => within(panel).getByTestId(id).querySelector('input') ?? within(panel).getByTestId(id);
    fireEvent.input(price('min-price'), { target: { value: '30' } });
    fireEvent.input(price('max-price'), { target: { value: '12.5' } });
    fireEvent.click(within(panel).getByText('确定'));
    expect(within(panel).getByText('最低价不能高于最高价')).toBeTruthy();
    fireEvent.input(price('min-price'), { target: { value: '10' } });
    fireEvent.click(within(panel).getByText('确定'));
    await waitFor(() =>
      expect(params(calls('/v1/search').at(-1)!.url)).toMatchObject({
        q: '自行车',
        kind: 'book',
        sort: 'price_asc',
        condition: 'like_new',
        tradeMethod: 'express',
        minPrice: '1000',
        maxPrice: '1250',
      }),
    );
  });

  it('loads the next page when scrolled to the bottom, with the cursor', async () => {
    serve({
      '/v1/search': (q) =>
        q['cursor'] === 'page-2'
          ? { statusCode: 200, data: { items: [hit('L3', '台灯三号')], nextCursor: null } }
          : { statusCode: 200, data: { items: [hit('L1', '台灯一号'), hit('L2', '台灯二号')], nextCursor: 'page-2' } },
    });
    Object.assign(routerParams, { q: '台灯' });
    render(<SearchPage />);
    await screen.findByText('台灯二号');
    const onBottom = taroModule.useReachBottom.mock.calls.at(-1)![0] as () => void;
    act(() => onBottom());
    await screen.findByText('台灯三号');
    expect(screen.getAllByTestId('search-hit')).toHaveLength(3);
    expect(params(calls('/v1/search').at(-1)!.url)['cursor']).toBe('page-2');
    expect(screen.getByText('— 没有更多了 —')).toBeTruthy();
  });

  it('explains an empty result with tips, and clears the filters on request', async () => {
    serve({ '/v1/search': (q) => ({ statusCode: 200, data: { items: q['kind'] ? [] : [bike], nextCursor: null } }) });
    Object.assign(routerParams, { q: '自行车' });
    render(<SearchPage />);
    await screen.findByTestId('search-hit');
    fireEvent.click(screen.getByText('求购'));
    const empty = await screen.findByTestId('search-empty');
    expect(empty.textContent).toContain('没有找到与“自行车”相关的闲置');
    expect(empty.textContent).toContain('试试拼音或首字母');
    fireEvent.click(within(empty).getByText('清除筛选条件再试'));
    // The unfiltered results come back (from the cache: the same search was just made).
    await screen.findByTestId('search-hit');
    expect(screen.getByText('全部').className).toContain('sfb-chip-on');
    expect(calls('/v1/search').filter((r) => !params(r.url)['kind']).length).toBeGreaterThan(0);
  });

  it("shows the API's message when the search is refused", async () => {
    serve({
      '/v1/search': () => ({
        statusCode: 400,
        data: { error: { code: 'VALIDATION_FAILED', message: 'q: 搜索内容不能超过 50 个字', details: [] } },
      }),
    });
    Object.assign(routerParams, { q: '台灯' });
    render(<SearchPage />);
    expect(await screen.findByText(/搜索内容不能超过 50 个字/)).toBeTruthy();
    expect(screen.queryByTestId('search-empty')).toBeNull();
  });
});

describe('home page search bar', () => {
  it('opens the search page', async () => {
    // The home page opens on 推荐 (recommendations), above which the search bar sits.
    serve({
      '/v1/recommendations': () => ({ statusCode: 200, data: { items: [], nextCursor: null, mode: 'popular' } }),
    });
    render(<Home />);
    fireEvent.click(screen.getByTestId('home-search'));
    expect(taroFake.navigateTo).toHaveBeenCalledWith({ url: '/pages/search/index' });
    await waitFor(() => expect(calls('/v1/recommendations')).toHaveLength(1));
  });
});
