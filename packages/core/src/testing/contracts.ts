import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CategoryRepository } from '../catalog/ports.js';
import type { CommentRepository, FavoriteRepository } from '../engagement/ports.js';
import { Comment } from '../engagement/comment.js';
import type { CampusRepository, UserRepository } from '../identity/ports.js';
import type { Listing } from '../listings/listing.js';
import type { ListingFeedQuery, ListingRepository, ListingViewLog } from '../listings/ports.js';
import { sortValueOf } from '../listings/ports.js';
import { EventFactory, type Outbox } from '../shared/events.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { EventSubscriber, JobQueue } from '../shared/jobs.js';
import { RelayOutbox } from '../shared/relay-outbox.js';
import { identityContract, type IdentityPorts } from './identity-contract.js';
import type { PhotoRepository } from '../photos/ports.js';
import { photoContract } from './photo-contract.js';
import { unitOfWorkContract, type UnitOfWorkContractOptions } from './unit-of-work-contract.js';
import { aCampus, aCategoryTree, aListing, aUser, SequentialIds, TestClock, TEST_CAMPUS_ID } from './builders.js';

/** The ports a persistence adapter family provides, bound to one fresh, empty store. */
export interface PersistencePorts extends IdentityPorts {
  listings: ListingRepository;
  categories: CategoryRepository;
  campuses: CampusRepository;
  users: UserRepository;
  favorites: FavoriteRepository;
  comments: CommentRepository;
  outbox: Outbox;
  viewLog: ListingViewLog;
  uow: UnitOfWork;
  photos: PhotoRepository;
}

export type PersistenceFactory = () => Promise<PersistencePorts & { dispose(): Promise<void> }>;

const T0 = new Date('2026-09-01T02:00:00.000Z');
const HOUR = 3600_000;

/**
 * One contract suite per port, run by every adapter family (in-memory, SQLite, MariaDB). A case that
 * the in-memory adapter passes and a SQL adapter fails is a bug in the adapter, or in this suite.
 */
