import { beforeEach, describe, expect, it } from 'vitest';
import { itemInput } from '../testing/kit.js';
import { tradesWorld, type TradesWorld } from '../testing/trades-world.js';
import type { Offer } from './offer.js';

let w: TradesWorld;
let listingId: string;
const HOUR = 3_600_000;

beforeEach(async () => {
  w = await tradesWorld();
  listingId = await w.listed();
});

const offered = async (actor = w.actors.bob, priceFen = 200_000, id = listingId): Promise<Offer> => {
  const r = await w.makeOffer.execute({ actor, listingId: id, priceFen, note: '今晚可以面交吗' });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('想要', () => {
  it('counts each verified student once, tells the seller, and can be taken back', async () => {
    const want = (actor = w.actors.bob, wanted = true) => w.setWant.execute({ actor, listingId, wanted });
    expect(await want()).toEqual({ ok: true, value: { wanted: true, wantCount: 1 } });
    expect(await want()).toEqual({ ok: true, value: { wanted: true, wantCount: 1 } });
    expect(await want(w.actors.dave)).toEqual({ ok: true, value: { wanted: true, wantCount: 2 } });
    expect((await w.ports.listings.byId(listingId))!.wantCount).toBe(2);
    expect((await w.eventTypes()).filter((t) => t === 'ListingWanted')).toHaveLength(2);

    const seen = await w.wanters.execute({ actor: w.actors.alice, listingId });
    expect(seen.ok && seen.value.map((x) => x.userId)).toEqual(['dave', 'bob']);
    expect(code(await w.wanters.execute({ actor: w.actors.bob, listingId }))).toBe('NOT_LISTING_OWNER');

    expect(await want(w.actors.bob, false)).toEqual({ ok: true, value: { wanted: false, wantCount: 1 } });
    expect(await want(w.actors.bob, false)).toEqual({ ok: true, value: { wanted: false, wantCount: 1 } });
    const views = await w.k.browse.execute({ actor: w.actors.dave, campusId: 'demo' });
    expect(views.ok && views.value.items[0]!.wantedByMe).toBe(true);
    expect(views.ok && views.value.items[0]!.listing.wantCount).toBe(1);
  });

  it('is refused on one’s own listing, a sold one, a 求购 post, and to students not verified', async () => {
    const want = (actor = w.actors.bob, id = listingId) => w.setWant.execute({ actor, listingId: id, wanted: true });
    expect(code(await want(w.actors.alice))).toBe('OWN_LISTING');
    expect(code(await want(w.actors.carol))).toBe('NOT_VERIFIED');
    const wanted = await w.k.publish.execute({
      actor: w.actors.alice,
      kind: 'wanted',
      content: itemInput({ title: '求购二手手机', price: null, originalPrice: null, condition: null }),
    });
    if (!wanted.ok) throw new Error(wanted.error.code);
    expect(code(await want(w.actors.bob, wanted.value.id))).toBe('LISTING_NOT_FOR_SALE');
    await w.k.changeStatus.execute({ actor: w.actors.alice, listingId, status: 'sold' });
    expect(code(await want())).toBe('LISTING_NOT_OPEN');
    expect(code(await want(w.actors.bob, 'nope'))).toBe('LISTING_NOT_FOUND');
  });
});

describe('offers', () => {
  it('are refused on one’s own or a sold listing, above zero only, one open per buyer and listing', async () => {
    const make = (actor = w.actors.bob, priceFen = 100) => w.makeOffer.execute({ actor, listingId, priceFen });
    expect(code(await make(w.actors.alice))).toBe('OWN_LISTING');
    expect(code(await make(w.actors.bob, 0))).toBe('VALIDATION_FAILED');
    expect(code(await make(w.actors.bob, 1.5))).toBe('VALIDATION_FAILED');
    expect(code(await make(w.actors.carol))).toBe('NOT_VERIFIED');
    expect(code(await w.makeOffer.execute({ actor: w.actors.bob, listingId, priceFen: 100, note: '违禁词' }))).toBe(
      'CONTENT_RISKY',
    );
    const first = await offered();
    expect(first).toMatchObject({ status: 'open', priceFen: 200_000, note: '今晚可以面交吗', buyerId: 'bob' });
    expect(first.expiresAt.getTime() - first.createdAt.getTime()).toBe(48 * HOUR);
    expect(code(await make())).toBe('OFFER_ALREADY_OPEN');
    expect(code(await make(w.actors.dave))).toBe('ok');

    await w.withdraw.execute({ actor: w.actors.bob, offerId: first.id });
    expect(code(await make())).toBe('ok');

    await w.k.changeStatus.execute({ actor: w.actors.alice, listingId, status: 'sold' });
    expect(code(await make(w.actors.erin))).toBe('LISTING_NOT_OPEN');
  });

  it('run open → countered → accepted: the trade is at the counter price and the listing is reserved', async () => {
    const o = await offered();
    expect(code(await w.accept.execute({ actor: w.actors.bob, offerId: o.id }))).toBe('OFFER_NOT_YOUR_MOVE');
    expect(code(await w.counter.execute({ actor: w.actors.bob, offerId: o.id, priceFen: 1 }))).toBe(
      'OFFER_NOT_YOUR_MOVE',
    );
    const countered = await w.counter.execute({
      actor: w.actors.alice,
      offerId: o.id,
      priceFen: 220_000,
      note: '最低',
    });
    expect(countered.ok && countered.value).toMatchObject({ status: 'countered', counterPriceFen: 220_000 });
    expect(code(await w.accept.execute({ actor: w.actors.alice, offerId: o.id }))).toBe('OFFER_NOT_YOUR_MOVE');
    expect(code(await w.withdraw.execute({ actor: w.actors.alice, offerId: o.id }))).toBe('OFFER_NOT_YOUR_MOVE');
    expect(code(await w.accept.execute({ actor: w.actors.erin, offerId: o.id }))).toBe('OFFER_NOT_FOUND');

    const done = await w.accept.execute({ actor: w.actors.bob, offerId: o.id });
    if (!done.ok) throw new Error(done.error.code);
    expect(done.value.offer).toMatchObject({ status: 'accepted', tradeId: done.value.trade.id });
    expect(done.value.trade).toMatchObject({ status: 'agreed', priceFen: 220_000, offerId: o.id, buyerId: 'bob' });
    expect((await w.ports.listings.byId(listingId))!.status).toBe('reserved');
    expect(await w.eventTypes()).toEqual(
      expect.arrayContaining(['OfferMade', 'OfferCountered', 'ListingStatusChanged', 'TradeOpened', 'OfferAccepted']),
    );
    // The acceptance names the trade it opened (its notice opens that trade).
    expect(await w.payloadsOf('OfferAccepted')).toEqual([expect.objectContaining({ tradeId: done.value.trade.id })]);
    expect(code(await w.decline.execute({ actor: w.actors.bob, offerId: o.id }))).toBe('OFFER_NOT_OPEN');
    expect(code(await w.makeOffer.execute({ actor: w.actors.dave, listingId, priceFen: 5 }))).toBe('LISTING_NOT_OPEN');
  });

  it('declines, and refuses to accept an expired offer; the sweep expires it and tells the buyer', async () => {
    const o = await offered();
    const d = await offered(w.actors.dave);
    expect(code(await w.decline.execute({ actor: w.actors.alice, offerId: d.id }))).toBe('ok');
    w.k.clock.advance(48 * HOUR);
    expect(code(await w.accept.execute({ actor: w.actors.alice, offerId: o.id }))).toBe('OFFER_EXPIRED');
    expect((await w.ports.listings.byId(listingId))!.status).toBe('active');
    expect(await w.ports.trades.agreedOn(listingId)).toBeNull();
    expect(await w.expireOffers.execute()).toEqual({ expired: 1 });
    expect((await w.ports.offers.byId(o.id))!.status).toBe('expired');
    expect(await w.expireOffers.execute()).toEqual({ expired: 0 });
    expect((await w.eventTypes()).filter((t) => t === 'OfferExpired')).toHaveLength(1);
    // An expired offer no longer blocks a new one.
    expect(code(await w.makeOffer.execute({ actor: w.actors.bob, listingId, priceFen: 9 }))).toBe('ok');
  });

  it('two buyers’ offers accepted at once leave exactly one trade', async () => {
    const a = await offered();
    const b = await offered(w.actors.dave);
    const results = await Promise.all([
      w.accept.execute({ actor: w.actors.alice, offerId: a.id }),
      w.accept.execute({ actor: w.actors.alice, offerId: b.id }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.map(code).sort()).toEqual(['TRADE_ALREADY_OPEN', 'ok']);
    const all = await w.ports.trades.list({ userId: 'alice', after: null, limit: 10 });
    expect(all).toHaveLength(1);
  });

  it('are private: the seller sees every offer on the listing, a buyer their own, a third student none', async () => {
    await offered();
    await offered(w.actors.dave);
    const ids = async (actor = w.actors.alice) => {
      const r = await w.listingOffers.execute({ actor, listingId });
      return r.ok ? r.value.map((v) => v.offer.buyerId) : r.error.code;
    };
    expect(await ids()).toEqual(['dave', 'bob']);
    expect(await ids(w.actors.bob)).toEqual(['bob']);
    expect(await ids(w.actors.erin)).toEqual([]);
    const mine = await w.myOffers.execute({ actor: w.actors.alice, role: 'seller' });
    expect(mine.ok && mine.value.items.map((v) => v.offer.buyerId)).toEqual(['dave', 'bob']);
    const bobs = await w.myOffers.execute({ actor: w.actors.bob, limit: 1 });
    expect(bobs.ok && bobs.value.items.map((v) => [v.offer.buyerId, v.listing?.id, v.seller?.id])).toEqual([
      ['bob', listingId, 'alice'],
    ]);
    expect(bobs.ok && bobs.value.nextCursor).toBeNull();
    expect(code(await w.myOffers.execute({ actor: w.actors.bob, cursor: 'nope' }))).toBe('INVALID_CURSOR');
  });
});
