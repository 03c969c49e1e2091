import { beforeAll, describe, expect, it } from 'vitest';
import type { ListingDetail } from '../../src/contract.js';
import { call, categoryIds, expectError, itemBody, publishAs } from '../support/http.js';
import type { Handle, Stack } from '../support/stack.js';

const HOUR = 3_600_000;

/** Issue 15 through the API: 想要, offers, trades and ratings, their refusals, and who may see what. */
export function tradeScenarios(get: () => Stack): void {
  let cats: Record<string, string>;
  beforeAll(async () => {
    cats = await categoryIds(get().app);
  });

  const listed = (title: string, price = 250_000) => publishAs(get(), 'alice', itemBody(cats, { title, price }));
  const req = <T = any>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who?: Handle, payload?: object) =>
    call<T>(get().app, {
      method,
      url,
      ...(who ? { headers: get().auth(who) } : {}),
      ...(payload ? { payload } : {}),
    });
  const offer = async (listingId: string, who: Handle, priceFen: number) => {
    const res = await req('POST', `/v1/listings/${listingId}/offers`, who, { priceFen, note: '可以小刀吗' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; status: string };
  };
  const detail = (id: string, who?: Handle) => req<ListingDetail>('GET', `/v1/listings/${id}`, who);

  describe('想要', () => {
    it('counts each verified student once, shows on cards and the detail, and the seller sees who', async () => {
      const s = get();
      const l = await listed('想要测试 台灯');
      // A cached anonymous detail first: the count below must not come from it.
      expect((await detail(l.id)).body.wantCount).toBe(0);
      expect((await req('PUT', `/v1/listings/${l.id}/want`, 'bob')).body).toEqual({ wanted: true, wantCount: 1 });
      expect((await req('PUT', `/v1/listings/${l.id}/want`, 'bob')).body).toEqual({ wanted: true, wantCount: 1 });
      expect((await req('PUT', `/v1/listings/${l.id}/want`, 'dave')).body).toEqual({ wanted: true, wantCount: 2 });
      expect((await detail(l.id)).body.wantCount).toBe(2);
      expect((await detail(l.id, 'bob')).body).toMatchObject({ wantCount: 2, wantedByMe: true, favoritedByMe: false });
      expect((await detail(l.id, 'carol')).body.wantedByMe).toBe(false);
      const feed = await req('GET', '/v1/listings?campusId=demo');
      expect(feed.body.items.find((x: { id: string }) => x.id === l.id).wantCount).toBe(2);

      expectError(await req('PUT', `/v1/listings/${l.id}/want`, 'carol'), 403, 'NOT_VERIFIED');
      expectError(await req('PUT', `/v1/listings/${l.id}/want`, 'alice'), 403, 'OWN_LISTING');
      expectError(await req('PUT', `/v1/listings/${l.id}/want`), 401, 'UNAUTHENTICATED');
      expectError(await req('PUT', '/v1/listings/nope/want', 'bob'), 404, 'LISTING_NOT_FOUND');

      const wanters = await req('GET', `/v1/listings/${l.id}/wanters`, 'alice');
      expect(wanters.body.items.map((x: { user: { id: string } }) => x.user.id).sort()).toEqual(
        [s.users.bob.id, s.users.dave.id].sort(),
      );
      expect(wanters.body.items[0]).toEqual({
        user: { id: expect.any(String), nickname: expect.any(String), avatarUrl: null },
        at: expect.any(String),
      });
      expectError(await req('GET', `/v1/listings/${l.id}/wanters`, 'bob'), 403, 'NOT_LISTING_OWNER');
      expectError(await req('GET', `/v1/listings/${l.id}/wanters`), 401, 'UNAUTHENTICATED');

      expect((await req('DELETE', `/v1/listings/${l.id}/want`, 'bob')).body).toEqual({ wanted: false, wantCount: 1 });
      expect((await detail(l.id)).body.wantCount).toBe(1);
    });
  });

  describe('offers and a whole trade', () => {
    it('offer → counter → accept → both confirm → both rate; private throughout, blind until both rated', async () => {
      const s = get();
      const l = await listed('交易全流程 自行车', 30_000);
      expectError(await req('POST', `/v1/listings/${l.id}/offers`, 'alice', { priceFen: 1 }), 403, 'OWN_LISTING');
      expectError(await req('POST', `/v1/listings/${l.id}/offers`, 'bob', { priceFen: 0 }), 400, 'VALIDATION_FAILED');
      expectError(await req('POST', `/v1/listings/${l.id}/offers`, 'carol', { priceFen: 9 }), 403, 'NOT_VERIFIED');
      const o = await offer(l.id, 'bob', 25_000);
      expect(o).toMatchObject({
        status: 'open',
        priceFen: 25_000,
        note: '可以小刀吗',
        counterPriceFen: null,
        tradeId: null,
        listing: {
          id: l.id,
          title: '交易全流程 自行车',
          priceFen: 30_000,
          status: 'active',
          kind: 'item',
          coverUrl: null,
        },
        buyer: { id: s.users.bob.id },
        seller: { id: s.users.alice.id },
      });
      expectError(
        await req('POST', `/v1/listings/${l.id}/offers`, 'bob', { priceFen: 26_000 }),
        409,
        'OFFER_ALREADY_OPEN',
      );

      // Private: dave sees none of it, not even that it exists.
      expect((await req('GET', `/v1/listings/${l.id}/offers`, 'dave')).body).toEqual({ items: [] });
      expect((await req('GET', `/v1/listings/${l.id}/offers`, 'alice')).body.items).toHaveLength(1);
      expectError(await req('POST', `/v1/offers/${o.id}/accept`, 'dave'), 404, 'OFFER_NOT_FOUND');
      expectError(await req('POST', `/v1/offers/${o.id}/accept`, 'bob'), 403, 'OFFER_NOT_YOUR_MOVE');
      const seller = await req('GET', '/v1/me/offers?role=seller&status=open', 'alice');
      expect(seller.body.items.map((x: { id: string }) => x.id)).toContain(o.id);

      const countered = await req('POST', `/v1/offers/${o.id}/counter`, 'alice', { priceFen: 28_000, note: '最低了' });
      expect(countered.body).toMatchObject({ status: 'countered', counterPriceFen: 28_000, counterNote: '最低了' });
      const accepted = await req('POST', `/v1/offers/${o.id}/accept`, 'bob');
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      const trade = accepted.body.trade;
      expect(accepted.body.offer).toMatchObject({ status: 'accepted', tradeId: trade.id });
      expect(trade).toMatchObject({
        status: 'agreed',
        priceFen: 28_000,
        offerId: o.id,
        myRating: null,
        canRate: false,
      });
      expect((await detail(l.id)).body.status).toBe('reserved');
      expectError(await req('GET', `/v1/trades/${trade.id}`, 'dave'), 404, 'TRADE_NOT_FOUND');
      expectError(await req('POST', `/v1/trades/${trade.id}/confirm`, 'dave'), 404, 'TRADE_NOT_FOUND');
      expectError(
        await req('POST', `/v1/trades/${trade.id}/rating`, 'bob', { score: 'good' }),
        409,
        'TRADE_NOT_COMPLETED',
      );

      const first = await req('POST', `/v1/trades/${trade.id}/confirm`, 'alice');
      expect(first.body).toMatchObject({ status: 'agreed', sellerConfirmedAt: expect.any(String) });
      expect(first.body.autoCompleteAt).not.toBeNull();
      const done = await req('POST', `/v1/trades/${trade.id}/confirm`, 'bob');
      expect(done.body).toMatchObject({ status: 'completed', completedAt: expect.any(String), canRate: true });
      expect((await detail(l.id)).body.status).toBe('sold');
      const mine = await req('GET', '/v1/me/trades?role=buyer&status=completed', 'bob');
      expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(trade.id);

      const rated = await req('POST', `/v1/trades/${trade.id}/rating`, 'bob', { score: 'good', text: '车况很好' });
      expect(rated.status, JSON.stringify(rated.body)).toBe(201);
      expect(rated.body).toMatchObject({ score: 'good', text: '车况很好', rateeRole: 'seller', reply: null });
      expectError(await req('POST', `/v1/trades/${trade.id}/rating`, 'bob', { score: 'bad' }), 409, 'ALREADY_RATED');
      expectError(await req('POST', `/v1/trades/${trade.id}/rating`, 'dave', { score: 'bad' }), 404, 'TRADE_NOT_FOUND');
      // Blind: nobody else sees it yet, the rated seller cannot answer it; its author sees it on the trade.
      expect((await req('GET', `/v1/users/${s.users.alice.id}/ratings`)).body.items).toEqual([]);
      expectError(
        await req('POST', `/v1/ratings/${rated.body.id}/reply`, 'alice', { text: '谢谢' }),
        404,
        'RATING_NOT_FOUND',
      );
      expect((await req('GET', `/v1/trades/${trade.id}`, 'bob')).body).toMatchObject({
        myRating: { id: rated.body.id },
        canRate: false,
      });
      expect((await req('GET', `/v1/trades/${trade.id}`, 'alice')).body).toMatchObject({
        myRating: null,
        canRate: true,
      });

      expect((await req('POST', `/v1/trades/${trade.id}/rating`, 'alice', { score: 'neutral' })).status).toBe(201);
      const shown = await req('GET', `/v1/users/${s.users.alice.id}/ratings`);
      expect(shown.body.items.map((r: { id: string }) => r.id)).toEqual([rated.body.id]);
      const reply = await req('POST', `/v1/ratings/${rated.body.id}/reply`, 'alice', { text: '谢谢，骑得开心' });
      expect(reply.body.reply).toEqual({ text: '谢谢，骑得开心', createdAt: expect.any(String) });
      expectError(
        await req('POST', `/v1/ratings/${rated.body.id}/reply`, 'alice', { text: '再说' }),
        409,
        'RATING_ALREADY_REPLIED',
      );
      expectError(
        await req('POST', `/v1/ratings/${rated.body.id}/reply`, 'bob', { text: '我' }),
        403,
        'RATING_REPLY_NOT_ALLOWED',
      );
      const profile = await req('GET', `/v1/users/${s.users.alice.id}`);
      expect(profile.body.trust).toMatchObject({ completedAsSeller: expect.any(Number), ratingCount: 1, goodShare: 1 });

      // Admins of the campus see both, and hide a reported rating through the queue.
      const adminTrades = await req('GET', `/v1/admin/users/${s.users.bob.id}/trades`, 'admin');
      expect(adminTrades.body.items.map((x: { id: string }) => x.id)).toContain(trade.id);
      expectError(await req('GET', `/v1/admin/users/${s.users.bob.id}/trades`, 'bob'), 403, 'ADMIN_ONLY');
      const report = await req('POST', '/v1/reports', 'dave', {
        targetType: 'rating',
        targetId: rated.body.id,
        reason: 'fake',
      });
      expect(report.status, JSON.stringify(report.body)).toBe(201);
      expectError(
        await req('POST', '/v1/reports', 'bob', { targetType: 'rating', targetId: rated.body.id, reason: 'fake' }),
        403,
        'CANNOT_REPORT_OWN',
      );
      const c = (await s.persistence.moderationCases.openFor('rating', rated.body.id))!;
      const resolved = await req('POST', `/v1/admin/moderation/cases/${c.id}/resolve`, 'admin', {
        decision: 'remove',
        reason: '不实评价',
      });
      expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
      expect((await req('GET', `/v1/users/${s.users.alice.id}/ratings`)).body.items).toEqual([]);
      const adminRatings = await req('GET', `/v1/admin/users/${s.users.alice.id}/ratings`, 'admin');
      expect(adminRatings.body.items).toEqual([expect.objectContaining({ id: rated.body.id, hidden: true })]);
    });

    it('refuses accepting an expired offer, offering on a sold listing, and a second open offer', async () => {
      const s = get();
      const l = await listed('过期出价 显示器');
      const o = await offer(l.id, 'dave', 100);
      s.clock.advance(48 * HOUR + 1000);
      expectError(await req('POST', `/v1/offers/${o.id}/accept`, 'alice'), 409, 'OFFER_EXPIRED');
      expect((await detail(l.id)).body.status).toBe('active');
      // An expired offer does not block a new one.
      const again = await offer(l.id, 'dave', 120);
      expectError(await req('POST', `/v1/offers/${o.id}/decline`, 'alice'), 409, 'OFFER_NOT_OPEN');
      expect((await req('POST', `/v1/offers/${again.id}/withdraw`, 'dave')).body.status).toBe('withdrawn');
      await req('POST', `/v1/listings/${l.id}/status`, 'alice', { status: 'sold' });
      expectError(await req('POST', `/v1/listings/${l.id}/offers`, 'bob', { priceFen: 5 }), 409, 'LISTING_NOT_OPEN');
    });

    it('the seller picks a buyer who wanted it; either side cancels with a reason and it is on sale again', async () => {
      const s = get();
      const l = await listed('挑选买家 吉他');
      const pick = (buyerId: string) => req('POST', `/v1/listings/${l.id}/trades`, 'alice', { buyerId });
      expectError(await pick(s.users.dave.id), 409, 'BUYER_NOT_ELIGIBLE');
      expectError(
        await req('POST', `/v1/listings/${l.id}/trades`, 'bob', { buyerId: s.users.bob.id }),
        403,
        'NOT_LISTING_OWNER',
      );
      await req('PUT', `/v1/listings/${l.id}/want`, 'dave');
      const t = await pick(s.users.dave.id);
      expect(t.status, JSON.stringify(t.body)).toBe(201);
      expect(t.body).toMatchObject({
        status: 'agreed',
        priceFen: 250_000,
        offerId: null,
        buyer: { id: s.users.dave.id },
      });
      expect((await detail(l.id)).body.status).toBe('reserved');
      expectError(
        await req('POST', `/v1/trades/${t.body.id}/cancel`, 'dave', { reason: '' }),
        400,
        'VALIDATION_FAILED',
      );
      const cancelled = await req('POST', `/v1/trades/${t.body.id}/cancel`, 'dave', { reason: '钱不够了' });
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: 'buyer', cancelReason: '钱不够了' });
      expect((await detail(l.id)).body.status).toBe('active');
      expectError(await req('POST', `/v1/trades/${t.body.id}/confirm`, 'alice'), 409, 'TRADE_CLOSED');
    });
  });

  describe('at the same time', () => {
    it('two buyers’ offers accepted at once leave exactly one trade', async () => {
      const s = get();
      const l = await listed('并发接受 相机');
      const a = await offer(l.id, 'bob', 200_000);
      const b = await offer(l.id, 'dave', 210_000);
      const answers = await Promise.all([
        req('POST', `/v1/offers/${a.id}/accept`, 'alice'),
        req('POST', `/v1/offers/${b.id}/accept`, 'alice'),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(answers.find((r) => r.status === 409)!.body.error.code).toBe('TRADE_ALREADY_OPEN');
      const rows = (await s.persistence.raw('select count(*) as n from trade_record where listing_id = ?', [l.id])) as {
        n: number | string;
      }[];
      expect(Number(rows[0]!.n)).toBe(1);
      expect((await detail(l.id)).body.status).toBe('reserved');
    });

    it('completing and cancelling at once leave one state, and the listing follows it', async () => {
      const l = await listed('并发完成取消 耳机');
      const o = await offer(l.id, 'bob', 100_000);
      const trade = (await req('POST', `/v1/offers/${o.id}/accept`, 'alice')).body.trade;
      await req('POST', `/v1/trades/${trade.id}/confirm`, 'alice');
      const [confirm, cancel] = await Promise.all([
        req('POST', `/v1/trades/${trade.id}/confirm`, 'bob'),
        req('POST', `/v1/trades/${trade.id}/cancel`, 'alice', { reason: '不卖了' }),
      ]);
      expect([confirm.status, cancel.status].sort()).toEqual([200, 409]);
      const final = (await req('GET', `/v1/trades/${trade.id}`, 'bob')).body.status;
      expect((await detail(l.id)).body.status).toBe(final === 'completed' ? 'sold' : 'active');
    });
  });
}