export function persistenceContract(
  adapterName: string,
  factory: PersistenceFactory,
  options: UnitOfWorkContractOptions = {},
): void {
  let ports: PersistencePorts & { dispose(): Promise<void> };
  const tree = () => aCategoryTree();
  const owner = aUser({ id: 'user-owner', nickname: '卖家' });
  const buyer = aUser({ id: 'user-buyer', nickname: '买家' });

  beforeEach(async () => {
    ports = await factory();
    await ports.campuses.save(aCampus());
    await ports.campuses.save(aCampus({ id: 'other-campus', name: '隔壁大学' }));
    for (const c of tree().all) await ports.categories.save(c);
    for (const c of aCategoryTree('other-campus').all) await ports.categories.save(c);
    await ports.users.save(owner);
    await ports.users.save(buyer);
  });
  afterEach(async () => {
    await ports.dispose();
  });

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
    for (const l of ls) await ports.listings.save(l);
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
      await ports.listings.save(book);
      const loaded = await ports.listings.byId('L-book');
      expect(loaded).not.toBeNull();
      for (const key of Object.keys(book) as (keyof Listing)[]) {
        expect(loaded![key], key).toEqual(book[key]);
      }
      expect(loaded!.listedAt).toBeInstanceOf(Date);
      expect(loaded!.isLive).toBe(true);
      expect(await ports.listings.byId('missing')).toBeNull();
    });

    it('keeps a wanted post with no price (面议) and no condition', async () => {
      await ports.listings.save(aListing({ id: 'L-w', kind: 'wanted', price: null, condition: null }));
      const loaded = await ports.listings.byId('L-w');
      expect(loaded!.price).toBeNull();
      expect(loaded!.condition).toBeNull();
    });

    it('saves changes to a loaded listing, and never lets a save overwrite counters', async () => {
      await ports.listings.save(aListing({ id: 'L1', price: 10_000 }));
      await ports.listings.adjustCounters('L1', { views: 3, favorites: 2, comments: 1 });
      await ports.uow.run(async () => {
        const l = (await ports.listings.byId('L1', { forUpdate: true }))!;
        l.title = '改过的标题';
        l.status = 'reserved';
        l.version += 1;
        await ports.listings.save(l);
      });
      const after = (await ports.listings.byId('L1'))!;
      expect(after.title).toBe('改过的标题');
      expect(after.status).toBe('reserved');
      expect(after.version).toBe(2);
      expect([after.viewCount, after.favoriteCount, after.commentCount]).toEqual([3, 2, 1]);
    });

    it('applies concurrent counter changes without losing any', async () => {
      await ports.listings.save(aListing({ id: 'L1' }));
      await Promise.all(Array.from({ length: 20 }, () => ports.listings.adjustCounters('L1', { favorites: 1 })));
      await ports.listings.adjustCounters('L1', { favorites: -5 });
      expect((await ports.listings.byId('L1'))!.favoriteCount).toBe(15);
    });

    it('reads counters changed earlier in the same unit of work', async () => {
      await ports.listings.save(aListing({ id: 'L1' }));
      const seen = await ports.uow.run(async () => {
        await ports.listings.byId('L1', { forUpdate: true });
        await ports.listings.adjustCounters('L1', { favorites: 1, comments: 2 });
        const again = (await ports.listings.byId('L1'))!;
        return [again.favoriteCount, again.commentCount];
      });
      expect(seen).toEqual([1, 2]);
    });

    it('loads several by id and ignores unknown ids', async () => {
      await saveAll([aListing({ id: 'A' }), aListing({ id: 'B' })]);
      expect(ids(await ports.listings.byIds(['B', 'nope', 'A'])).sort()).toEqual(['A', 'B']);
      expect(await ports.listings.byIds([])).toEqual([]);
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
      expect(ids(await ports.listings.feed(feedQuery()))).toEqual(['new', 'reserved', 'old']);
    });

    it("leaves a banned owner's listings out of the feed until the mark is cleared; a save never writes it back", async () => {
      await saveAll([
        aListing({ id: 'theirs', ownerId: 'user-buyer', now: new Date(T0.getTime() - HOUR) }),
        aListing({ id: 'mine', now: new Date(T0.getTime() - 2 * HOUR) }),
      ]);
      const stale = (await ports.listings.byId('theirs'))!;
      await ports.listings.setOwnerBanned('user-buyer', true);
      expect(ids(await ports.listings.feed(feedQuery()))).toEqual(['mine']);
      expect((await ports.listings.summaries(['theirs', 'mine'])).map((l) => [l.id, l.ownerBanned]).sort()).toEqual([
        ['mine', false],
        ['theirs', true],
      ]);
      expect((await ports.listings.byId('theirs'))!.ownerBanned).toBe(true);
      stale.title = '改个标题';
      await ports.uow.run(() => ports.listings.save(stale));
      expect(ids(await ports.listings.feed(feedQuery()))).toEqual(['mine']);
      await ports.listings.setOwnerBanned('user-buyer', false);
      expect(ids(await ports.listings.feed(feedQuery()))).toEqual(['theirs', 'mine']);
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
      const q = async (f: Partial<ListingFeedQuery>) => ids(await ports.listings.feed(feedQuery(f))).sort();
      expect(await q({ kind: 'book' })).toEqual(['book']);
      expect(await q({ kind: 'wanted' })).toEqual(['wanted']);
      expect(await q({ rootCategoryId: 'demo-digital' })).toEqual(['laptop', 'phone', 'wanted']);
      expect(await q({ categoryId: 'demo-computers' })).toEqual(['laptop']);
      expect(await q({ condition: 'like_new' })).toEqual(['phone']);
      expect(await q({ minPrice: 2_000, maxPrice: 150_000 })).toEqual(['book', 'phone']);
      expect(await q({ areaId: 'library' })).toEqual(['laptop']);
      expect(await q({ rootCategoryId: 'demo-digital', maxPrice: 200_000, kind: 'item' })).toEqual(['phone']);
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
        const rows = await ports.listings.feed(feedQuery({ limit: 5, after }));
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
      const asc = await ports.listings.feed(feedQuery({ sort: 'price_asc' }));
      expect(ids(asc)).toEqual(['P2', 'P1', 'P3', 'P4']);
      const desc = await ports.listings.feed(feedQuery({ sort: 'price_desc' }));
      expect(ids(desc)).toEqual(['P4', 'P3', 'P1', 'P2']);
      const page2 = await ports.listings.feed(
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
      expect(ids(await ports.listings.byOwner({ ownerId: 'user-owner', after: null, limit: 10 }))).toEqual([
        'O3',
        'O2',
        'O1',
      ]);
      expect(
        ids(await ports.listings.byOwner({ ownerId: 'user-owner', status: 'sold', after: null, limit: 10 })),
      ).toEqual(['O2']);
      const o3 = (await ports.listings.byId('O3'))!;
      expect(
        ids(
          await ports.listings.byOwner({
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
      expect(ids(await ports.listings.dueForExpiry(T0, 10))).toEqual(['E1', 'E2']);
      expect(ids(await ports.listings.dueForExpiry(T0, 1))).toEqual(['E1']);
    });
  });

  describe(`${adapterName}: UnitOfWork and Outbox`, () => {
    const events = new EventFactory(new SequentialIds('evt'), new TestClock(T0));
    const published = (id: string) =>
      events.create('ListingPublished', id, {
        listingId: id,
        campusId: TEST_CAMPUS_ID,
        ownerId: 'user-owner',
        kind: 'item',
        categoryId: 'demo-phones',
        price: 100,
      });

    it('commits the state change and its events together', async () => {
      await ports.uow.run(async () => {
        await ports.listings.save(aListing({ id: 'U1' }));
        await ports.outbox.append([published('U1')]);
      });
      expect(await ports.listings.byId('U1')).not.toBeNull();
      const pending = await ports.outbox.unpublished(10);
      expect(pending.map((e) => e.aggregateId)).toEqual(['U1']);
      expect(pending[0]!.occurredAt).toEqual(T0);
      expect(pending[0]!.payload).toMatchObject({ listingId: 'U1', price: 100, kind: 'item' });
      expect(pending[0]!.type).toBe('ListingPublished');
    });

    it('rolls back the state change and its events when the work fails', async () => {
      await ports.listings.save(aListing({ id: 'U2', title: '原标题' }));
      await expect(
        ports.uow.run(async () => {
          const l = (await ports.listings.byId('U2', { forUpdate: true }))!;
          l.title = '不该保存的标题';
          await ports.listings.save(l);
          await ports.outbox.append([published('U2')]);
          await ports.favorites.add('user-buyer', 'U2', T0);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await ports.listings.byId('U2'))!.title).toBe('原标题');
      expect(await ports.outbox.unpublished(10)).toEqual([]);
      expect(await ports.favorites.favoritedAmong('user-buyer', ['U2'])).toEqual(new Set());
    });

    it('returns the work result', async () => {
      expect(await ports.uow.run(async () => 42)).toBe(42);
    });

    it('serialises concurrent read-modify-write units on one listing', async () => {
      await ports.listings.save(aListing({ id: 'U3' }));
      await Promise.all(
        Array.from({ length: 5 }, () =>
          ports.uow.run(async () => {
            const l = (await ports.listings.byId('U3', { forUpdate: true }))!;
            l.version += 1;
            await ports.listings.save(l);
          }),
        ),
      );
      expect((await ports.listings.byId('U3'))!.version).toBe(6);
    });

    it('hands out unpublished events oldest first and forgets published ones', async () => {
      await ports.outbox.append([published('A'), published('B'), published('C')]);
      const first = await ports.outbox.unpublished(2);
      expect(first.map((e) => e.aggregateId)).toEqual(['A', 'B']);
      await ports.outbox.markPublished(
        first.map((e) => e.id),
        T0,
      );
      expect((await ports.outbox.unpublished(10)).map((e) => e.aggregateId)).toEqual(['C']);
    });

    it('gives each unpublished event to one claim at a time, oldest first, until its lease runs out or it is let go', async () => {
      await ports.outbox.append([published('A'), published('B'), published('C'), published('D')]);
      const ids = (es: { aggregateId: string }[]) => es.map((e) => e.aggregateId);
      const first = await ports.outbox.claim('claim-1', 2, T0, 60_000);
      expect(ids(first)).toEqual(['A', 'B']);
      expect(first[0]!.occurredAt).toEqual(T0);
      expect(ids(await ports.outbox.claim('claim-2', 10, new Date(T0.getTime() + 1000), 60_000))).toEqual(['C', 'D']);
      expect(await ports.outbox.claim('claim-3', 10, new Date(T0.getTime() + 2000), 60_000)).toEqual([]);
      await ports.outbox.markPublished([first[0]!.id], T0);
      await ports.outbox.release('claim-2');
      expect(ids(await ports.outbox.claim('claim-4', 10, new Date(T0.getTime() + 3000), 60_000))).toEqual(['C', 'D']);
      // claim-1's lease ends at T0 + 60 s: B is free again after that, A stays published.
      expect(await ports.outbox.claim('claim-5', 10, new Date(T0.getTime() + 59_000), 60_000)).toEqual([]);
      expect(ids(await ports.outbox.claim('claim-6', 10, new Date(T0.getTime() + 61_000), 60_000))).toEqual(['B']);
      // Releasing a claim lets go only of its own unpublished events.
      await ports.outbox.release('claim-1');
      expect(await ports.outbox.claim('claim-7', 10, new Date(T0.getTime() + 62_000), 60_000)).toEqual([]);
    });

    it('puts back the events published within a window of the latest publication, claims dropped, for the relay to hand out again', async () => {
      const ids = (es: { aggregateId: string }[]) => es.map((e) => e.aggregateId);
      const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
      expect(await ports.outbox.unpublishRecent(60 * 60_000)).toBe(0);
      await ports.outbox.append([published('A'), published('B'), published('C'), published('D')]);
      const [a, b, c] = await ports.outbox.unpublished(3);
      await ports.outbox.markPublished([a!.id], T0);
      await ports.outbox.markPublished([b!.id], at(10));
      expect(ids(await ports.outbox.claim('claim-1', 10, at(20), 60 * 60_000))).toEqual(['C', 'D']);
      await ports.outbox.markPublished([c!.id], at(70));
      // The window ends at the latest publication (C), not at the clock: B (on its edge) and C come back, A stays.
      expect(await ports.outbox.unpublishRecent(60 * 60_000)).toBe(2);
      expect(ids(await ports.outbox.unpublished(10))).toEqual(['B', 'C', 'D']);
      // C's old claim went with its publication; D is still held by claim-1.
      expect(ids(await ports.outbox.claim('claim-2', 10, at(21), 60_000))).toEqual(['B', 'C']);
    });

    it('relays racing over the outbox hand each event on exactly once', async () => {
      const all = Array.from({ length: 150 }, (_, i) => published(`R${i}`));
      await ports.outbox.append(all);
      const enqueued: string[] = [];
      const queue: JobQueue = { enqueue: async (jobs) => void enqueued.push(...jobs.map((j) => j.key)) };
      const subscriber: EventSubscriber = { name: 'recorder', wants: () => true, handle: async () => {} };
      const relays = [1, 2, 3, 4].map(
        (n) =>
          new RelayOutbox(ports.outbox, queue, [subscriber], new SequentialIds(`relay${n}`), new TestClock(T0), {
            batchSize: 5,
            leaseMs: 60_000,
          }),
      );
      const drain = async (relay: RelayOutbox) => {
        let idle = 0;
        // A relay that lost a race for a batch gets nothing that round; it stops once the outbox is empty.
        while (idle < 3) idle = (await relay.execute()).published > 0 ? 0 : idle + 1;
      };
      await Promise.all(relays.map(drain));
      expect(enqueued).toHaveLength(150);
      expect(new Set(enqueued)).toEqual(new Set(all.map((e) => `event:${e.id}:recorder`)));
      expect(await ports.outbox.unpublished(100)).toEqual([]);
    });
  });

  describe(`${adapterName}: Category, Campus and User repositories`, () => {
    it('stores the category tree per campus', async () => {
      const demo = await ports.categories.forCampus(TEST_CAMPUS_ID);
      expect(demo.map((c) => c.code).sort()).toEqual(
        tree()
          .all.map((c) => c.code)
          .sort(),
      );
      const misc = (await ports.categories.byId('demo-misc'))!;
      expect(misc.enabled).toBe(false);
      expect(misc.parentId).toBe('demo-other');
      misc.enabled = true;
      misc.name = '杂项';
      await ports.categories.save(misc);
      expect((await ports.categories.byId('demo-misc'))!.name).toBe('杂项');
      expect((await ports.categories.byId('demo-misc'))!.enabled).toBe(true);
    });

    it('stores campuses with their trade areas', async () => {
      const campus = (await ports.campuses.byId(TEST_CAMPUS_ID))!;
      expect(campus.areas.map((a) => a.name)).toEqual(['东区宿舍', '图书馆', '南门']);
      expect(campus.hasArea('library')).toBe(true);
      expect((await ports.campuses.list()).map((c) => c.id)).toEqual(['demo', 'other-campus']);
    });

    it('finds users by id and by QQ openid, and keeps verification and status', async () => {
      const u = aUser({ id: 'user-x', qqOpenId: 'OPENID-X', verified: false });
      await ports.users.save(u);
      expect((await ports.users.byOpenId('OPENID-X'))!.id).toBe('user-x');
      const loaded = (await ports.users.byId('user-x'))!;
      expect(loaded.verified).toBe(false);
      loaded.markVerified(T0);
      loaded.status = 'banned';
      await ports.users.save(loaded);
      const again = (await ports.users.byId('user-x'))!;
      expect(again.verifiedAt).toEqual(T0);
      expect(again.banned).toBe(true);
      expect((await ports.users.byIds(['user-x', 'user-owner', 'ghost'])).map((x) => x.id).sort()).toEqual([
        'user-owner',
        'user-x',
      ]);
    });

    it('refuses a second user with the same QQ openid', async () => {
      await expect(ports.users.save(aUser({ id: 'dup', qqOpenId: owner.qqOpenId }))).rejects.toThrow();
    });
  });

  describe(`${adapterName}: FavoriteRepository`, () => {
    it('adds and removes idempotently', async () => {
      await ports.listings.save(aListing({ id: 'F1' }));
      expect(await ports.favorites.add('user-buyer', 'F1', T0)).toBe(true);
      expect(await ports.favorites.add('user-buyer', 'F1', T0)).toBe(false);
      expect(await ports.favorites.favoritedAmong('user-buyer', ['F1', 'F2'])).toEqual(new Set(['F1']));
      expect(await ports.favorites.remove('user-buyer', 'F1')).toBe(true);
      expect(await ports.favorites.remove('user-buyer', 'F1')).toBe(false);
    });

    it('lists a user’s favorites newest first with paging', async () => {
      for (let i = 0; i < 5; i++) {
        await ports.listings.save(aListing({ id: `F${i}` }));
        await ports.favorites.add('user-buyer', `F${i}`, new Date(T0.getTime() + (i % 3) * HOUR));
      }
      const all = await ports.favorites.byUser('user-buyer', null, 10);
      expect(all.map((f) => f.listingId)).toEqual(['F2', 'F4', 'F1', 'F3', 'F0']);
      const next = await ports.favorites.byUser('user-buyer', all[1]!, 2);
      expect(next.map((f) => f.listingId)).toEqual(['F1', 'F3']);
      expect(await ports.favorites.byUser('user-owner', null, 10)).toEqual([]);
    });
  });

  describe(`${adapterName}: CommentRepository and ListingViewLog`, () => {
    it('stores comments and replies, oldest first, deleted ones included', async () => {
      await ports.listings.save(aListing({ id: 'C-L' }));
      const top = Comment.post({ id: 'c1', listingId: 'C-L', authorId: 'user-buyer', body: '还在吗？', now: T0 });
      const reply = Comment.post({
        id: 'c2',
        listingId: 'C-L',
        authorId: 'user-owner',
        body: '在的',
        now: new Date(T0.getTime() + 1000),
        replyTo: top,
      });
      await ports.comments.save(top);
      await ports.comments.save(reply);
      top.delete('user-buyer', new Date(T0.getTime() + 2000));
      await ports.comments.save(top);
      const all = await ports.comments.forListing('C-L');
      expect(all.map((c) => c.id)).toEqual(['c1', 'c2']);
      expect(all[0]!.deleted).toBe(true);
      expect(all[1]).toMatchObject({
        parentId: 'c1',
        replyToCommentId: 'c1',
        replyToUserId: 'user-buyer',
        body: '在的',
      });
      expect((await ports.comments.byId('c2'))!.createdAt).toEqual(new Date(T0.getTime() + 1000));
    });

    it('records a view once per viewer, listing and day', async () => {
      await ports.listings.save(aListing({ id: 'V1' }));
      expect(await ports.viewLog.recordView('V1', 'u:user-buyer', '2026-09-01')).toBe(true);
      expect(await ports.viewLog.recordView('V1', 'u:user-buyer', '2026-09-01')).toBe(false);
      expect(await ports.viewLog.recordView('V1', 'u:user-buyer', '2026-09-02')).toBe(true);
      expect(await ports.viewLog.recordView('V1', 'a:abc', '2026-09-01')).toBe(true);
    });
  });

  identityContract(adapterName, () => ports);
  photoContract(adapterName, () => ports);
  unitOfWorkContract(adapterName, () => ports, options);
}
