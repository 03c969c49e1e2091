import { describe, expect, it } from 'vitest';
import type { Listing } from '../listings/listing.js';
import { sortValueOf, type ListingFeedQuery, type ListingRepository, type ListingViewLog } from '../listings/ports.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { aListing, TEST_CAMPUS_ID } from './builders.js';

const T0 = new Date('2026-09-01T02:00:00.000Z');
const HOUR = 3600_000;

/**
 * Contract cases for ListingRepository and ListingViewLog; part of persistenceContract. The test campus,
 * 'other-campus' and both category trees exist, and so do users 'user-owner' and 'user-buyer'.
 */
export function listingContract(
  adapterName: string,
  ports: () => { listings: ListingRepository; viewLog: ListingViewLog; uow: UnitOfWork },
): void {
  const feedQuery = (q: Partial<ListingFeedQuery> = {}): ListingFeedQuery => ({
    campusId: TEST_CAMPUS_ID,
    sort: 'newest',
    after: null,
    limit: 100,
    now: T0,
    ...q,
  });
  const ids = (ls: Listing[]) => ls.map((l) => l.id);
  const saveAll = async (ls: Listing[]) => {
    for (const l of ls) await ports().listings.save(l);
  };

  describe(`${adapterName}: ListingRepository`, () => {
    it('round-trips every field, including nulls, arrays, book info and price history', async () => {
      const book = aListing({
        id: 'L-book',
        kind: 'book',
        categoryId: 'demo-textbooks',
        rootCategoryId: 'demo-books',
        price: 2550,
        originalPrice: 5900,
        title: '高等数学 同济第七版 上册',
        description: '有少量笔记\n第二行',
        areaId: 'library',
        tradeMethods: ['face_to_face', 'express'],
        photos: ['p/1.jpg', 'p/2.jpg'],
        book: { isbn: '9787040396638', author: '同济大学数学系', publisher: '高等教育出版社', course: null },
      });
      book.priceHistory = [...book.priceHistory, { at: '2026-09-02T00:00:00.000Z', from: 2550, to: 2000 }];
      await ports().listings.save(book);
      const loaded = await ports().listings.byId('L-book');
      expect(loaded).not.toBeNull();
      for (const key of Object.keys(book) as (keyof Listing)[]) {
        expect(loaded![key], key).toEqual(book[key]);
      }
      expect(loaded!.listedAt).toBeInstanceOf(Date);
      expect(loaded!.isLive).toBe(true);
      expect(await ports().listings.byId('missing')).toBeNull();
    });

    it('keeps a wanted post with no price (面议) and no condition', async () => {
      await ports().listings.save(aListing({ id: 'L-w', kind: 'wanted', price: null, condition: null }));
      const loaded = await ports().listings.byId('L-w');
      expect(loaded!.price).toBeNull();
      expect(loaded!.condition).toBeNull();
    });

    it('saves changes to a loaded listing, and never lets a save overwrite counters', async () => {
      await ports().listings.save(aListing({ id: 'L1', price: 10_000 }));
      await ports().listings.adjustCounters('L1', { views: 3, favorites: 2, comments: 1, wants: 4 });
      await ports().uow.run(async () => {
        const l = (await ports().listings.byId('L1', { forUpdate: true }))!;
        l.title = '改过的标题';
        l.status = 'reserved';
        l.version += 1;
        await ports().listings.save(l);
      });
      const after = (await ports().listings.byId('L1'))!;
      expect(after.title).toBe('改过的标题');
      expect(after.status).toBe('reserved');
      expect(after.version).toBe(2);
      expect([after.viewCount, after.favoriteCount, after.commentCount, after.wantCount]).toEqual([3, 2, 1, 4]);
    });

    it('applies concurrent counter changes without losing any', async () => {
      await ports().listings.save(aListing({ id: 'L1' }));
      await Promise.all(Array.from({ length: 20 }, () => ports().listings.adjustCounters('L1', { favorites: 1 })));
      await ports().listings.adjustCounters('L1', { favorites: -5 });
      expect((await ports().listings.byId('L1'))!.favoriteCount).toBe(15);
    });

    it('reads counters changed earlier in the same unit of work', async () => {
      await ports().listings.save(aListing({ id: 'L1' }));
      const seen = await ports().uow.run(async () => {
        await ports().listings.byId('L1', { forUpdate: true });
        await ports().listings.adjustCounters('L1', { favorites: 1, comments: 2, wants: 1 });
        const again = (await ports().listings.byId('L1'))!;
        return [again.favoriteCount, again.commentCount, again.wantCount];
      });
      expect(seen).toEqual([1, 2, 1]);
    });

    it('loads several by id and ignores unknown ids', async () => {
      await saveAll([aListing({ id: 'A' }), aListing({ id: 'B' })]);
      expect(ids(await ports().listings.byIds(['B', 'nope', 'A'])).sort()).toEqual(['A', 'B']);
      expect(await ports().listings.byIds([])).toEqual([]);
    });

    it('feeds only live, unexpired listings of the campus, newest first', async () => {
      await saveAll([
        aListing({ id: 'old', now: new Date(T0.getTime() - 3 * HOUR) }),
        aListing({ id: 'new', now: new Date(T0.getTime() - HOUR) }),
        aListing({ id: 'reserved', status: 'reserved', now: new Date(T0.getTime() - 2 * HOUR) }),
        aListing({ id: 'sold', status: 'sold' }),
        aListing({ id: 'withdrawn', status: 'withdrawn' }),
        aListing({ id: 'removed', status: 'removed' }),
        aListing({ id: 'expired-by-time', now: new Date(T0.getTime() - 31 * 24 * HOUR) }),
        aListing({
          id: 'elsewhere',
          campusId: 'other-campus',
          categoryId: 'other-campus-phones',
          rootCategoryId: 'other-campus-digital',
        }),
      ]);
      expect(ids(await ports().listings.feed(feedQuery()))).toEqual(['new', 'reserved', 'old']);
    });

    it("leaves a banned owner's listings out of the feed until the mark is cleared; a save never writes it back", async () => {
      await saveAll([
        aListing({ id: 'theirs', ownerId: 'user-buyer', now: new Date(T0.getTime() - HOUR) }),
        aListing({ id: 'mine', now: new Date(T0.getTime() - 2 * HOUR) }),
      ]);
      const stale = (await ports().listings.byId('theirs'))!;
      await ports().listings.setOwnerBanned('user-buyer', true);
      expect(ids(await ports().listings.feed(feedQuery()))).toEqual(['mine']);
      const hits = await ports().listings.searchHits(['theirs', 'mine'], { campusId: TEST_CAMPUS_ID, now: T0 });
      expect(hits.map((h) => h.id)).toEqual(['mine']);
      expect((await ports().listings.byId('theirs'))!.ownerBanned).toBe(true);
      stale.title = '改个标题';
      await ports().uow.run(() => ports().listings.save(stale));
      expect(ids(await ports().listings.feed(feedQuery()))).toEqual(['mine']);
      await ports().listings.setOwnerBanned('user-buyer', false);
      expect(ids(await ports().listings.feed(feedQuery()))).toEqual(['theirs', 'mine']);
    });

    it('filters by kind, either category level, condition, price range and area', async () => {
      await saveAll([
        aListing({
          id: 'phone',
          categoryId: 'demo-phones',
          price: 150_000,
          condition: 'like_new',
          areaId: 'east-dorm',
        }),
        aListing({
          id: 'laptop',
          categoryId: 'demo-computers',
          price: 300_000,
          condition: 'lightly_used',
          areaId: 'library',
        }),
        aListing({
          id: 'book',
          kind: 'book',
          categoryId: 'demo-textbooks',
          rootCategoryId: 'demo-books',
          price: 2_000,
          book: { isbn: '9787040396638', author: null, publisher: null, course: null },
        }),
        aListing({ id: 'wanted', kind: 'wanted', price: null, condition: null }),
      ]);
      const q = async (f: Partial<ListingFeedQuery>) => ids(await ports().listings.feed(feedQuery(f))).sort();
      expect(await q({ kind: 'book' })).toEqual(['book']);
      expect(await q({ kind: 'wanted' })).toEqual(['wanted']);
      expect(await q({ rootCategoryId: 'demo-digital' })).toEqual(['laptop', 'phone', 'wanted']);
      expect(await q({ categoryId: 'demo-computers' })).toEqual(['laptop']);
      expect(await q({ condition: 'like_new' })).toEqual(['phone']);
      expect(await q({ minPrice: 2_000, maxPrice: 150_000 })).toEqual(['book', 'phone']);
      expect(await q({ areaId: 'library' })).toEqual(['laptop']);
      expect(await q({ rootCategoryId: 'demo-digital', maxPrice: 200_000, kind: 'item' })).toEqual(['phone']);
    });

    it('filters by a trade method among several, and summaries carry them', async () => {
      await saveAll([
        aListing({ id: 'f2f', tradeMethods: ['face_to_face'] }),
        aListing({ id: 'both', tradeMethods: ['express', 'face_to_face'] }),
        aListing({ id: 'courier', tradeMethods: ['delivery'] }),
        aListing({ id: 'none', tradeMethods: [] }),
      ]);
      const q = async (tradeMethod: ListingFeedQuery['tradeMethod']) =>
        ids(await ports().listings.feed(feedQuery({ tradeMethod }))).sort();
      expect(await q('face_to_face')).toEqual(['both', 'f2f']);
      expect(await q('express')).toEqual(['both']);
      expect(await q('delivery')).toEqual(['courier']);
      expect(ids(await ports().listings.feed(feedQuery({ tradeMethod: 'express', sort: 'price_asc' })))).toEqual([
        'both',
      ]);
      const hits = await ports().listings.searchHits(['f2f', 'both', 'courier', 'none'], {
        campusId: TEST_CAMPUS_ID,
        now: T0,
        tradeMethod: 'express',
      });
      expect(hits.map((h) => h.id)).toEqual(['both']);
    });

    it("lists and counts an owner's live listings, newest first by listing time, with keyset paging", async () => {
      await saveAll([
        aListing({ id: 'V1', now: new Date(T0.getTime() - 3 * HOUR) }),
        aListing({ id: 'V2', status: 'reserved', now: new Date(T0.getTime() - 2 * HOUR) }),
        aListing({ id: 'V3', now: new Date(T0.getTime() - 2 * HOUR) }),
        aListing({ id: 'Vsold', status: 'sold' }),
        aListing({ id: 'Vgone', status: 'withdrawn' }),
        aListing({ id: 'Vold', now: new Date(T0.getTime() - 31 * 24 * HOUR) }),
        aListing({ id: 'Vother', ownerId: 'user-buyer' }),
      ]);
      const live = (after: ListingFeedQuery['after'], limit = 10) =>
        ports().listings.liveByOwner({ ownerId: 'user-owner', after, limit, now: T0 });
      expect(ids(await live(null))).toEqual(['V3', 'V2', 'V1']);
      const v3 = (await ports().listings.byId('V3'))!;
      expect(ids(await live({ sortValue: sortValueOf(v3, 'newest'), id: 'V3' }, 1))).toEqual(['V2']);
      expect(await ports().listings.countLiveByOwner('user-owner', T0)).toBe(3);
      await ports().listings.setOwnerBanned('user-owner', true);
      expect(ids(await live(null))).toEqual([]);
      expect(await ports().listings.countLiveByOwner('user-owner', T0)).toBe(0);
    });

    it('pages by keyset through ties on listing time without skipping or repeating', async () => {
      const all: Listing[] = [];
      for (let i = 0; i < 23; i++) {
        all.push(
          aListing({ id: `K${String(i).padStart(2, '0')}`, now: new Date(T0.getTime() - Math.floor(i / 4) * HOUR) }),
        );
      }
      await saveAll(all);
      const seen: string[] = [];
      let after: ListingFeedQuery['after'] = null;
      for (let page = 0; page < 10; page++) {
        const rows = await ports().listings.feed(feedQuery({ limit: 5, after }));
        seen.push(...ids(rows));
        if (rows.length < 5) break;
        const last = rows.at(-1)!;
        after = { sortValue: sortValueOf(last, 'newest'), id: last.id };
      }
      const expected = [...all]
        .sort((a, b) => b.listedAt.getTime() - a.listedAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((l) => l.id);
      expect(seen).toEqual(expected);
    });

    it('sorts by price both ways with keyset paging, leaving out 面议 posts', async () => {
      await saveAll([
        aListing({ id: 'P1', price: 500 }),
        aListing({ id: 'P2', price: 100 }),
        aListing({ id: 'P3', price: 500 }),
        aListing({ id: 'P4', price: 9_900 }),
        aListing({ id: 'P5', kind: 'wanted', price: null, condition: null }),
      ]);
      const asc = await ports().listings.feed(feedQuery({ sort: 'price_asc' }));
      expect(ids(asc)).toEqual(['P2', 'P1', 'P3', 'P4']);
      const desc = await ports().listings.feed(feedQuery({ sort: 'price_desc' }));
      expect(ids(desc)).toEqual(['P4', 'P3', 'P1', 'P2']);
      const page2 = await ports().listings.feed(
        feedQuery({ sort: 'price_asc', limit: 2, after: { sortValue: 500, id: 'P1' } }),
      );
      expect(ids(page2)).toEqual(['P3', 'P4']);
    });

    it("lists an owner's listings of any status, newest first, with paging and a status filter", async () => {
      await saveAll([
        aListing({ id: 'O1', now: new Date(T0.getTime() - 3 * HOUR) }),
        aListing({ id: 'O2', status: 'sold', now: new Date(T0.getTime() - 2 * HOUR) }),
        aListing({ id: 'O3', status: 'withdrawn', now: new Date(T0.getTime() - HOUR) }),
        aListing({ id: 'X', ownerId: 'user-buyer' }),
      ]);
      expect(ids(await ports().listings.byOwner({ ownerId: 'user-owner', after: null, limit: 10 }))).toEqual([
        'O3',
        'O2',
        'O1',
      ]);
      expect(
        ids(await ports().listings.byOwner({ ownerId: 'user-owner', status: 'sold', after: null, limit: 10 })),
      ).toEqual(['O2']);
      const o3 = (await ports().listings.byId('O3'))!;
      expect(
        ids(
          await ports().listings.byOwner({
            ownerId: 'user-owner',
            after: { sortValue: o3.createdAt.getTime(), id: 'O3' },
            limit: 1,
          }),
        ),
      ).toEqual(['O2']);
    });

    it('finds live listings due for expiry, oldest first', async () => {
      await saveAll([
        aListing({ id: 'E1', now: new Date(T0.getTime() - 40 * 24 * HOUR) }),
        aListing({ id: 'E2', now: new Date(T0.getTime() - 35 * 24 * HOUR), status: 'reserved' }),
        aListing({ id: 'E3', now: new Date(T0.getTime() - 50 * 24 * HOUR), status: 'sold' }),
        aListing({ id: 'fresh' }),
      ]);
      expect(ids(await ports().listings.dueForExpiry(T0, 10))).toEqual(['E1', 'E2']);
      expect(ids(await ports().listings.dueForExpiry(T0, 1))).toEqual(['E1']);
    });
  });

  describe(`${adapterName}: ListingViewLog`, () => {
    it('records a view once per viewer, listing and day', async () => {
      await ports().listings.save(aListing({ id: 'V1' }));
      expect(await ports().viewLog.recordView('V1', 'u:user-buyer', '2026-09-01')).toBe(true);
      expect(await ports().viewLog.recordView('V1', 'u:user-buyer', '2026-09-01')).toBe(false);
      expect(await ports().viewLog.recordView('V1', 'u:user-buyer', '2026-09-02')).toBe(true);
      expect(await ports().viewLog.recordView('V1', 'a:abc', '2026-09-01')).toBe(true);
    });
  });
}
