import {
  EventFactory,
  IndexedListingSearch,
  ProjectSearchIndex,
  UpdateRecommendationSignals,
  type DomainEvent,
} from '@xianzhi/core';
import {
  aCampus,
  aCategoryTree,
  aListing,
  aUser,
  SequentialIds,
  TestClock,
  TEST_CAMPUS_ID,
} from '@xianzhi/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Persistence } from '../persistence/mikro-orm/open.js';
import {
  mariadbTestDatabase,
  migratedPersistence,
  wipe,
  type TestDatabase,
} from '../persistence/mikro-orm/test-databases.js';
import { PinyinSearchTokenizer } from './tokenizer.js';

/** A promise opened from outside: lets a test hold a transaction open at a chosen point. */
function gate() {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { open, wait };
}

/**
 * Outbox positions come from an auto-increment, taken at insert and made visible at commit. On
 * MariaDB a transaction can take position 10, a second take 11 and commit first: a follower that
 * reads "after my checkpoint" then moves past 10 before it exists. Each case holds transaction A
 * open on one connection while B commits on another, runs the follower, commits A, runs it again.
 * SQLite has one writer at a time (B would wait for A), so there is no such interleaving to test.
 */
describe('MariaDB: outbox followers see an event that commits after a later one', () => {
  let db: TestDatabase;
  let p: Persistence;
  const clock = new TestClock();
  const events = new EventFactory(new SequentialIds('gap-evt'), clock);

  beforeAll(async () => {
    db = await mariadbTestDatabase('gaps');
    p = await migratedPersistence(db);
  });
  afterAll(async () => {
    await p?.close();
    await db?.drop();
  });
  beforeEach(async () => {
    await wipe(p);
    await p.campuses.save(aCampus());
    for (const c of aCategoryTree().all) await p.categories.save(c);
    await p.users.save(aUser({ id: 'user-owner' }));
    await p.users.save(aUser({ id: 'stu-a' }));
  });

  /** Runs `write` in transaction A and holds A open after it; `commit()` lets A finish. */
  async function holdOpen(write: () => Promise<void>) {
    const written = gate();
    const release = gate();
    const done = p.uow.run(async () => {
      await write();
      written.open();
      await release.wait;
    });
    await written.wait;
    return {
      commit: async () => {
        release.open();
        await done;
      },
    };
  }

  const seqOf = async (eventId: string) =>
    Number(((await p.raw('select seq from outbox where id = ?', [eventId])) as { seq: number | string }[])[0]!.seq);

  const published = (id: string): DomainEvent =>
    events.create('ListingPublished', id, {
      listingId: id,
      campusId: TEST_CAMPUS_ID,
      ownerId: 'user-owner',
      kind: 'item',
      categoryId: `${TEST_CAMPUS_ID}-phones`,
      price: 100,
    });

  it('the search projector indexes the late listing', async () => {
    const search = new IndexedListingSearch({
      tokenizer: new PinyinSearchTokenizer(),
      store: p.searchIndex,
      listings: p.listings,
      categories: p.categories,
      clock,
    });
    const projector = new ProjectSearchIndex({
      log: p.outboxLog,
      checkpoints: p.checkpoints,
      listings: p.listings,
      search,
      uow: p.uow,
      clock,
    });
    const found = async (text: string) =>
      (await search.search({ campusId: TEST_CAMPUS_ID, text, limit: 10 })).hits.map((h) => h.listingId);

    const late = published('gap-late');
    const a = await holdOpen(async () => {
      await p.listings.save(aListing({ id: 'gap-late', title: '迟到的台灯' }));
      await p.outbox.append([late]);
    });
    const early = published('gap-early');
    await p.uow.run(async () => {
      await p.listings.save(aListing({ id: 'gap-early', title: '准时的自行车' }));
      await p.outbox.append([early]);
    });
    await projector.execute();
    expect(await found('自行车')).toEqual(['gap-early']);

    await a.commit();
    expect(await seqOf(late.id)).toBeLessThan(await seqOf(early.id));
    await projector.execute();
    expect(await found('台灯')).toEqual(['gap-late']);
  });

  it('the recommendation signals count the late favorite', async () => {
    await p.listings.save(aListing({ id: 'gap-f1' }));
    await p.listings.save(aListing({ id: 'gap-f2' }));
    const job = new UpdateRecommendationSignals({ ...p, log: p.outboxLog, clock });
    const favorited = (listingId: string) =>
      events.create('ListingFavorited', listingId, { listingId, userId: 'stu-a' });

    const late = favorited('gap-f1');
    const a = await holdOpen(async () => {
      await p.favorites.add('stu-a', 'gap-f1', clock.now());
      await p.outbox.append([late]);
    });
    const early = favorited('gap-f2');
    await p.uow.run(async () => {
      await p.favorites.add('stu-a', 'gap-f2', clock.now());
      await p.outbox.append([early]);
    });
    await job.execute();
    expect(await p.signals.projectedFavorites('stu-a', 10)).toEqual(['gap-f2']);

    await a.commit();
    expect(await seqOf(late.id)).toBeLessThan(await seqOf(early.id));
    await job.execute();
    expect((await p.signals.projectedFavorites('stu-a', 10)).sort()).toEqual(['gap-f1', 'gap-f2']);
  });
});
