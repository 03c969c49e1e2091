import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CategoryRepository } from '../catalog/ports.js';
import type { FavoriteRepository } from '../engagement/ports.js';
import type { Listing } from '../listings/listing.js';
import type { ListingRepository, ListingViewLog } from '../listings/ports.js';
import type { InteractionSource, RecommendationCandidates, SignalStore } from '../recommendations/ports.js';
import { BlendedRecommender, type RankingContext } from '../recommendations/rankers.js';
import { UpdateRecommendationSignals } from '../recommendations/update-signals.js';
import { EventFactory, type Outbox } from '../shared/events.js';
import type { OutboxLog, ProjectionCheckpoints } from '../shared/projection.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { aCategoryTree, aListing, SequentialIds, TestClock, TEST_CAMPUS_ID } from './builders.js';

/**
 * What a recommendations adapter family provides: one fresh store holding the campuses `demo` and
 * `other-campus` and the users `user-owner`, `stu-a`, `stu-b` and `stu-c`.
 */
export interface RecommendationPorts {
  interactions: InteractionSource;
  signals: SignalStore;
  candidates: RecommendationCandidates;
  viewLog: ListingViewLog;
  favorites: FavoriteRepository;
  listings: ListingRepository;
  categories: CategoryRepository;
  outbox: Outbox;
  outboxLog: OutboxLog;
  checkpoints: ProjectionCheckpoints;
  uow: UnitOfWork;
  dispose(): Promise<void>;
}

