import { beforeEach, describe, expect, it } from 'vitest';
import { BlendedRecommender, type RankingContext } from '../recommendations/rankers.js';
import { aListing, TEST_CAMPUS_ID } from './builders.js';
import { recommendationsFixture, type RecommendationPorts } from './recommendations-fixture.js';

/** The signal job and the blended ranker over real signals, on every store. */
export function recommendationSignalsContract(adapterName: string, factory: () => Promise<RecommendationPorts>): void {
  describe(`${adapterName}: recommendation signals and ranking`, () => {
    const f = recommendationsFixture(factory);
    const { clock, tree, put, view, favorite, job } = f;
    let p: RecommendationPorts;
    beforeEach(() => {
      p = f.ports();
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
