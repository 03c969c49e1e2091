import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Comment } from '../engagement/comment.js';
import type { CommentRepository, FavoriteRepository } from '../engagement/ports.js';
import type { CampusRepository, UserRepository } from '../identity/ports.js';
import type { CampusStatistics, DayCount } from '../insights/campus-statistics.js';
import type { ActiveUserLog } from '../identity/activity.js';
import type { ListingRepository, ListingViewLog } from '../listings/ports.js';
import type { CategoryRepository } from '../catalog/ports.js';
import { aCampus, aCategoryTree, aListing, aUser } from './builders.js';

export interface CampusStatisticsPorts {
  readonly stats: CampusStatistics;
  readonly campuses: CampusRepository;
  readonly categories: CategoryRepository;
  readonly users: UserRepository;
  readonly listings: ListingRepository;
  readonly favorites: FavoriteRepository;
  readonly comments: CommentRepository;
  readonly viewLog: ListingViewLog;
  readonly activeUsers: ActiveUserLog;
  dispose(): Promise<void>;
}

const byDay = (rows: readonly DayCount[]) => [...rows].sort((a, b) => (a.day < b.day ? -1 : 1));
/** 2026-09-10 00:00 in China. */
const SINCE = new Date('2026-09-09T16:00:00.000Z');

