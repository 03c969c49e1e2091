import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import MyOffers from '../src/pages/offers/index';
import TradePage from '../src/pages/trade/index';
import MyTrades from '../src/pages/trades/index';
import { ratingShown } from '../src/lib/trade-labels';
import { calls, ok, refusal, renderWithQuery, serve } from './query';
import { requests, routerParams, storage, taroFake } from './taro-mock';
import { alice, anOffer, aRating, aTrade, bob } from './trade-fixtures';

const meAs = (user: typeof alice) => ({ ...user, campusId: 'demo', verified: true, status: 'active' });
const query = (path: string) =>
  requests.filter((r) => r.url.split('?')[0] === path).map((r) => new URL(r.url, 'http://x').searchParams.toString());

beforeEach(() => storage.set('xz_token', 'tok'));

describe('我的出价', () => {
  it('shows my offers with withdraw and the answer to a counter, then the offers I received', async () => {
    serve({
      'GET /v1/me/offers': (req) => {
        const role = new URL(req.url, 'http://x').searchParams.get('role');
        return role === 'buyer'
          ? ok({
              items: [anOffer({ status: 'countered', counterPriceFen: 1800, counterNote: '最低了' })],
              nextCursor: null,
            })
          : ok({ items: [anOffer({ id: 'O2', buyer: { ...bob, nickname: 'dave' } })], nextCursor: null });
      },
      'POST /v1/offers/O1/accept': () =>
        ok({ offer: anOffer({ status: 'accepted', tradeId: 'T1' }), trade: aTrade({ priceFen: 1800 }) }),
    });
    renderWithQuery(<MyOffers />);
    const offer = await screen.findByTestId('offer');
    expect(offer.textContent).toContain('台灯');
    expect(within(offer).getByTestId('offer-counter').textContent).toContain('卖家还价 ¥18.00：最低了');
    expect(within(offer).getByText('撤回')).toBeTruthy();
    expect(within(offer).getByText('拒绝还价')).toBeTruthy();
    fireEvent.click(within(offer).getByText('接受还价'));
    await waitFor(() => expect(calls('POST', '/v1/offers/O1/accept')).toHaveLength(1));
    await waitFor(() => expect(taroFake.navigateTo).toHaveBeenCalledWith({ url: '/pages/trade/index?id=T1' }));

    fireEvent.click(screen.getByTestId('tab-seller'));
    await waitFor(() => expect(screen.getByTestId('offer').textContent).toContain('买家 dave'));
    expect(within(screen.getByTestId('offer')).getByText('还价')).toBeTruthy();
    expect(query('/v1/me/offers').at(-1)).toBe('role=seller');
  });

  it('withdraws after a confirmation, and filters by state', async () => {
    serve({
      'GET /v1/me/offers': () => ok({ items: [anOffer()], nextCursor: null }),
      'POST /v1/offers/O1/withdraw': () => ok(anOffer({ status: 'withdrawn' })),
    });
    renderWithQuery(<MyOffers />);
    fireEvent.click(within(await screen.findByTestId('offer')).getByText('撤回'));
    await waitFor(() => expect(calls('POST', '/v1/offers/O1/withdraw')).toHaveLength(1));
    expect(taroFake.showModal).toHaveBeenCalledWith({ title: '撤回出价', content: '确定撤回你的出价吗？' });
    fireEvent.click(screen.getByText('已还价'));
    await waitFor(() => expect(query('/v1/me/offers').at(-1)).toBe('role=buyer&status=countered'));
  });

  it('says when there are none, and shows a failure with a retry', async () => {
    serve({ 'GET /v1/me/offers': () => ok({ items: [], nextCursor: null }) });
    const { unmount } = renderWithQuery(<MyOffers />);
    expect((await screen.findByTestId('list-empty')).textContent).toBe('还没有出过价，在商品页点「我要出价」试试');
    unmount();
    serve({ 'GET /v1/me/offers': () => refusal(503, 'DATABASE_UNAVAILABLE', '服务暂时不可用') });
    renderWithQuery(<MyOffers />);
    expect((await screen.findByTestId('list-error')).textContent).toBe('服务暂时不可用（点击重试）');
  });
});

