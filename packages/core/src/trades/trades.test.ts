import { beforeEach, describe, expect, it } from 'vitest';
import { tradesWorld, type TradesWorld } from '../testing/trades-world.js';
import type { Trade } from './trade.js';

let w: TradesWorld;
let listingId: string;

beforeEach(async () => {
  w = await tradesWorld();
  listingId = await w.listed();
});

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
const status = async () => (await w.ports.listings.byId(listingId))!.status;

/** bob wants alice's listing and she picks him: an agreed trade. */
async function agreed(buyer = w.actors.bob): Promise<Trade> {
  await w.setWant.execute({ actor: buyer, listingId, wanted: true });
  const r = await w.openTrade.execute({
    actor: w.actors.alice,
    listingId,
    buyerId: buyer.kind === 'user' ? buyer.userId : '',
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

async function completed(): Promise<Trade> {
  const t = await agreed();
  await w.confirm.execute({ actor: w.actors.alice, tradeId: t.id });
  const r = await w.confirm.execute({ actor: w.actors.bob, tradeId: t.id });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('trades', () => {
  it('the seller picks a buyer who wanted it or commented; anyone else is refused', async () => {
    const open = (buyerId: string, actor = w.actors.alice) => w.openTrade.execute({ actor, listingId, buyerId });
    expect(code(await open('dave'))).toBe('BUYER_NOT_ELIGIBLE');
    expect(code(await open('alice'))).toBe('BUYER_NOT_ELIGIBLE');
    expect(code(await open('bob', w.actors.bob))).toBe('NOT_LISTING_OWNER');
    await w.k.postComment.execute({ actor: w.actors.dave, listingId, body: '还在吗？' });
    const t = await open('dave');
    expect(t.ok && t.value).toMatchObject({ status: 'agreed', buyerId: 'dave', sellerId: 'alice', priceFen: 250_000 });
    expect(await status()).toBe('reserved');
    await w.setWant.execute({ actor: w.actors.bob, listingId, wanted: true });
    expect(code(await open('bob'))).toBe('TRADE_ALREADY_OPEN');
  });

  it('completes when both confirm: the listing is sold, both are told', async () => {
    const t = await agreed();
    const first = await w.confirm.execute({ actor: w.actors.bob, tradeId: t.id });
    expect(first.ok && first.value).toMatchObject({ status: 'agreed', autoCompleteAt: null });
    expect((await w.confirm.execute({ actor: w.actors.bob, tradeId: t.id })).ok).toBe(true);
    const done = await w.confirm.execute({ actor: w.actors.alice, tradeId: t.id });
    expect(done.ok && done.value.status).toBe('completed');
    expect(await status()).toBe('sold');
    const types = await w.eventTypes();
    expect(types.filter((x) => x === 'TradeConfirmed')).toHaveLength(2);
    expect(types.filter((x) => x === 'TradeCompleted')).toHaveLength(1);
    expect(code(await w.cancel.execute({ actor: w.actors.bob, tradeId: t.id, reason: '反悔了' }))).toBe('TRADE_CLOSED');
  });

  it('completes by itself 7 days after the seller confirmed when the buyer stays silent', async () => {
    const t = await agreed();
    const confirmed = await w.confirm.execute({ actor: w.actors.alice, tradeId: t.id });
    expect(confirmed.ok && confirmed.value.autoCompleteAt).toEqual(new Date(w.k.clock.now().getTime() + w.days(7)));
    w.k.clock.advance(w.days(7) - 1);
    expect(await w.autoComplete.execute()).toEqual({ completed: 0 });
    w.k.clock.advance(1);
    expect(await w.autoComplete.execute()).toEqual({ completed: 1 });
    expect((await w.ports.trades.byId(t.id))!.status).toBe('completed');
    expect(await status()).toBe('sold');
    expect(await w.autoComplete.execute()).toEqual({ completed: 0 });
  });

  it('is cancelled by either side with a reason before completion: the listing is active again', async () => {
    const t = await agreed();
    expect(code(await w.cancel.execute({ actor: w.actors.bob, tradeId: t.id, reason: '  ' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(code(await w.cancel.execute({ actor: w.actors.erin, tradeId: t.id, reason: '捣乱' }))).toBe(
      'TRADE_NOT_FOUND',
    );
    const c = await w.cancel.execute({ actor: w.actors.bob, tradeId: t.id, reason: '临时有事去不了' });
    expect(c.ok && c.value).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'buyer',
      cancelReason: '临时有事去不了',
    });
    expect(await status()).toBe('active');
    expect(code(await w.confirm.execute({ actor: w.actors.alice, tradeId: t.id }))).toBe('TRADE_CLOSED');
    // On sale again: another trade may open.
    expect((await agreed(w.actors.dave)).status).toBe('agreed');
  });

  it('completing and cancelling at once leave one state, and the listing agrees with it', async () => {
    const t = await agreed();
    await w.confirm.execute({ actor: w.actors.alice, tradeId: t.id });
    const [confirm, cancel] = await Promise.all([
      w.confirm.execute({ actor: w.actors.bob, tradeId: t.id }),
      w.cancel.execute({ actor: w.actors.alice, tradeId: t.id, reason: '卖给别人了' }),
    ]);
    expect([confirm, cancel].filter((r) => r.ok)).toHaveLength(1);
    const final = (await w.ports.trades.byId(t.id))!.status;
    expect(await status()).toBe(final === 'completed' ? 'sold' : 'active');
  });

  it('is seen by its two parties (and the campus’s admins) only', async () => {
    const t = await agreed();
    expect(code(await w.getTrade.execute({ actor: w.actors.bob, tradeId: t.id }))).toBe('ok');
    expect(code(await w.getTrade.execute({ actor: w.actors.erin, tradeId: t.id }))).toBe('TRADE_NOT_FOUND');
    expect(code(await w.getTrade.execute({ actor: w.actors.admin, tradeId: t.id }))).toBe('ok');
    expect(code(await w.getTrade.execute({ actor: w.actors.otherCampusAdmin, tradeId: t.id }))).toBe('TRADE_NOT_FOUND');
    const mine = await w.myTrades.execute({ actor: w.actors.alice, role: 'seller', status: 'agreed' });
    expect(mine.ok && mine.value.items.map((v) => [v.trade.id, v.buyer?.id, v.listing?.id])).toEqual([
      [t.id, 'bob', listingId],
    ]);
    const none = await w.myTrades.execute({ actor: w.actors.erin });
    expect(none.ok && none.value.items).toEqual([]);
    const admin = await w.adminTrades.execute({ actor: w.actors.admin, userId: 'bob' });
    expect(admin.ok && admin.value.items.map((v) => v.trade.id)).toEqual([t.id]);
    expect(code(await w.adminTrades.execute({ actor: w.actors.otherCampusAdmin, userId: 'bob' }))).toBe('ADMIN_SCOPE');
    expect(code(await w.adminTrades.execute({ actor: w.actors.bob, userId: 'bob' }))).toBe('ADMIN_ONLY');
  });
});

describe('ratings', () => {
  const rate = (actor = w.actors.bob, tradeId = '', score: 'good' | 'neutral' | 'bad' = 'good', text?: string) =>
    w.rate.execute({ actor, tradeId, score, ...(text !== undefined && { text }) });
  const shownAbout = async (userId: string) => {
    const r = await w.ratingsOf.execute({ actor: w.actors.erin, userId });
    return r.ok ? r.value.items.map((v) => v.rating.score) : r.error.code;
  };

  it('are refused before completion, twice, and to third parties', async () => {
    const t = await agreed();
    expect(code(await rate(w.actors.bob, t.id))).toBe('TRADE_NOT_COMPLETED');
    await w.confirm.execute({ actor: w.actors.alice, tradeId: t.id });
    await w.confirm.execute({ actor: w.actors.bob, tradeId: t.id });
    expect(code(await rate(w.actors.erin, t.id))).toBe('TRADE_NOT_FOUND');
    expect(code(await rate(w.actors.bob, t.id, 'good', '违禁内容'))).toBe('CONTENT_RISKY');
    expect(code(await rate(w.actors.bob, t.id, 'great' as never))).toBe('VALIDATION_FAILED');
    expect(code(await rate(w.actors.bob, t.id, 'good', 'x'.repeat(301)))).toBe('VALIDATION_FAILED');
    expect(code(await rate(w.actors.bob, t.id))).toBe('ok');
    expect(code(await rate(w.actors.bob, t.id, 'bad'))).toBe('ALREADY_RATED');
  });

  it('are double-blind: shown when both rated, each rated person told once', async () => {
    const t = await completed();
    const r1 = await rate(w.actors.bob, t.id, 'good', '很守时');
    expect(await shownAbout('alice')).toEqual([]);
    const asBob = await w.getTrade.execute({ actor: w.actors.bob, tradeId: t.id });
    expect(asBob.ok && [asBob.value.myRating?.rating.text, asBob.value.canRate]).toEqual(['很守时', false]);
    const asAlice = await w.getTrade.execute({ actor: w.actors.alice, tradeId: t.id });
    expect(asAlice.ok && [asAlice.value.myRating, asAlice.value.canRate]).toEqual([null, true]);
    // The rated person cannot even tell it exists yet.
    expect(
      code(await w.reply.execute({ actor: w.actors.alice, ratingId: r1.ok ? r1.value.id : '', text: '谢谢' })),
    ).toBe('RATING_NOT_FOUND');
    expect(await w.eventTypes()).not.toContain('RatingPublished');

    w.k.clock.advance(1000);
    expect(code(await rate(w.actors.alice, t.id, 'neutral'))).toBe('ok');
    expect(await shownAbout('alice')).toEqual(['good']);
    expect(await shownAbout('bob')).toEqual(['neutral']);
    expect((await w.eventTypes()).filter((x) => x === 'RatingPublished')).toHaveLength(2);
    expect(await w.announce.execute()).toEqual({ announced: 0 });
    expect(await w.trust.execute('alice')).toEqual({
      completedAsSeller: 1,
      completedAsBuyer: 0,
      ratingCount: 1,
      goodShare: 1,
    });
    expect(await w.trust.execute('bob')).toEqual({
      completedAsSeller: 0,
      completedAsBuyer: 1,
      ratingCount: 1,
      goodShare: 0,
    });
  });

  it('are shown 14 days after the first when the other side never rates, and told by the sweep', async () => {
    const t = await completed();
    await rate(w.actors.alice, t.id, 'bad', '放鸽子两次');
    w.k.clock.advance(w.days(14) - 1);
    expect(await shownAbout('bob')).toEqual([]);
    expect(await w.announce.execute()).toEqual({ announced: 0 });
    w.k.clock.advance(1);
    expect(await shownAbout('bob')).toEqual(['bad']);
    expect(await w.announce.execute()).toEqual({ announced: 1 });
    expect(await w.announce.execute()).toEqual({ announced: 0 });
    expect((await w.eventTypes()).filter((x) => x === 'RatingPublished')).toHaveLength(1);
  });

  it('take one reply from the rated person once shown; no edits', async () => {
    const t = await completed();
    const r = await rate(w.actors.bob, t.id, 'neutral', '还行');
    await rate(w.actors.alice, t.id, 'good');
    const ratingId = r.ok ? r.value.id : '';
    expect(code(await w.reply.execute({ actor: w.actors.bob, ratingId, text: '自己回复' }))).toBe(
      'RATING_REPLY_NOT_ALLOWED',
    );
    expect(code(await w.reply.execute({ actor: w.actors.alice, ratingId, text: '' }))).toBe('VALIDATION_FAILED');
    const replied = await w.reply.execute({ actor: w.actors.alice, ratingId, text: '下次给你便宜点' });
    expect(replied.ok && [replied.value.replyText, replied.value.score]).toEqual(['下次给你便宜点', 'neutral']);
    expect(code(await w.reply.execute({ actor: w.actors.alice, ratingId, text: '再说一句' }))).toBe(
      'RATING_ALREADY_REPLIED',
    );
  });
});
