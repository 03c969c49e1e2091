import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ListingDetail } from '../src/api/types';
import { PriceSheet } from '../src/components/PriceSheet';
import Detail from '../src/pages/detail/index';
import { catalog } from './fixtures';
import { aDetail, calls, ok, refusal, renderWithQuery, serve } from './query';
import { routerParams, storage, taroFake } from './taro-mock';
import { alice, anOffer, aTrade, bob } from './trade-fixtures';

const profile = {
  ...alice,
  verified: true,
  campusId: 'demo',
  memberSince: '2026-01-01T00:00:00.000Z',
  liveListingCount: 1,
};
const meAs = (user: typeof alice, verified = true) => ({ ...user, campusId: 'demo', verified, status: 'active' });

beforeEach(() => {
  routerParams.id = 'L1';
});

function serveDetail(listing: ListingDetail, extra: Parameters<typeof serve>[0] = {}) {
  serve({
    'GET /v1/catalog': () => ok(catalog),
    'GET /v1/listings/L1': () => ok(listing),
    'GET /v1/listings/L1/comments': () => ok({ items: [] }),
    'GET /v1/listings/L1/similar': () => ok({ items: [], nextCursor: null, mode: 'similar' }),
    'GET /v1/users/u-alice': () => ok(profile),
    'GET /v1/listings/L1/offers': () => ok({ items: [] }),
    ...extra,
  });
}

const withWants = (wantCount: number, wantedByMe = false) => aDetail({ wantCount, wantedByMe });