/** The recommendation ports behave alike on every store: the view log read as a log, the signal tables, the job over both. */
export function recommendationsContract(adapterName: string, factory: () => Promise<RecommendationPorts>): void {
  describe(`${adapterName}: recommendations`, () => {
    let p: RecommendationPorts;
    const clock = new TestClock(new Date('2026-09-02T02:00:00.000Z'));
    const events = new EventFactory(new SequentialIds('evt'), clock);
    const tree = aCategoryTree();

    beforeEach(async () => {
      p = await factory();
      for (const c of [...tree.all, ...aCategoryTree('other-campus').all]) await p.categories.save(c);
    });
    afterEach(async () => {
      await p.dispose();
    });

    const put = async (...ls: Listing[]) => {
      for (const l of ls) await p.listings.save(l);
    };
    const view = (user: string, listing: string, day: string) => p.viewLog.recordView(listing, `u:${user}`, day);
    const favorite = async (user: string, listing: string, on: boolean, at = clock.now()) => {
      await p.uow.run(async () => {
        if (on) await p.favorites.add(user, listing, at);
        else await p.favorites.remove(user, listing);
        await p.outbox.append([
          events.create(on ? 'ListingFavorited' : 'ListingUnfavorited', listing, { listingId: listing, userId: user }),
        ]);
      });
    };
    const job = () =>
      new UpdateRecommendationSignals(p.interactions, p.outboxLog, p.checkpoints, p.signals, p.listings, p.uow, clock);

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

    it('the signal job counts each pair once per student, follows favorites both ways, and a re-run changes nothing', async () => {
      await put(
        aListing({ id: 'j-phone', title: '小米手机 8G' }),
        aListing({ id: 'j-case', title: '手机壳' }),
        aListing({ id: 'j-laptop', title: '联想笔记本', categoryId: tree.computers.id }),
        aListing({
          id: 'j-far',
          title: '旧手机',
          campusId: 'other-campus',
          categoryId: 'other-campus-phones',
          rootCategoryId: 'other-campus-digital',
        }),
      );
      await view('stu-a', 'j-phone', '2026-08-01');
      await view('stu-a', 'j-case', '2026-08-01');
      await view('stu-a', 'j-phone', '2026-08-02'); // again another day: no new pair
      await view('stu-b', 'j-phone', '2026-08-01');
      await view('stu-b', 'j-case', '2026-08-10');
      await view('stu-c', 'j-phone', '2026-07-01');
      await view('stu-c', 'j-laptop', '2026-08-20'); // more than the window apart: no pair
      await favorite('stu-a', 'j-phone', true);
      await favorite('stu-a', 'j-laptop', true);
      await favorite('stu-b', 'j-phone', true);
      await favorite('stu-b', 'j-laptop', true);
      await favorite('stu-b', 'j-laptop', false);

      const progress: number[] = [];
      const first = await job().execute((x) => progress.push(x.views));
      expect(first.views).toBe(7);
      expect(progress.at(-1)).toBe(7);
      const phone = await p.signals.neighbours('j-phone', 10);
      // Equal weights: the later id first, as an index read backwards gives them.
      expect(phone).toEqual([
        { listingId: 'j-laptop', coViews: 0, coFavorites: 1 },
        { listingId: 'j-case', coViews: 2, coFavorites: 0 },
      ]);
      expect(await p.signals.popularity(['j-phone', 'j-laptop'])).toEqual(
        new Map([
          ['j-phone', { viewers: 3, favoriters: 2 }],
          ['j-laptop', { viewers: 1, favoriters: 1 }],
        ]),
      );

      expect(await job().execute()).toEqual({ views: 0, events: 0, pairs: 0 });
      expect(await p.signals.neighbours('j-phone', 10)).toEqual(phone);

      // Only what is new counts on the next run.
      await view('stu-c', 'j-case', '2026-08-21');
      expect((await job().execute()).views).toBe(1);
      expect((await p.signals.neighbours('j-case', 10)).find((n) => n.listingId === 'j-laptop')).toEqual({
        listingId: 'j-laptop',
        coViews: 1,
        coFavorites: 0,
      });
    });

    it("reads a listing's neighbours with their candidate columns and popularity in one go", async () => {
      await put(
        aListing({ id: 'nc-a', title: '台灯' }),
        aListing({ id: 'nc-b', title: '小米手机', price: 50_000 }),
        aListing({ id: 'nc-c', status: 'sold' }),
      );
      await p.uow.run(async () => {
        await p.signals.addPairs([
          { a: 'nc-a', b: 'nc-b', views: 3, favorites: 0 },
          { a: 'nc-a', b: 'nc-c', views: 1, favorites: 0 },
          { a: 'nc-a', b: 'nc-gone', views: 5, favorites: 0 },
        ]);
        await p.signals.addPopularity([{ listingId: 'nc-b', campusId: TEST_CAMPUS_ID, viewers: 4, favoriters: 1 }]);
      });
      const got = await p.signals.neighbourCandidates('nc-a', 10);
      // nc-gone has no listing: left out; the sold one is still returned (ranking filters it).
      expect(got.map((g) => [g.neighbour, g.listing.id, g.listing.status, g.popularity])).toEqual([
        [{ listingId: 'nc-b', coViews: 3, coFavorites: 0 }, 'nc-b', 'active', { viewers: 4, favoriters: 1 }],
        [{ listingId: 'nc-c', coViews: 1, coFavorites: 0 }, 'nc-c', 'sold', null],
      ]);
      expect(got[0]!.listing).toEqual((await p.candidates.byIds(['nc-b']))[0]);
      expect(await p.signals.neighbourCandidates('nc-a', 1)).toHaveLength(0);
    });

    it('similar items rank co-viewed listings first and never show sold, removed, expired, own or other-campus ones', async () => {
      const T = new Date('2026-09-01T02:00:00.000Z');
      await put(
        aListing({ id: 's-target', title: '小米手机 8G', price: 100_000, now: T }),
        aListing({ id: 's-covisited', title: '华为耳机', price: 30_000, categoryId: tree.computers.id, now: T }),
        aListing({ id: 's-same', title: '小米手机 6G', price: 90_000, now: T }),
        aListing({ id: 's-sold', title: '小米手机 8G 九成新', price: 100_000, status: 'sold', now: T }),
        aListing({ id: 's-removed', title: '小米手机 8G', price: 100_000, status: 'removed', now: T }),
        aListing({
          id: 's-expired',
          title: '小米手机 8G',
          price: 100_000,
          now: new Date('2026-07-01T00:00:00Z'),
          lifetimeDays: 30,
        }),
        aListing({ id: 's-mine', title: '小米手机 8G', price: 100_000, ownerId: 'stu-a', now: T }),
        aListing({
          id: 's-far',
          title: '小米手机 8G',
          campusId: 'other-campus',
          categoryId: 'other-campus-phones',
          rootCategoryId: 'other-campus-digital',
          now: T,
        }),
      );
      for (const u of ['stu-a', 'stu-b', 'stu-c']) {
        await view(u, 's-target', '2026-09-01');
        await view(u, 's-covisited', '2026-09-01');
        await view(u, 's-far', '2026-09-01');
        await view(u, 's-sold', '2026-09-01');
      }
      await job().execute();
      const ctx: RankingContext = {
        campusId: TEST_CAMPUS_ID,
        asOf: clock.now(),
        now: clock.now(),
        viewerId: 'stu-a',
        exclude: new Set(['s-target']),
      };
      const target = (await p.listings.byId('s-target'))!;
      const ranked = await new BlendedRecommender(p.candidates, p.signals).similar(target, ctx);
      expect(ranked.map((s) => s.listing.id)).toEqual(['s-covisited', 's-same']);
      expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
    });
  });
}
