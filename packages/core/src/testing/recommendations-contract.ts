import { beforeEach, describe, expect, it } from 'vitest';
import { aListing, TEST_CAMPUS_ID } from './builders.js';
import { recommendationsFixture, type RecommendationPorts } from './recommendations-fixture.js';
import { recommendationSignalsContract } from './recommendations-signals-contract.js';

export type { RecommendationPorts };

/** The recommendation ports behave alike on every store: the view log read as a log, the signal tables, the job over both. */
export function recommendationsContract(adapterName: string, factory: () => Promise<RecommendationPorts>): void {
  describe(`${adapterName}: recommendations`, () => {
    const f = recommendationsFixture(factory);
    const { clock, tree, put, view } = f;
    let p: RecommendationPorts;
    beforeEach(() => {
      p = f.ports();
    });

    it("reads the view log in order, after a position or within ranges; only students' views name a user", async () => {
      await put(aListing({ id: 'r-1' }), aListing({ id: 'r-2' }));
      expect(await p.interactions.lastViewSeq()).toBe(0);
      await view('stu-a', 'r-1', '2026-09-01');
      await p.viewLog.recordView('r-1', 'a:anon-hash', '2026-09-01');
      await view('stu-b', 'r-2', '2026-09-01');
      await view('stu-a', 'r-1', '2026-09-01'); // same day: not a new row
      await view('stu-a', 'r-2', '2026-09-02');
      const all = await p.interactions.viewsAfter(0, 10);
      expect(all.map((v) => [v.userId, v.listingId, v.day])).toEqual([
        ['stu-a', 'r-1', '2026-09-01'],
        [null, 'r-1', '2026-09-01'],
        ['stu-b', 'r-2', '2026-09-01'],
        ['stu-a', 'r-2', '2026-09-02'],
      ]);
      expect(all.map((v) => v.seq)).toEqual([...all.map((v) => v.seq)].sort((a, b) => a - b));
      expect(await p.interactions.viewsAfter(all[0]!.seq, 1)).toEqual([all[1]]);
      expect(await p.interactions.viewsAfter(all[3]!.seq, 10)).toEqual([]);
      expect(await p.interactions.lastViewSeq()).toBeGreaterThanOrEqual(all[3]!.seq);
      const [a, , c, d] = all.map((v) => v.seq) as [number, number, number, number];
      const ranges = [
        { from: d, to: d + 5 },
        { from: a, to: a },
        { from: c, to: c },
      ];
      expect(await p.interactions.viewsWithin(ranges, 10)).toEqual([all[0], all[2], all[3]]);
      expect(await p.interactions.viewsWithin(ranges, 2)).toEqual([all[0], all[2]]);
      expect(await p.interactions.viewsWithin([], 10)).toEqual([]);
    });

    it("answers a student's history: distinct listings, most recent first, days counted, before a position", async () => {
      await put(aListing({ id: 'h-1' }), aListing({ id: 'h-2' }), aListing({ id: 'h-3' }));
      await view('stu-a', 'h-1', '2026-08-30');
      await view('stu-a', 'h-2', '2026-08-31');
      await view('stu-b', 'h-3', '2026-08-31');
      await view('stu-a', 'h-1', '2026-09-01');
      const log = await p.interactions.viewsAfter(0, 10);
      const history = await p.interactions.viewHistory('stu-a', Number.MAX_SAFE_INTEGER, 10);
      expect(history.map((h) => [h.listingId, h.days, h.lastDay])).toEqual([
        ['h-1', 2, '2026-09-01'],
        ['h-2', 1, '2026-08-31'],
      ]);
      expect((await p.interactions.viewHistory('stu-a', log[3]!.seq, 10)).map((h) => [h.listingId, h.days])).toEqual([
        ['h-2', 1],
        ['h-1', 1],
      ]);
      expect(await p.interactions.viewHistory('stu-a', Number.MAX_SAFE_INTEGER, 1)).toHaveLength(1);
      expect(await p.interactions.viewedBefore('stu-a', 'h-1', log[3]!.seq)).toBe(true);
      expect(await p.interactions.viewedBefore('stu-a', 'h-1', log[0]!.seq)).toBe(false);
      expect(await p.interactions.viewedBefore('stu-b', 'h-1', Number.MAX_SAFE_INTEGER)).toBe(false);
    });

    it("reads a bounded window of a student's history: the latest records, however long it grows", async () => {
      await put(aListing({ id: 'w-old' }), aListing({ id: 'w-new' }));
      await view('stu-a', 'w-old', '2026-08-01');
      // Eight days on one listing fill the window of a two-listing answer (four records per listing).
      for (let d = 2; d <= 9; d++) await view('stu-a', 'w-new', `2026-08-0${d}`);
      expect(
        (await p.interactions.viewHistory('stu-a', Number.MAX_SAFE_INTEGER, 2)).map((h) => [h.listingId, h.days]),
      ).toEqual([['w-new', 8]]);
      // A wider answer reaches back to the older listing.
      expect(
        (await p.interactions.viewHistory('stu-a', Number.MAX_SAFE_INTEGER, 3)).map((h) => [h.listingId, h.days]),
      ).toEqual([
        ['w-new', 8],
        ['w-old', 1],
      ]);
    });

    it("answers a student's favorites up to a time, newest first", async () => {
      await put(aListing({ id: 'f-1' }), aListing({ id: 'f-2' }), aListing({ id: 'f-3' }));
      const t = (h: number) => new Date(Date.UTC(2026, 8, 1, h));
      await p.favorites.add('stu-a', 'f-1', t(1));
      await p.favorites.add('stu-a', 'f-2', t(2));
      await p.favorites.add('stu-a', 'f-3', t(3));
      await p.favorites.add('stu-b', 'f-1', t(1));
      expect(await p.interactions.favoritesOf('stu-a', t(5), 10)).toEqual(['f-3', 'f-2', 'f-1']);
      expect(await p.interactions.favoritesOf('stu-a', t(2), 10)).toEqual(['f-2', 'f-1']);
      expect(await p.interactions.favoritesOf('stu-a', t(5), 1)).toEqual(['f-3']);
    });

    it('reads candidates: live and unexpired ones of a campus and category, newest first; any by id', async () => {
      const at = (d: number) => new Date(Date.UTC(2026, 7, d, 2));
      await put(
        aListing({ id: 'c-old', title: '旧手机', price: 30_000, now: at(20) }),
        aListing({ id: 'c-new', title: '新手机', price: null, kind: 'wanted', condition: null, now: at(28) }),
        aListing({ id: 'c-laptop', title: '笔记本', categoryId: tree.computers.id, now: at(25) }),
        aListing({ id: 'c-sold', status: 'sold', now: at(27) }),
        aListing({ id: 'c-expired', now: at(1), lifetimeDays: 30 }),
        aListing({
          id: 'c-far',
          campusId: 'other-campus',
          categoryId: 'other-campus-phones',
          rootCategoryId: 'other-campus-digital',
          now: at(26),
        }),
      );
      const now = clock.now();
      const ids = async (q: { categoryId?: string; rootCategoryId?: string; limit?: number }) =>
        (await p.candidates.fresh({ campusId: TEST_CAMPUS_ID, now, limit: q.limit ?? 10, ...q })).map((c) => c.id);
      expect(await ids({})).toEqual(['c-new', 'c-laptop', 'c-old']);
      expect(await ids({ categoryId: tree.phones.id })).toEqual(['c-new', 'c-old']);
      expect(await ids({ rootCategoryId: tree.digital.id, limit: 2 })).toEqual(['c-new', 'c-laptop']);
      const [old] = await p.candidates.byIds(['c-old']);
      expect(old).toEqual({
        id: 'c-old',
        campusId: TEST_CAMPUS_ID,
        ownerId: 'user-owner',
        status: 'active',
        title: '旧手机',
        categoryId: tree.phones.id,
        rootCategoryId: tree.digital.id,
        price: 30_000,
        listedAt: at(20),
        expiresAt: new Date(at(20).getTime() + 30 * 86_400_000),
        ownerBanned: false,
      });
      expect(
        (await p.candidates.byIds(['c-sold', 'c-new', 'missing'])).map((c) => [c.id, c.status, c.price]).sort(),
      ).toEqual([
        ['c-new', 'active', null],
        ['c-sold', 'sold', 10_000],
      ]);
    });

    it('keeps pair counts in both directions, and neighbour lists strongest first', async () => {
      await p.uow.run(async () => {
        await p.signals.addPairs([
          { a: 'n-1', b: 'n-2', views: 2, favorites: 0 },
          { a: 'n-1', b: 'n-3', views: 1, favorites: 1 },
        ]);
        await p.signals.addPairs([
          { a: 'n-2', b: 'n-1', views: 1, favorites: 0 },
          { a: 'n-1', b: 'n-4', views: 1, favorites: -1 },
        ]);
      });
      await p.uow.run(() => p.signals.addPairs([{ a: 'n-1', b: 'n-5', views: 2, favorites: 1 }]));
      // Weight = co-views + 2 × co-favorites: n-5 (4), then n-3 and n-2 (3 each, the higher id first); n-4 (−1) is no neighbour.
      expect(await p.signals.neighbours('n-1', 10)).toEqual([
        { listingId: 'n-5', coViews: 2, coFavorites: 1 },
        { listingId: 'n-3', coViews: 1, coFavorites: 1 },
        { listingId: 'n-2', coViews: 3, coFavorites: 0 },
      ]);
      expect(await p.signals.neighbours('n-3', 10)).toEqual([{ listingId: 'n-1', coViews: 1, coFavorites: 1 }]);
      expect(await p.signals.neighbours('n-1', 1)).toEqual([{ listingId: 'n-5', coViews: 2, coFavorites: 1 }]);
      expect(await p.signals.neighbours('nobody', 10)).toEqual([]);
      const many = await p.signals.neighboursOf(['n-1', 'n-3', 'nobody', 'n-1'], 2);
      expect([...many.keys()].sort()).toEqual(['n-1', 'n-3', 'nobody']);
      expect(many.get('n-1')).toEqual((await p.signals.neighbours('n-1', 10)).slice(0, 2));
      expect(many.get('n-3')).toEqual([{ listingId: 'n-1', coViews: 1, coFavorites: 1 }]);
      expect(many.get('nobody')).toEqual([]);
      expect(await p.signals.neighboursOf([], 5)).toEqual(new Map());
    });

    it('keeps popularity per listing and ranks a campus by it', async () => {
      await p.uow.run(async () => {
        await p.signals.addPopularity([
          { listingId: 'p-1', campusId: TEST_CAMPUS_ID, viewers: 3, favoriters: 0 },
          { listingId: 'p-2', campusId: TEST_CAMPUS_ID, viewers: 1, favoriters: 2 },
          { listingId: 'p-3', campusId: 'other-campus', viewers: 9, favoriters: 0 },
        ]);
        await p.signals.addPopularity([{ listingId: 'p-1', campusId: TEST_CAMPUS_ID, viewers: 1, favoriters: 0 }]);
      });
      expect(await p.signals.popularity(['p-1', 'p-2', 'missing'])).toEqual(
        new Map([
          ['p-1', { viewers: 4, favoriters: 0 }],
          ['p-2', { viewers: 1, favoriters: 2 }],
        ]),
      );
      expect(await p.signals.popularInCampus(TEST_CAMPUS_ID, 10)).toEqual(['p-2', 'p-1']);
      expect(await p.signals.popularInCampus(TEST_CAMPUS_ID, 1)).toEqual(['p-2']);
    });

    it('keeps its own copy of favorites: a repeat changes nothing, newest first', async () => {
      await p.uow.run(async () => {
        expect(await p.signals.setFavorite('stu-a', 'x-1', true, 1)).toBe(true);
        expect(await p.signals.setFavorite('stu-a', 'x-1', true, 2)).toBe(false);
        expect(await p.signals.setFavorite('stu-a', 'x-2', true, 3)).toBe(true);
        expect(await p.signals.setFavorite('stu-a', 'x-3', false, 4)).toBe(false);
      });
      expect(await p.signals.projectedFavorites('stu-a', 10)).toEqual(['x-2', 'x-1']);
      await p.uow.run(async () => expect(await p.signals.setFavorite('stu-a', 'x-2', false, 5)).toBe(true));
      expect(await p.signals.projectedFavorites('stu-a', 10)).toEqual(['x-1']);
      expect(await p.signals.projectedFavorites('stu-b', 10)).toEqual([]);
    });
  });
  recommendationSignalsContract(adapterName, factory);
}
