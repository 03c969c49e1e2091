import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ListingDetail } from '../src/api/types';
import { lastPriceDrop } from '../src/lib/price';
import Detail from '../src/pages/detail/index';
import { catalog } from './fixtures';
import { aDetail, calls, ok, refusal, renderWithQuery, serve } from './query';
import { routerParams, storage, taroFake } from './taro-mock';

const withHistory = (l: ListingDetail, priceHistory: ListingDetail['priceHistory']): ListingDetail => ({
  ...l,
  priceHistory,
});

beforeEach(() => {
  routerParams.id = 'L1';
});

function serveDetail(listing: ListingDetail, extra: Parameters<typeof serve>[0] = {}) {
  serve({
    'GET /v1/catalog': () => ok(catalog),
    'GET /v1/listings/L1': () => ok(listing),
    'GET /v1/listings/L1/comments': () => ok({ items: [] }),
    'GET /v1/listings/L1/similar': () => ok({ items: [], nextCursor: null, mode: 'similar' }),
    'GET /v1/users/u-alice': () =>
      ok({
        id: 'u-alice',
        nickname: 'alice',
        avatarUrl: null,
        verified: true,
        campusId: 'demo',
        memberSince: '2026-01-01T00:00:00.000Z',
        liveListingCount: 3,
      }),
    ...extra,
  });
}

describe('商品详情', () => {
  it('shows price, original price, the trade facts with labels, and the verified seller opening their profile', async () => {
    serveDetail(
      aDetail({ price: 2000, originalPrice: 5000, condition: 'like_new', tradeMethods: ['face_to_face', 'express'] }, [
        'P1',
        'P2',
      ]),
    );
    renderWithQuery(<Detail />);
    await screen.findByText('台灯');
    expect(screen.getByText('当面交易、快递')).toBeTruthy();
    expect(screen.getAllByText('几乎全新').length).toBeGreaterThan(0);
    // The area's name comes from the campus catalog, which loads once the campus is known.
    expect(await screen.findByText('北区宿舍')).toBeTruthy();
    const seller = screen.getByTestId('seller-card');
    await within(seller).findByText('已认证学生');
    fireEvent.click(within(seller).getByText('alice'));
    expect(taroFake.navigateTo).toHaveBeenCalledWith({ url: '/pages/profile/index?id=u-alice' });
    // Visitors see why they cannot add the seller.
    expect(within(seller).getByText('验证学生身份后可联系卖家')).toBeTruthy();
  });

  it('opens the full-screen viewer on the large photos, starting at the one tapped', async () => {
    serveDetail(aDetail({}, ['P1', 'P2']));
    renderWithQuery(<Detail />);
    const photos = await screen.findAllByTestId('gallery-photo');
    expect(screen.getByTestId('gallery-count').textContent).toBe('1/2');
    fireEvent.click(photos[1]!);
    expect(taroFake.previewImage).toHaveBeenCalledWith({
      current: '/media/photos/P2/large',
      urls: ['/media/photos/P1/large', '/media/photos/P2/large'],
    });
  });

  it('shows 降价 when the price history ends with a drop to today’s price', async () => {
    const dropped = withHistory(aDetail({ price: 1500 }), [
      { at: '2026-11-20T08:00:00.000Z', from: null, to: 2000 },
      { at: '2026-11-21T08:00:00.000Z', from: 2000, to: 1500 },
    ]);
    expect(lastPriceDrop(dropped)).toEqual({ from: 2000, to: 1500 });
    const at = '2026-11-22T08:00:00.000Z';
    expect(lastPriceDrop(withHistory(aDetail({ price: 2500 }), [{ at, from: 2000, to: 2500 }]))).toBeNull();
    // A drop that a later edit undid is no longer today's price.
    expect(lastPriceDrop(withHistory(aDetail({ price: 2000 }), [{ at, from: 2000, to: 1500 }]))).toBeNull();
    expect(lastPriceDrop(aDetail())).toBeNull();
    serveDetail(dropped);
    renderWithQuery(<Detail />);
    expect((await screen.findByTestId('price-drop')).textContent).toBe('降价 ¥5.00');
  });

  it('favorites for a signed-in student and counts it', async () => {
    storage.set('xz_token', 'tok-bob');
    serveDetail(aDetail({ favoriteCount: 1 }), {
      'GET /v1/me': () => ok({ id: 'u-bob', nickname: 'bob' }),
      'PUT /v1/listings/L1/favorite': () => ok({ favorited: true, favoriteCount: 2 }),
    });
    renderWithQuery(<Detail />);
    fireEvent.click(await screen.findByText('收藏'));
    await screen.findByText('已收藏');
    expect(screen.getByText(/2 人收藏/)).toBeTruthy();
    expect(calls('PUT', '/v1/listings/L1/favorite')).toHaveLength(1);
  });

  it('shows a missing listing with a retry', async () => {
    serve({
      'GET /v1/catalog': () => ok(catalog),
      'GET /v1/listings/L1': () => refusal(404, 'LISTING_NOT_FOUND', '商品不存在或已下架'),
    });
    renderWithQuery(<Detail />);
    expect(await screen.findByText('商品不存在或已下架（点击重试）')).toBeTruthy();
  });

  it('opens the report sheet for the listing', async () => {
    serveDetail(aDetail());
    renderWithQuery(<Detail />);
    fireEvent.click(await screen.findByTestId('report'));
    expect(screen.getByText('举报这件商品')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('提交举报')).toBeTruthy());
  });
});