describe('想要 on the detail page', () => {
  it('wants and un-wants for a verified student, following the count the API answers', async () => {
    storage.set('xz_token', 'tok-bob');
    serveDetail(withWants(2), {
      'GET /v1/me': () => ok(meAs(bob)),
      'PUT /v1/listings/L1/want': () => ok({ wanted: true, wantCount: 3 }),
      'DELETE /v1/listings/L1/want': () => ok({ wanted: false, wantCount: 2 }),
    });
    renderWithQuery(<Detail />);
    expect((await screen.findByTestId('want-label')).textContent).toBe('想要 2');
    expect(screen.getByText(/2 人想要/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('want'));
    await waitFor(() => expect(screen.getByTestId('want-label').textContent).toBe('已想要 3'));
    fireEvent.click(screen.getByTestId('want'));
    await waitFor(() => expect(screen.getByTestId('want-label').textContent).toBe('想要 2'));
    expect(calls('PUT', '/v1/listings/L1/want')).toHaveLength(1);
    expect(calls('DELETE', '/v1/listings/L1/want')).toHaveLength(1);
  });

  it('is off with a hint for an unverified student and on one’s own listing', async () => {
    storage.set('xz_token', 'tok-carol');
    serveDetail(withWants(0), { 'GET /v1/me': () => ok(meAs({ ...bob, id: 'u-carol' }, false)) });
    const { unmount } = renderWithQuery(<Detail />);
    expect((await screen.findByTestId('offer-blocked')).textContent).toBe('验证学生身份后可以想要和出价');
    fireEvent.click(screen.getByTestId('want'));
    expect(taroFake.showToast).toHaveBeenLastCalledWith({ title: '验证学生身份后可以想要和出价', icon: 'none' });
    expect(calls('PUT', '/v1/listings/L1/want')).toHaveLength(0);
    unmount();

    storage.set('xz_token', 'tok-alice');
    serveDetail(aDetail({ isMine: true }), {
      'GET /v1/me': () => ok(meAs(alice)),
      'GET /v1/listings/L1/wanters': () => ok({ items: [] }),
    });
    renderWithQuery(<Detail />);
    await screen.findByTestId('seller-trade');
    fireEvent.click(screen.getByTestId('want'));
    expect(taroFake.showToast).toHaveBeenLastCalledWith({ title: '这是你发布的宝贝', icon: 'none' });
    expect(screen.queryByTestId('buyer-offer')).toBeNull();
  });
});

describe('出价 on the detail page', () => {
  it('sends the yuan typed as integer fen with the note, and says payment happens in person', async () => {
    storage.set('xz_token', 'tok-bob');
    let mine: object[] = [];
    serveDetail(aDetail(), {
      'GET /v1/me': () => ok(meAs(bob)),
      'GET /v1/listings/L1/offers': () => ok({ items: mine }),
      'POST /v1/listings/L1/offers': (req) => {
        mine = [anOffer({ priceFen: (req.data as { priceFen: number }).priceFen })];
        return ok(mine[0], 201);
      },
    });
    renderWithQuery(<Detail />);
    expect((await screen.findByTestId('offline-payment')).textContent).toContain('当面交易，线下付款');
    fireEvent.click(screen.getByTestId('make-offer'));
    const sheet = await screen.findByTestId('price-sheet');
    fireEvent.input(within(sheet).getByPlaceholderText('输入价格（元）'), { target: { value: '18.5' } });
    fireEvent.input(within(sheet).getByPlaceholderText(/留言（选填）/), { target: { value: '今晚图书馆面交' } });
    fireEvent.click(within(sheet).getByText('发送出价'));
    await waitFor(() => expect(screen.queryByTestId('price-sheet')).toBeNull());
    expect(calls('POST', '/v1/listings/L1/offers').map((r) => r.data)).toEqual([
      { priceFen: 1850, note: '今晚图书馆面交' },
    ]);
    // The open offer replaces the button, with 撤回.
    expect((await screen.findByTestId('offer-price')).textContent).toContain('¥18.50');
    expect(screen.queryByTestId('make-offer')).toBeNull();
    expect(screen.getByText('撤回')).toBeTruthy();
  });
});

describe('PriceSheet', () => {
  it('refuses what is not a price above zero, and keeps the API refusal in the sheet', async () => {
    const sent: number[] = [];
    let closed = false;
    renderWithQuery(
      <PriceSheet
        title="出价"
        submitLabel="发送出价"
        askingFen={2000}
        onSubmit={async (fen) => {
          sent.push(fen);
          if (fen === 7) throw new Error('不能对自己的商品出价');
        }}
        onClose={() => (closed = true)}
      />,
    );
    expect(screen.getByText(/标价 ¥20.00/)).toBeTruthy();
    const input = screen.getByPlaceholderText('输入价格（元）');
    const submit = () => fireEvent.click(screen.getByText('发送出价'));
    fireEvent.input(input, { target: { value: '' } });
    submit();
    expect(await screen.findByText('请输入价格')).toBeTruthy();
    fireEvent.input(input, { target: { value: '0' } });
    submit();
    expect(await screen.findByText('价格要大于 0')).toBeTruthy();
    fireEvent.input(input, { target: { value: '1.234' } });
    submit();
    expect(await screen.findByText('价格最多两位小数')).toBeTruthy();
    fireEvent.input(input, { target: { value: '0.07' } });
    submit();
    expect(await screen.findByText('不能对自己的商品出价')).toBeTruthy();
    expect(closed).toBe(false);
    fireEvent.input(input, { target: { value: '19.99' } });
    submit();
    await waitFor(() => expect(closed).toBe(true));
    expect(sent).toEqual([7, 1999]);
  });
});

describe('the seller’s side of the detail page', () => {
  beforeEach(() => storage.set('xz_token', 'tok-alice'));

  it('lists who wants it and the offers, accepts one and opens the trade', async () => {
    serveDetail(aDetail({ isMine: true }), {
      'GET /v1/me': () => ok(meAs(alice)),
      'GET /v1/listings/L1/wanters': () => ok({ items: [{ user: bob, at: '2026-12-06T07:00:00.000Z' }] }),
      'GET /v1/listings/L1/offers': () =>
        ok({ items: [anOffer({ id: 'O0', status: 'declined', priceFen: 500 }), anOffer()] }),
      'POST /v1/offers/O1/accept': () => ok({ offer: anOffer({ status: 'accepted' }), trade: aTrade() }),
    });
    renderWithQuery(<Detail />);
    expect((await screen.findByTestId('wanter')).textContent).toContain('bob');
    const offers = await screen.findAllByTestId('offer');
    // Open offers first: they wait for an answer.
    expect(within(offers[0]!).getByTestId('offer-status').textContent).toBe('待你回复');
    expect(within(offers[0]!).getByTestId('offer-price').textContent).toContain('¥15.00：今晚图书馆面交');
    fireEvent.click(within(offers[0]!).getByText('接受'));
    await waitFor(() => expect(calls('POST', '/v1/offers/O1/accept')).toHaveLength(1));
    await waitFor(() => expect(taroFake.navigateTo).toHaveBeenCalledWith({ url: '/pages/trade/index?id=T1' }));
  });

  it('counters an open offer with a price in fen, and declines another', async () => {
    serveDetail(aDetail({ isMine: true }), {
      'GET /v1/me': () => ok(meAs(alice)),
      'GET /v1/listings/L1/wanters': () => ok({ items: [] }),
      'GET /v1/listings/L1/offers': () => ok({ items: [anOffer()] }),
      'POST /v1/offers/O1/counter': () => ok(anOffer({ status: 'countered', counterPriceFen: 1800 })),
      'POST /v1/offers/O1/decline': () => refusal(409, 'OFFER_NOT_OPEN', '这个出价已经处理过了'),
    });
    renderWithQuery(<Detail />);
    expect(await screen.findByTestId('wanters-empty')).toBeTruthy();
    const offer = await screen.findByTestId('offer');
    fireEvent.click(within(offer).getByText('还价'));
    const sheet = await screen.findByTestId('price-sheet');
    expect(within(sheet).getByText(/TA 出价 ¥15.00/)).toBeTruthy();
    fireEvent.input(within(sheet).getByPlaceholderText('输入价格（元）'), { target: { value: '18' } });
    fireEvent.click(within(sheet).getByText('发送还价'));
    await waitFor(() =>
      expect(calls('POST', '/v1/offers/O1/counter').map((r) => r.data)).toEqual([{ priceFen: 1800 }]),
    );

    fireEvent.click(within(offer).getByText('拒绝'));
    await waitFor(() =>
      expect(taroFake.showModal).toHaveBeenLastCalledWith({
        title: '操作失败',
        content: '这个出价已经处理过了',
        showCancel: false,
      }),
    );
  });

  it('picks a buyer among those who wanted it or commented, and shows empty and failed lists', async () => {
    serveDetail(aDetail({ isMine: true }), {
      'GET /v1/me': () => ok(meAs(alice)),
      'GET /v1/listings/L1/wanters': () => refusal(500, 'INTERNAL', '服务器开小差了'),
      'GET /v1/listings/L1/offers': () => ok({ items: [] }),
      'GET /v1/listings/L1/comments': () =>
        ok({
          items: [
            {
              id: 'C1',
              body: '还在吗',
              author: { id: 'u-dave', nickname: 'dave', avatarUrl: null },
              createdAt: '2026-12-06T07:00:00.000Z',
              canDelete: false,
              hidden: false,
              replyTo: null,
              replies: [
                {
                  id: 'C2',
                  body: '在的',
                  author: alice,
                  createdAt: '2026-12-06T07:10:00.000Z',
                  canDelete: true,
                  hidden: false,
                  replyTo: null,
                },
              ],
            },
          ],
        }),
      'POST /v1/listings/L1/trades': () => ok(aTrade({ id: 'T9', buyer: { ...bob, id: 'u-dave' } }), 201),
    });
    renderWithQuery(<Detail />);
    expect(await screen.findByText('服务器开小差了（点击重试）')).toBeTruthy();
    expect(await screen.findByTestId('offers-empty')).toBeTruthy();
    fireEvent.click(screen.getByTestId('choose-buyer'));
    const candidates = await screen.findAllByTestId('candidate');
    // The seller's own reply is not a candidate.
    expect(candidates.map((c) => c.textContent)).toEqual(['dave留言 ›']);
    fireEvent.click(candidates[0]!);
    // The agreed price starts at the listing's (¥20) and the seller may change it.
    const sheet = await screen.findByTestId('price-sheet');
    expect(within(sheet).getByText(/和 dave 开始交易/)).toBeTruthy();
    const price = within(sheet).getByPlaceholderText('输入价格（元）');
    expect((price as HTMLInputElement).value).toBe('20');
    expect(within(sheet).queryByTestId('note-input')).toBeNull();
    fireEvent.input(price, { target: { value: '18.5' } });
    fireEvent.click(within(sheet).getByText('开始交易'));
    await waitFor(() =>
      expect(calls('POST', '/v1/listings/L1/trades').map((r) => r.data)).toEqual([
        { buyerId: 'u-dave', priceFen: 1850 },
      ]),
    );
    await waitFor(() => expect(taroFake.navigateTo).toHaveBeenCalledWith({ url: '/pages/trade/index?id=T9' }));
  });
});
