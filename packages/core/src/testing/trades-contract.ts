import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outbox } from '../shared/events.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { Offer } from '../trades/offer.js';
import type { OfferRepository, RatingRepository, TradeRepository, WantRepository } from '../trades/ports.js';
import { Rating } from '../trades/rating.js';
import { Trade } from '../trades/trade.js';

export interface TradePorts {
  readonly wants: WantRepository;
  readonly offers: OfferRepository;
  readonly trades: TradeRepository;
  readonly ratings: RatingRepository;
  readonly uow: UnitOfWork;
  /** Written after saves in the same unit, as the use cases do: it must not undo them. */
  readonly outbox: Outbox;
  /** Creates the students and listings (owned by `seller`) the rows reference; real databases check the keys. */
  prepare(userIds: readonly string[], listingIds: readonly string[]): Promise<void>;
  dispose(): Promise<void>;
}

const T0 = new Date('2026-09-01T02:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const HOUR_MS = 3_600_000;

export function anOffer(id: string, overrides: Partial<Offer> & { minute?: number } = {}): Offer {
  const { minute = 0, ...rest } = overrides;
  const o = Offer.make({
    id,
    listingId: 'L1',
    campusId: 'demo',
    buyerId: 'buyer',
    sellerId: 'seller',
    priceFen: 8_000,
    note: '可以便宜点吗？😀',
    now: at(minute),
    ttlMs: 48 * HOUR_MS,
  });
  return Object.assign(o, rest);
}

export function aTrade(id: string, overrides: Partial<Trade> & { minute?: number } = {}): Trade {
  const { minute = 0, ...rest } = overrides;
  const t = Trade.open({
    id,
    listingId: 'L1',
    campusId: 'demo',
    sellerId: 'seller',
    buyerId: 'buyer',
    priceFen: 9_000,
    offerId: null,
    now: at(minute),
  });
  return Object.assign(t, rest);
}

export function aRating(id: string, overrides: Partial<Rating> & { minute?: number } = {}): Rating {
  const { minute = 0, ...rest } = overrides;
  const r = Rating.write({
    id,
    tradeId: 'T1',
    campusId: 'demo',
    listingId: 'L1',
    listingTitle: '九成新台灯',
    raterId: 'buyer',
    rateeId: 'seller',
    rateeRole: 'seller',
    score: 'good',
    text: '很守时，东西和描述一致',
    now: at(minute),
  });
  return Object.assign(r, rest);
}

/** 想要 marks, offers, trades and ratings: every field kept, the one-open rules held by the store, pages in order. */
export function tradesContract(name: string, factory: () => Promise<TradePorts>): void {
  describe(`${name}: trades`, () => {
    let p: TradePorts;
    beforeEach(async () => {
      p = await factory();
      await p.prepare(['seller', 'buyer', 'buyer2'], ['L1', 'L2']);
    });
    afterEach(async () => {
      await p.dispose();
    });

    it('keeps one 想要 mark per student and listing, and lists wanters newest first', async () => {
      expect(await p.wants.add('buyer', 'L1', at(1))).toBe(true);
      expect(await p.wants.add('buyer', 'L1', at(2))).toBe(false);
      expect(await p.wants.add('buyer2', 'L1', at(3))).toBe(true);
      expect(await p.wants.add('buyer', 'L2', at(4))).toBe(true);
      expect(await p.wants.has('buyer', 'L1')).toBe(true);
      expect([...(await p.wants.wantedAmong('buyer2', ['L1', 'L2']))]).toEqual(['L1']);
      expect((await p.wants.wanters('L1', 10)).map((w) => [w.userId, w.createdAt.toISOString()])).toEqual([
        ['buyer2', at(3).toISOString()],
        ['buyer', at(1).toISOString()],
      ]);
      expect(await p.wants.remove('buyer', 'L1')).toBe(true);
      expect(await p.wants.remove('buyer', 'L1')).toBe(false);
      expect(await p.wants.has('buyer', 'L1')).toBe(false);
    });

    it('stores an offer with every field and saves its changes', async () => {
      const o = anOffer('O1');
      expect(await p.offers.insert(o)).toBe(true);
      expect(await p.offers.byId('O1')).toEqual(o);
      o.counter(8_500, '最低八十五', at(10), 48 * HOUR_MS);
      await p.offers.save(o);
      expect(await p.offers.byId('O1')).toEqual(o);
      o.accept('T9', at(11));
      await p.offers.save(o);
      expect(await p.offers.byId('O1')).toEqual(o);
      expect(await p.offers.byId('nope')).toBeNull();
    });

    it('refuses a second open offer by one buyer on one listing, even two sent at once', async () => {
      expect(await p.offers.insert(anOffer('O1'))).toBe(true);
      expect(await p.offers.insert(anOffer('O2', { minute: 1 }))).toBe(false);
      expect((await p.offers.openOf('L1', 'buyer'))?.id).toBe('O1');
      expect(await p.offers.insert(anOffer('O3', { buyerId: 'buyer2' }))).toBe(true);
      expect(await p.offers.insert(anOffer('O4', { listingId: 'L2' }))).toBe(true);

      const first = (await p.offers.byId('O1'))!;
      first.withdraw(at(2));
      await p.offers.save(first);
      expect(await p.offers.openOf('L1', 'buyer')).toBeNull();
      const race = await Promise.all([
        p.offers.insert(anOffer('O5', { minute: 3 })),
        p.offers.insert(anOffer('O6', { minute: 3 })),
      ]);
      expect(race.filter(Boolean)).toHaveLength(1);
    });

    it('lists offers by listing, buyer, role and status, newest first and in keyset pages', async () => {
      await p.offers.insert(anOffer('O1', { minute: 1 }));
      await p.offers.insert(anOffer('O2', { minute: 2, buyerId: 'buyer2' }));
      await p.offers.insert(anOffer('O3', { minute: 3, listingId: 'L2', status: 'declined' }));
      expect((await p.offers.forListing('L1')).map((o) => o.id)).toEqual(['O2', 'O1']);
      expect((await p.offers.forListing('L1', 'buyer2')).map((o) => o.id)).toEqual(['O2']);
      const asSeller = await p.offers.mine({ userId: 'seller', role: 'seller', after: null, limit: 2 });
      expect(asSeller.map((o) => o.id)).toEqual(['O3', 'O2']);
      const next = await p.offers.mine({ userId: 'seller', role: 'seller', after: asSeller[1]!, limit: 2 });
      expect(next.map((o) => o.id)).toEqual(['O1']);
      const buyer = await p.offers.mine({ userId: 'buyer', role: 'buyer', status: 'declined', after: null, limit: 9 });
      expect(buyer.map((o) => o.id)).toEqual(['O3']);
      expect(await p.offers.mine({ userId: 'buyer', role: 'seller', after: null, limit: 9 })).toEqual([]);
    });

    it('finds open and countered offers whose time ran out, oldest first', async () => {
      await p.offers.insert(anOffer('O1', { minute: 10 }));
      await p.offers.insert(anOffer('O2', { minute: 0, buyerId: 'buyer2', status: 'countered' }));
      await p.offers.insert(anOffer('O3', { minute: 0, listingId: 'L2', status: 'declined' }));
      const due = await p.offers.dueForExpiry(new Date(at(10).getTime() + 48 * HOUR_MS), 10);
      expect(due.map((o) => o.id)).toEqual(['O2', 'O1']);
      expect(await p.offers.dueForExpiry(at(60), 10)).toEqual([]);
    });

    it('stores a trade with every field, and at most one agreed trade per listing, even two at once', async () => {
      const t = aTrade('T1', { offerId: 'O1' });
      expect(await p.trades.insert(t)).toBe(true);
      expect(await p.trades.byId('T1')).toEqual(t);
      expect(await p.trades.insert(aTrade('T2', { buyerId: 'buyer2' }))).toBe(false);
      expect((await p.trades.agreedOn('L1'))?.id).toBe('T1');
      t.confirm('seller', at(5));
      await p.trades.save(t);
      expect(await p.trades.byId('T1')).toEqual(t);
      t.cancel('buyer', '临时有事', at(6));
      await p.trades.save(t);
      expect(await p.trades.byId('T1')).toEqual(t);
      expect(await p.trades.agreedOn('L1')).toBeNull();
      const race = await Promise.all([
        p.trades.insert(aTrade('T3', { minute: 7 })),
        p.trades.insert(aTrade('T4', { minute: 7, buyerId: 'buyer2' })),
      ]);
      expect(race.filter(Boolean)).toHaveLength(1);
    });

    it('locks a trade inside a unit of work and reads it back', async () => {
      await p.trades.insert(aTrade('T1'));
      const seen = await p.uow.run(async () => (await p.trades.byId('T1', { forUpdate: true }))?.status);
      expect(seen).toBe('agreed');
      const offer = await p.uow.run(async () => {
        await p.offers.insert(anOffer('O1'));
        return (await p.offers.byId('O1', { forUpdate: true }))?.status;
      });
      expect(offer).toBe('open');
    });

    it('lists trades by side and status, finds those due for completion, and counts completed ones', async () => {
      const done = aTrade('T1', { minute: 1 });
      done.confirm('seller', at(2));
      done.confirm('buyer', at(3));
      await p.trades.insert(done);
      const waiting = aTrade('T2', { minute: 4, listingId: 'L2', buyerId: 'buyer2' });
      waiting.confirm('seller', at(5));
      await p.trades.insert(waiting);
      expect((await p.trades.list({ userId: 'seller', after: null, limit: 9 })).map((t) => t.id)).toEqual(['T2', 'T1']);
      expect((await p.trades.list({ userId: 'buyer', role: 'buyer', after: null, limit: 9 })).map((t) => t.id)).toEqual(
        ['T1'],
      );
      expect(
        (await p.trades.list({ userId: 'seller', status: 'agreed', after: null, limit: 9 })).map((t) => t.id),
      ).toEqual(['T2']);
      const page = await p.trades.list({ userId: 'seller', after: { createdAt: at(4), id: 'T2' }, limit: 9 });
      expect(page.map((t) => t.id)).toEqual(['T1']);
      expect(await p.trades.dueForAutoCompletion(at(6), 9)).toEqual([]);
      expect((await p.trades.dueForAutoCompletion(waiting.autoCompleteAt!, 9)).map((t) => t.id)).toEqual(['T2']);
      expect(await p.trades.completedCounts('seller')).toEqual({ asSeller: 1, asBuyer: 0 });
      expect(await p.trades.completedCounts('buyer')).toEqual({ asSeller: 0, asBuyer: 1 });
    });

    it('stores a rating once per rater and trade, with its reply, and shows only published ones', async () => {
      await p.trades.insert(aTrade('T1'));
      const r = aRating('R1', { minute: 1 });
      expect(await p.ratings.insert(r)).toBe(true);
      expect(await p.ratings.byId('R1')).toEqual(r);
      expect(await p.ratings.insert(aRating('R2', { minute: 2, score: 'bad' }))).toBe(false);
      const about = (now: Date, includeHidden = false) =>
        p.ratings.about({ rateeId: 'seller', now, includeHidden, after: null, limit: 9 });
      expect(await about(at(2))).toEqual([]);
      expect(await p.ratings.tally('seller', at(2))).toEqual({ count: 0, good: 0 });
      expect((await p.ratings.dueForAnnouncement(r.publishedAt, 9)).map((x) => x.id)).toEqual(['R1']);

      const back = aRating('R3', {
        minute: 3,
        raterId: 'seller',
        rateeId: 'buyer',
        rateeRole: 'buyer',
        score: 'neutral',
        text: null,
      });
      back.publishNow(at(3));
      r.publishNow(at(3));
      r.announced = true;
      r.replyText = '谢谢！';
      r.replyAt = at(4);
      await p.ratings.save(r);
      expect(await p.ratings.insert(back)).toBe(true);
      expect(await p.ratings.byId('R1')).toEqual(r);
      expect((await p.ratings.forTrade('T1')).map((x) => x.id)).toEqual(['R1', 'R3']);
      expect((await about(at(3))).map((x) => x.id)).toEqual(['R1']);
      expect(await p.ratings.tally('seller', at(3))).toEqual({ count: 1, good: 1 });
      expect((await p.ratings.dueForAnnouncement(at(3), 9)).map((x) => x.id)).toEqual(['R3']);

      r.hiddenAt = at(5);
      await p.ratings.save(r);
      expect(await about(at(6))).toEqual([]);
      expect((await about(at(6), true)).map((x) => x.id)).toEqual(['R1']);
      expect(await p.ratings.tally('seller', at(6))).toEqual({ count: 0, good: 0 });
    });

    it('keeps saves made inside a unit of work when the unit writes more afterwards (the outbox, a new row)', async () => {
      await p.trades.insert(aTrade('T1', { status: 'completed' }));
      await p.ratings.insert(aRating('R1'));
      await p.offers.insert(anOffer('O1'));
      await p.uow.run(async () => {
        const [r] = await p.ratings.forTrade('T1');
        r!.publishNow(at(5));
        r!.announced = true;
        await p.ratings.save(r!);
        const o = (await p.offers.byId('O1', { forUpdate: true }))!;
        o.counter(8_800, null, at(5), HOUR_MS);
        await p.offers.save(o);
        await p.outbox.append([
          {
            id: 'evt-contract-1',
            type: 'ListingUnwanted',
            occurredAt: at(5),
            aggregateId: 'L1',
            payload: { listingId: 'L1', userId: 'buyer' },
          },
        ]);
        await p.ratings.insert(aRating('R2', { raterId: 'seller', rateeId: 'buyer', rateeRole: 'buyer' }));
      });
      expect(await p.ratings.byId('R1')).toMatchObject({ publishedAt: at(5), announced: true });
      expect(await p.offers.byId('O1')).toMatchObject({ status: 'countered', counterPriceFen: 8_800 });
    });

    it('pages ratings about a student newest first by publication', async () => {
      for (const [i, id] of ['T1', 'T2', 'T3'].entries()) {
        await p.trades.insert(aTrade(id, { status: 'completed', listingId: i === 1 ? 'L2' : 'L1' }));
        const r = aRating(`R${i + 1}`, { tradeId: id, minute: i });
        r.publishNow(at(i));
        await p.ratings.insert(r);
      }
      const first = await p.ratings.about({
        rateeId: 'seller',
        now: at(9),
        includeHidden: false,
        after: null,
        limit: 2,
      });
      expect(first.map((r) => r.id)).toEqual(['R3', 'R2']);
      const rest = await p.ratings.about({
        rateeId: 'seller',
        now: at(9),
        includeHidden: false,
        after: { publishedAt: first[1]!.publishedAt, id: first[1]!.id },
        limit: 2,
      });
      expect(rest.map((r) => r.id)).toEqual(['R1']);
    });
  });
}
