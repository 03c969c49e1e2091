import { fireEvent, render as rtlRender, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { NotificationItem } from '../src/api/types';
import { ListingCard } from '../src/components/ListingCard';
import { describe as describeNotice } from '../src/lib/notifications';
import { noticeTarget } from '../src/lib/trade-notices';
import Notifications from '../src/pages/notifications/index';
import ProfilePage from '../src/pages/profile/index';
import { aListing } from './fixtures';
import { calls, ok, refusal, renderWithQuery, serve } from './query';
import { routerParams, storage, taroFake } from './taro-mock';
import { alice, aRating, bob } from './trade-fixtures';

const trust = { completedAsSeller: 5, completedAsBuyer: 2, ratingCount: 4, goodShare: 0.75 };
const aliceProfile = (over: object = {}) => ({
  ...alice,
  verified: true,
  campusId: 'demo',
  memberSince: '2026-09-01T00:00:00.000Z',
  liveListingCount: 1,
  trust,
  ...over,
});
const page = <T,>(items: T[]) => ok({ items, nextCursor: null });

describe('卖家主页: trust and ratings', () => {
  beforeEach(() => {
    routerParams.id = 'u-alice';
  });

  it('shows completed trades, 好评率 and the ratings newest first with replies, and reports one', async () => {
    storage.set('xz_token', 'tok-bob-dave');
    serve({
      'GET /v1/me': () => ok({ ...bob, id: 'u-dave', nickname: 'dave', campusId: 'demo', verified: true }),
      'GET /v1/users/u-alice': () => ok(aliceProfile()),
      'GET /v1/users/u-alice/listings': () => page([]),
      'GET /v1/users/u-alice/ratings': () =>
        page([
          aRating({ id: 'R2', text: '很好', reply: { text: '谢谢', createdAt: '2026-12-08T00:00:00.000Z' } }),
          aRating({ id: 'R1', score: 'bad', text: '迟到了', rater: { ...bob, nickname: 'carl' } }),
        ]),
      'POST /v1/reports': () => ok({ received: true }, 201),
    });
    renderWithQuery(<ProfilePage />);
    const figures = await screen.findByTestId('trust');
    expect(figures.textContent).toBe('5卖出2买入75%好评率4评价');
    fireEvent.click(screen.getByTestId('profile-tab-ratings'));
    expect(screen.getByTestId('profile-tab-ratings').textContent).toBe('收到的评价 (4)');
    const ratings = await screen.findAllByTestId('rating');
    expect(ratings.map((r) => within(r).getByTestId('rating-score').textContent)).toEqual(['好评', '差评']);
    expect(within(ratings[0]!).getByTestId('rating-reply').textContent).toBe('alice 回复：谢谢');
    // Not mine to answer: no 回复, but a report.
    expect(within(ratings[1]!).queryByTestId('rating-reply-btn')).toBeNull();
    fireEvent.click(within(ratings[1]!).getByTestId('rating-report'));
    expect(screen.getByText('举报这条评价')).toBeTruthy();
    fireEvent.click(screen.getByText('骚扰辱骂'));
    fireEvent.click(screen.getByText('提交举报'));
    await waitFor(() =>
      expect(calls('POST', '/v1/reports').map((r) => r.data)).toEqual([
        { targetType: 'rating', targetId: 'R1', reason: 'harassment' },
      ]),
    );
  });

  it('shows no 好评率 before any rating, an empty list, and a failed list with a retry', async () => {
    let fail = false;
    serve({
      'GET /v1/users/u-alice': () =>
        ok(aliceProfile({ trust: { completedAsSeller: 0, completedAsBuyer: 0, ratingCount: 0, goodShare: null } })),
      'GET /v1/users/u-alice/listings': () => page([]),
      'GET /v1/users/u-alice/ratings': () => (fail ? refusal(503, 'DATABASE_UNAVAILABLE', '服务暂时不可用') : page([])),
    });
    const { unmount } = renderWithQuery(<ProfilePage />);
    expect((await screen.findByTestId('good-share')).textContent).toBe('暂无');
    fireEvent.click(screen.getByTestId('profile-tab-ratings'));
    expect((await screen.findByTestId('ratings-empty')).textContent).toBe('还没有公开的评价');
    unmount();
    fail = true;
    renderWithQuery(<ProfilePage />);
    fireEvent.click(await screen.findByTestId('profile-tab-ratings'));
    expect((await screen.findByTestId('ratings-error')).textContent).toBe('服务暂时不可用（点击重试）');
  });
});

const notice = (kind: string, data: NotificationItem['data'], listingId: string | null = 'L1'): NotificationItem =>
  ({
    id: `N-${kind}`,
    kind,
    listingId,
    data,
    createdAt: '2026-12-06T08:00:00.000Z',
    readAt: null,
    count: 1,
  }) as NotificationItem;

describe('trade notices in 消息', () => {
  it('says what happened and opens the right page', () => {
    const want = notice('want_received', { listingTitle: '台灯', actorNickname: 'bob', userId: 'u-bob' });
    expect(describeNotice(want)).toBe('bob 想要你的宝贝');
    expect(noticeTarget(want)).toBe('/pages/detail/index?id=L1');
    const offer = notice('offer_received', { listingTitle: '台灯', price: 1850, offerId: 'O1' });
    expect(describeNotice(offer)).toBe('收到出价 ¥18.50，可以接受、拒绝或还价');
    expect(noticeTarget(offer)).toBe('/pages/offers/index?role=seller');
    const counter = notice('offer_countered', { listingTitle: '台灯', price: 1900, offerId: 'O1' });
    expect(describeNotice(counter)).toContain('卖家还价 ¥19.00');
    expect(noticeTarget(counter)).toBe('/pages/offers/index?role=buyer');
    // Accepted: the seller accepted an offer or the buyer a counter; the notice opens the trade it started.
    const accepted = notice('offer_accepted', { listingTitle: '台灯', price: 1900, offerId: 'O1', tradeId: 'T3' });
    expect(describeNotice(accepted)).toBe('出价 ¥19.00 已被接受，交易已开始');
    expect(noticeTarget(accepted)).toBe('/pages/trade/index?id=T3');
    // One stored before notices named their trade opens the listing, which shows either side the trade.
    expect(noticeTarget(notice('offer_accepted', { listingTitle: '台灯', price: 1900, offerId: 'O1' }))).toBe(
      '/pages/detail/index?id=L1',
    );
    const done = notice('trade_completed', { listingTitle: '台灯', price: 1900, tradeId: 'T1', reason: null });
    expect(describeNotice(done)).toBe('交易已完成，去评价对方吧');
    expect(noticeTarget(done)).toBe('/pages/trade/index?id=T1');
    const rated = notice('rating_received', { listingTitle: '台灯', score: 'good', ratingId: 'R1', tradeId: 'T1' });
    expect(describeNotice(rated)).toBe('你收到了一条好评，可以回复一次');
    expect(noticeTarget(rated)).toBe('/pages/trade/index?id=T1');
    // The older kinds still open their listing or the page they name.
    expect(noticeTarget(notice('comment', { listingTitle: '台灯' }))).toBe('/pages/detail/index?id=L1');
    expect(noticeTarget(notice('feedback_reply', { page: 'pages/feedback/index' }, null))).toBe(
      '/pages/feedback/index',
    );
  });

  it('opens a trade from the inbox', async () => {
    storage.set('xz_token', 'tok');
    serve({
      'GET /v1/me/notifications': () =>
        page([
          notice('trade_cancelled', { listingTitle: '台灯', actorNickname: 'alice', reason: '不卖了', tradeId: 'T7' }),
        ]),
      'GET /v1/me/notifications/unread-count': () => ok({ unread: 1 }),
      'POST /v1/me/notifications/N-trade_cancelled/read': () => ok(null, 204),
    });
    renderWithQuery(<Notifications />);
    const item = await screen.findByTestId('notice');
    expect(item.textContent).toContain('交易取消台灯交易已取消：不卖了');
    fireEvent.click(item);
    expect(taroFake.navigateTo).toHaveBeenCalledWith({ url: '/pages/trade/index?id=T7' });
  });
});

describe('listing cards', () => {
  it('show the 想要 count only when someone wants it', () => {
    const card = (n: number) => aListing({ wantCount: n });
    const { unmount } = rtlRender(<ListingCard listing={card(3)} />);
    expect(screen.getByTestId('card-wants').textContent).toBe('3 人想要');
    unmount();
    rtlRender(<ListingCard listing={card(0)} />);
    expect(screen.queryByTestId('card-wants')).toBeNull();
  });
});