describe('我的交易', () => {
  it('lists trades by side and state, each opening its page', async () => {
    serve({
      'GET /v1/me/trades': (req) => {
        const q = new URL(req.url, 'http://x').searchParams;
        if (q.get('status') === 'cancelled') return ok({ items: [], nextCursor: null });
        return ok({
          items: [
            aTrade(),
            aTrade({ id: 'T2', status: 'completed', canRate: true, completedAt: '2026-12-07T08:00:00.000Z' }),
          ],
          nextCursor: null,
        });
      },
    });
    renderWithQuery(<MyTrades />);
    const rows = await screen.findAllByTestId('trade-row');
    expect(rows[0]!.textContent).toContain('¥18.00 · 卖家 alice');
    expect(rows[0]!.textContent).toContain('进行中');
    expect(rows[1]!.textContent).toContain('交易已完成，去评价 ›');
    fireEvent.click(rows[1]!);
    expect(taroFake.navigateTo).toHaveBeenCalledWith({ url: '/pages/trade/index?id=T2' });
    fireEvent.click(screen.getByText('已取消'));
    expect((await screen.findByTestId('list-empty')).textContent).toBe('没有这个状态的交易');
  });
});

describe('交易详情', () => {
  beforeEach(() => {
    routerParams.id = 'T1';
  });

  it('confirms after asking, and says it waits for the other side', async () => {
    let trade = aTrade();
    serve({
      'GET /v1/me': () => ok(meAs(bob)),
      'GET /v1/trades/T1': () => ok(trade),
      'POST /v1/trades/T1/confirm': () => {
        trade = aTrade({ buyerConfirmedAt: '2026-12-06T10:00:00.000Z' });
        return ok(trade);
      },
    });
    renderWithQuery(<TradePage />);
    expect((await screen.findByTestId('trade-status')).textContent).toBe('进行中');
    expect(screen.getByText(/当面交易，线下付款/)).toBeTruthy();
    fireEvent.click(await screen.findByTestId('trade-confirm'));
    await waitFor(() => expect(screen.getByTestId('trade-progress').textContent).toBe('你已确认，等待对方确认'));
    expect(screen.queryByTestId('trade-confirm')).toBeNull();
  });

  it('cancels only with a reason', async () => {
    let trade = aTrade();
    serve({
      'GET /v1/me': () => ok(meAs(alice)),
      'GET /v1/trades/T1': () => ok(trade),
      'POST /v1/trades/T1/cancel': (req) => {
        const reason = (req.data as { reason: string }).reason;
        trade = aTrade({ status: 'cancelled', cancelledBy: 'seller', cancelReason: reason });
        return ok(trade);
      },
    });
    renderWithQuery(<TradePage />);
    fireEvent.click(await screen.findByTestId('trade-cancel'));
    const sheet = await screen.findByTestId('cancel-sheet');
    fireEvent.click(within(sheet).getByTestId('sheet-submit'));
    expect(await within(sheet).findByText('请写明取消原因')).toBeTruthy();
    expect(calls('POST', '/v1/trades/T1/cancel')).toHaveLength(0);
    fireEvent.input(within(sheet).getByPlaceholderText('告诉对方为什么取消（必填）'), {
      target: { value: '买家联系不上' },
    });
    fireEvent.click(within(sheet).getByTestId('sheet-submit'));
    await waitFor(() => expect(screen.getByTestId('trade-progress').textContent).toBe('卖家已取消：买家联系不上'));
    expect(calls('POST', '/v1/trades/T1/cancel').map((r) => r.data)).toEqual([{ reason: '买家联系不上' }]);
  });

  it('rates a completed trade once and shows it waiting for the other side', async () => {
    let trade = aTrade({ status: 'completed', canRate: true, completedAt: '2026-12-07T08:00:00.000Z' });
    serve({
      'GET /v1/me': () => ok(meAs(bob)),
      'GET /v1/trades/T1': () => ok(trade),
      'GET /v1/users/u-bob/ratings': () => ok({ items: [], nextCursor: null }),
      'POST /v1/trades/T1/rating': (req) => {
        const body = req.data as { score: 'good'; text?: string };
        // Blind: shown when bob rates too, or at the latest 14 days on (a date in the future).
        const mine = aRating({ ...body, text: body.text ?? null, publishedAt: '2030-01-01T08:00:00.000Z' });
        trade = { ...trade, myRating: mine, canRate: false };
        return ok(mine, 201);
      },
    });
    renderWithQuery(<TradePage />);
    const form = await screen.findByTestId('rating-form');
    fireEvent.click(within(form).getByTestId('rating-submit'));
    expect(await within(form).findByText('请选择好评、中评或差评')).toBeTruthy();
    fireEvent.click(within(form).getByTestId('score-good'));
    fireEvent.input(within(form).getByPlaceholderText('说说这次交易（选填）'), { target: { value: '很守时' } });
    fireEvent.click(within(form).getByTestId('rating-submit'));
    expect((await screen.findByTestId('my-rating-state')).textContent).toBe('等待对方评价');
    expect(screen.getByText(/最晚 2030-01-01/)).toBeTruthy();
    expect(screen.queryByTestId('rating-form')).toBeNull();
    expect(calls('POST', '/v1/trades/T1/rating').map((r) => r.data)).toEqual([{ score: 'good', text: '很守时' }]);
    expect(screen.getByTestId('their-rating-pending')).toBeTruthy();
  });

  it('reads a rating as public once its date has come, minutes of clock skew aside', () => {
    const now = Date.parse('2026-12-06T08:00:00.000Z');
    const at = (ms: number) => ({ publishedAt: new Date(now + ms).toISOString() });
    expect(ratingShown(at(-1000), now)).toBe(true);
    // The second rating published both a moment ago by the server's clock, ahead of this phone's.
    expect(ratingShown(at(10 * 60_000), now)).toBe(true);
    // Blind: shown at the latest 14 days after it was written.
    expect(ratingShown(at(14 * 24 * 3_600_000 - 60_000), now)).toBe(false);
  });

  it('shows both published ratings and replies once to the one received', async () => {
    const theirs = aRating({ id: 'R2', rater: alice, ratee: bob, rateeRole: 'buyer', text: '买家很爽快' });
    let reply: { text: string; createdAt: string } | null = null;
    serve({
      'GET /v1/me': () => ok(meAs(bob)),
      'GET /v1/trades/T1': () =>
        ok(aTrade({ status: 'completed', myRating: aRating(), completedAt: '2026-12-07T08:00:00.000Z' })),
      'GET /v1/users/u-bob/ratings': () => ok({ items: [{ ...theirs, reply }], nextCursor: null }),
      'POST /v1/ratings/R2/reply': (req) => {
        reply = { text: (req.data as { text: string }).text, createdAt: '2026-12-08T08:00:00.000Z' };
        return ok({ ...theirs, reply });
      },
    });
    renderWithQuery(<TradePage />);
    expect((await screen.findByTestId('my-rating-state')).textContent).toMatch(/已公开$/);
    const received = await screen.findByTestId('rating');
    expect(within(received).getByTestId('rating-text').textContent).toBe('买家很爽快');
    fireEvent.click(within(received).getByTestId('rating-reply-btn'));
    const sheet = await screen.findByTestId('reply-sheet');
    fireEvent.input(within(sheet).getByPlaceholderText('说说你的看法'), { target: { value: '谢谢学姐' } });
    fireEvent.click(within(sheet).getByTestId('sheet-submit'));
    expect((await screen.findByTestId('rating-reply')).textContent).toBe('bob 回复：谢谢学姐');
    expect(screen.queryByTestId('rating-reply-btn')).toBeNull();
  });

  it('shows a trade it cannot find with a retry', async () => {
    serve({
      'GET /v1/me': () => ok(meAs(bob)),
      'GET /v1/trades/T1': () => refusal(404, 'TRADE_NOT_FOUND', '交易不存在'),
    });
    renderWithQuery(<TradePage />);
    expect((await screen.findByTestId('trade-error')).textContent).toBe('交易不存在（点击重试）');
  });
});