/** The statistics read model: grouped by China day, per campus, the same on every adapter. */
export function campusStatisticsContract(adapterName: string, factory: () => Promise<CampusStatisticsPorts>): void {
  describe(`${adapterName}: CampusStatistics`, () => {
    let p: CampusStatisticsPorts;
    beforeEach(async () => {
      p = await factory();
      await p.campuses.save(aCampus());
      await p.campuses.save(aCampus({ id: 'other-campus', name: '隔壁大学' }));
      for (const c of [...aCategoryTree().all, ...aCategoryTree('other-campus').all]) await p.categories.save(c);
    });
    afterEach(async () => {
      await p.dispose();
    });

    it('counts listings by status and kind, new ones per China day and their categories, for one campus only', async () => {
      const at = (iso: string) => new Date(iso);
      await p.users.save(aUser({ id: 'user-owner' }));
      // 2026-09-10 23:30 in China is 15:30 UTC the same day; 2026-09-11 00:30 China is 16:30 UTC on the 10th.
      await p.listings.save(aListing({ id: 'L1', now: at('2026-09-10T15:30:00.000Z') }));
      await p.listings.save(aListing({ id: 'L2', now: at('2026-09-10T16:30:00.000Z'), categoryId: 'demo-computers' }));
      await p.listings.save(
        aListing({
          id: 'L3',
          now: at('2026-09-10T17:00:00.000Z'),
          kind: 'book',
          categoryId: 'demo-textbooks',
          rootCategoryId: 'demo-books',
          status: 'sold',
        }),
      );
      await p.listings.save(aListing({ id: 'L4', now: at('2026-09-01T02:00:00.000Z'), kind: 'wanted' })); // before the window
      await p.listings.save(aListing({ id: 'L5', now: at('2026-09-10T04:00:00.000Z'), campusId: 'other-campus' }));
      const a = await p.stats.activity('demo', SINCE, 10);
      expect([...a.listingsByStatusAndKind].sort((x, y) => (x.status + x.kind < y.status + y.kind ? -1 : 1))).toEqual([
        { status: 'active', kind: 'item', count: 2 },
        { status: 'active', kind: 'wanted', count: 1 },
        { status: 'sold', kind: 'book', count: 1 },
      ]);
      expect(byDay(a.newListingsPerDay)).toEqual([
        { day: '2026-09-10', count: 1 },
        { day: '2026-09-11', count: 2 },
      ]);
      // Ties go by category id, so every adapter answers the same order.
      expect(a.topCategories).toEqual([
        { categoryId: 'demo-computers', count: 1 },
        { categoryId: 'demo-phones', count: 1 },
        { categoryId: 'demo-textbooks', count: 1 },
      ]);
      expect((await p.stats.activity('demo', SINCE, 2)).topCategories).toHaveLength(2);
    });

    it('ranks categories by new listings', async () => {
      await p.users.save(aUser({ id: 'user-owner' }));
      for (let i = 0; i < 3; i++)
        await p.listings.save(aListing({ id: `P${i}`, now: new Date('2026-09-11T02:00:00.000Z') }));
      await p.listings.save(
        aListing({ id: 'C1', now: new Date('2026-09-11T02:00:00.000Z'), categoryId: 'demo-computers' }),
      );
      const a = await p.stats.activity('demo', SINCE, 10);
      expect(a.topCategories).toEqual([
        { categoryId: 'demo-phones', count: 3 },
        { categoryId: 'demo-computers', count: 1 },
      ]);
    });

    it('counts users verified or not, and new users per day', async () => {
      await p.users.save(aUser({ id: 'U1', now: new Date('2026-09-10T01:00:00.000Z') }));
      await p.users.save(aUser({ id: 'U2', now: new Date('2026-09-10T02:00:00.000Z'), verified: false }));
      await p.users.save(aUser({ id: 'U3', now: new Date('2026-08-01T02:00:00.000Z'), verified: false }));
      await p.users.save(aUser({ id: 'U4', now: new Date('2026-09-10T02:00:00.000Z'), campusId: 'other-campus' }));
      const a = await p.stats.activity('demo', SINCE, 10);
      expect(a.users).toEqual({ verified: 1, unverified: 2 });
      expect(byDay(a.newUsersPerDay)).toEqual([{ day: '2026-09-10', count: 2 }]);
    });

    it('counts favorites and comments on the campus listings per day', async () => {
      await p.users.save(aUser({ id: 'user-owner' }));
      await p.users.save(aUser({ id: 'U1' }));
      await p.users.save(aUser({ id: 'U2' }));
      await p.listings.save(aListing({ id: 'L1', now: new Date('2026-08-01T02:00:00.000Z') }));
      await p.listings.save(
        aListing({ id: 'L9', now: new Date('2026-08-01T02:00:00.000Z'), campusId: 'other-campus' }),
      );
      await p.favorites.add('U1', 'L1', new Date('2026-09-10T03:00:00.000Z'));
      await p.favorites.add('U2', 'L1', new Date('2026-09-11T03:00:00.000Z'));
      await p.favorites.add('U1', 'L9', new Date('2026-09-11T03:00:00.000Z'));
      await p.favorites.add('user-owner', 'L1', new Date('2026-09-01T03:00:00.000Z'));
      await p.comments.save(
        Comment.post({
          id: 'C1',
          listingId: 'L1',
          authorId: 'U1',
          body: '还在吗',
          now: new Date('2026-09-11T03:00:00.000Z'),
        }),
      );
      await p.comments.save(
        Comment.post({
          id: 'C2',
          listingId: 'L1',
          authorId: 'U2',
          body: '我要了',
          now: new Date('2026-09-11T04:00:00.000Z'),
        }),
      );
      await p.comments.save(
        Comment.post({
          id: 'C3',
          listingId: 'L9',
          authorId: 'U2',
          body: '在吗',
          now: new Date('2026-09-11T04:00:00.000Z'),
        }),
      );
      const a = await p.stats.activity('demo', SINCE, 10);
      expect(byDay(a.favoritesPerDay)).toEqual([
        { day: '2026-09-10', count: 1 },
        { day: '2026-09-11', count: 1 },
      ]);
      expect(byDay(a.commentsPerDay)).toEqual([{ day: '2026-09-11', count: 2 }]);
    });

    it('answers zeros and empty series for a quiet campus', async () => {
      expect(await p.stats.activity('demo', SINCE, 10)).toEqual({
        listingsByStatusAndKind: [],
        newListingsPerDay: [],
        newUsersPerDay: [],
        users: { verified: 0, unverified: 0 },
        topCategories: [],
        favoritesPerDay: [],
        commentsPerDay: [],
        viewsPerDay: [],
        activeUsersPerDay: [],
        funnel: { listed: 0, favorited: 0, commented: 0, sold: 0 },
        topViewed: [],
      });
    });

    it('counts views and active students per day, the funnel and the most viewed, per campus or all together', async () => {
      await p.users.save(aUser({ id: 'user-owner' }));
      const at = new Date('2026-09-10T03:00:00.000Z');
      await p.listings.save(aListing({ id: 'V1', title: '台灯', now: at }));
      await p.listings.save(aListing({ id: 'V2', title: '书桌', now: at, status: 'sold' }));
      await p.listings.save(aListing({ id: 'V3', title: '旧书', now: new Date('2026-08-01T02:00:00.000Z') }));
      await p.listings.save(aListing({ id: 'V9', title: '隔壁', now: at, campusId: 'other-campus' }));
      await p.listings.adjustCounters('V1', { favorites: 1, comments: 2 });
      await p.listings.adjustCounters('V2', { comments: 1 });
      for (const [listing, viewer, day] of [
        ['V1', 'u:a', '2026-09-10'],
        ['V1', 'a:b', '2026-09-10'],
        ['V1', 'c:a', '2026-09-10'],
        ['V1', 'u:a', '2026-09-11'],
        ['V2', 'u:a', '2026-09-11'],
        ['V3', 'u:a', '2026-09-01'],
        ['V9', 'u:z', '2026-09-11'],
      ] as const)
        await p.viewLog.recordView(listing, viewer, day);
      for (const [user, campus, day] of [
        ['a', 'demo', '2026-09-10'],
        ['a', 'demo', '2026-09-10'],
        ['b', 'demo', '2026-09-10'],
        ['a', 'demo', '2026-09-11'],
        ['a', 'demo', '2026-09-01'],
        ['z', 'other-campus', '2026-09-11'],
      ] as const)
        await p.activeUsers.record(user, campus, day);

      const a = await p.stats.activity('demo', SINCE, 10);
      expect(byDay(a.viewsPerDay)).toEqual([
        { day: '2026-09-10', count: 2 },
        { day: '2026-09-11', count: 2 },
      ]);
      expect(byDay(a.activeUsersPerDay)).toEqual([
        { day: '2026-09-10', count: 2 },
        { day: '2026-09-11', count: 1 },
      ]);
      expect(a.funnel).toEqual({ listed: 2, favorited: 1, commented: 2, sold: 1 });
      expect(a.topViewed).toEqual([
        { listingId: 'V1', title: '台灯', views: 3 },
        { listingId: 'V2', title: '书桌', views: 1 },
      ]);
      expect((await p.stats.activity('demo', SINCE, 1)).topViewed).toHaveLength(1);

      const all = await p.stats.activity(null, SINCE, 10);
      expect(byDay(all.viewsPerDay)).toEqual([
        { day: '2026-09-10', count: 2 },
        { day: '2026-09-11', count: 3 },
      ]);
      expect(byDay(all.activeUsersPerDay)).toEqual([
        { day: '2026-09-10', count: 2 },
        { day: '2026-09-11', count: 2 },
      ]);
      expect(all.funnel.listed).toBe(3);
      expect(all.topViewed.map((t) => t.listingId)).toEqual(['V1', 'V2', 'V9']);
      expect(all.users.verified).toBe(1);
    });
  });
}
