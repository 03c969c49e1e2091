import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SimilarListings } from '../src/components/SimilarListings';
import { renderWithQuery } from './query';
import Home from '../src/pages/home/index';
import { aListing, catalog } from './fixtures';
import { CLIENT_CONFIG, render } from './render';
import { requests, respondWith, taroFake, type FakeResponse } from './taro-mock';

const params = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);
const calls = (path: string) => requests.filter((r) => r.url.split('?')[0] === path);
const titles = () => screen.queryAllByTestId('listing-card').map((c) => c.querySelector('.card-title')?.textContent);

function serve(routes: Record<string, (q: Record<string, string>) => FakeResponse>) {
  respondWith((req) => {
    const path = req.url.split('?')[0]!;
    const route = routes[path];
    if (route) return route(params(req.url));
    if (path === '/v1/catalog') return { statusCode: 200, data: catalog };
    if (path === '/v1/client-config') return { statusCode: 200, data: CLIENT_CONFIG };
    if (path === '/v1/banners' || path === '/v1/notices') return { statusCode: 200, data: { items: [] } };
    return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: 'no route', details: null } } };
  });
}

describe('推荐 on the home page', () => {
  it('opens on 推荐, pages with the cursor the API gave, and 最新 goes to the campus feed', async () => {
    serve({
      '/v1/recommendations': (q) =>
        q['cursor'] === 'page-2'
          ? {
              statusCode: 200,
              data: { items: [aListing({ id: 'R3', title: '台灯 三号' })], nextCursor: null, mode: 'popular' },
            }
          : {
              statusCode: 200,
              data: {
                items: [aListing({ id: 'R1', title: '自行车' }), aListing({ id: 'R2', title: '高数教材' })],
                nextCursor: 'page-2',
                mode: 'popular',
              },
            },
      '/v1/listings': () => ({
        statusCode: 200,
        data: { items: [aListing({ id: 'F1', title: '最新的书' })], nextCursor: null },
      }),
    });
    render(<Home />);
    await waitFor(() => expect(titles()).toEqual(['自行车', '高数教材']));
    expect(screen.getByText('推荐').className).toContain('kind-tab-active');
    expect(screen.getByTestId('recommend-hint').textContent).toBe('同学们都在看');
    expect(params(calls('/v1/recommendations')[0]!.url)).toMatchObject({ campusId: 'demo', limit: '20' });
    expect(calls('/v1/listings')).toHaveLength(0);

    fireEvent.click(screen.getByText('上拉或点击加载更多'));
    await waitFor(() => expect(titles()).toEqual(['自行车', '台灯 三号', '高数教材']));
    expect(params(calls('/v1/recommendations')[1]!.url)['cursor']).toBe('page-2');
    expect(screen.getByText('— 没有更多了 —')).toBeTruthy();

    fireEvent.click(screen.getAllByText('最新')[0]!);
    await waitFor(() => expect(titles()).toEqual(['最新的书']));
    expect(params(calls('/v1/listings')[0]!.url)).toMatchObject({ campusId: 'demo', sort: 'newest' });
    expect(screen.queryByTestId('recommend-hint')).toBeNull();
    expect(screen.getByText('价格↑')).toBeTruthy();
  });

  it("says the list is personal when it comes from the student's history, and shows the API's refusal", async () => {
    serve({
      '/v1/recommendations': () => ({
        statusCode: 200,
        data: { items: [aListing({ id: 'R1', title: '耳机' })], nextCursor: null, mode: 'personal' },
      }),
    });
    const { unmount } = render(<Home />);
    await waitFor(() => expect(screen.getByTestId('recommend-hint').textContent).toBe('根据你的浏览和收藏推荐'));
    unmount();

    serve({
      '/v1/recommendations': () => ({
        statusCode: 400,
        data: { error: { code: 'VALIDATION_FAILED', message: '翻页参数无效，请从第一页开始', details: [] } },
      }),
    });
    render(<Home />);
    expect(await screen.findByText(/翻页参数无效/)).toBeTruthy();
  });
});

describe('相似推荐 on a listing page', () => {
  it('shows the similar listings, loads more with the cursor, and opens one', async () => {
    serve({
      '/v1/listings/L-9/similar': (q) =>
        q['cursor']
          ? {
              statusCode: 200,
              data: { items: [aListing({ id: 'S3', title: '小米手机 6' })], nextCursor: null, mode: 'personal' },
            }
          : {
              statusCode: 200,
              data: {
                items: [aListing({ id: 'S1', title: '小米手机 8' }), aListing({ id: 'S2', title: '手机壳' })],
                nextCursor: 'more',
                mode: 'personal',
              },
            },
    });
    renderWithQuery(<SimilarListings listingId="L-9" />);
    await waitFor(() => expect(titles()).toEqual(['小米手机 8', '手机壳']));
    expect(screen.getByText('相似推荐')).toBeTruthy();
    expect(params(calls('/v1/listings/L-9/similar')[0]!.url)).toMatchObject({ limit: '6' });

    fireEvent.click(screen.getByTestId('similar-more'));
    await waitFor(() => expect(titles()).toEqual(['小米手机 8', '手机壳', '小米手机 6']));
    expect(params(calls('/v1/listings/L-9/similar')[1]!.url)['cursor']).toBe('more');
    expect(screen.queryByTestId('similar-more')).toBeNull();

    fireEvent.click(screen.getAllByTestId('listing-card')[2]!);
    expect(taroFake.navigateTo).toHaveBeenCalledWith({ url: '/pages/detail/index?id=S3' });
  });

  it('stays out of the way when nothing is similar, and shows a failure with a retry', async () => {
    serve({
      '/v1/listings/L-1/similar': () => ({ statusCode: 200, data: { items: [], nextCursor: null, mode: 'personal' } }),
    });
    const { unmount } = renderWithQuery(<SimilarListings listingId="L-1" />);
    await waitFor(() => expect(calls('/v1/listings/L-1/similar')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId('similar-listings')).toBeNull());
    unmount();

    let fail = true;
    serve({
      '/v1/listings/L-2/similar': () =>
        fail
          ? { statusCode: 500, data: { error: { code: 'INTERNAL', message: '服务器开小差了', details: null } } }
          : {
              statusCode: 200,
              data: { items: [aListing({ id: 'S1', title: '台灯' })], nextCursor: null, mode: 'personal' },
            },
    });
    renderWithQuery(<SimilarListings listingId="L-2" />);
    const banner = await screen.findByText(/点击重试/);
    fail = false;
    fireEvent.click(banner);
    await waitFor(() => expect(titles()).toEqual(['台灯']));
  });
});
