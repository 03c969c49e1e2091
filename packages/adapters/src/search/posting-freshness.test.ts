import { describe, expect, it } from 'vitest';
import { aCampus, aCategoryTree, aListing, aUser, TEST_CAMPUS_ID } from '@xianzhi/core/testing';
import { migrateDatabase, openPersistence, type Persistence } from '../persistence/mikro-orm/open.js';
import { mariadbTestDatabase, sqliteTestDatabase, type TestDatabase } from '../persistence/mikro-orm/test-databases.js';

const BEFORE = 'Migration20261208000200Trades';

/**
 * Migration20261208000300SearchFreshness: postings written before it get their listing's `listed_at`
 * (a renewal included), and the capped read then follows it rather than the listing id.
 */
describe.each([
  ['SQLite', async () => sqliteTestDatabase()],
  ['MariaDB', () => mariadbTestDatabase('fresh')],
] as const)('%s: postings carry listed_at', (_name, create: () => Promise<TestDatabase>) => {
  it('backfills listed_at of existing postings from their listings', async () => {
    const db = await create();
    try {
      await migrateDatabase({ url: db.url }, undefined, { to: BEFORE });
      const renewed = new Date('2026-09-20T08:00:00.000Z');
      const older = new Date('2026-09-10T08:00:00.000Z');
      await withPersistence(db, async (p) => {
        await p.campuses.save(aCampus());
        await p.users.save(aUser({ id: 'user-owner' }));
        for (const c of aCategoryTree().all) await p.categories.save(c);
        // `m-a` is the older post (lower id) but was renewed last: it is the fresher one.
        const a = aListing({ id: 'm-a', title: '台灯', now: new Date('2026-08-01T08:00:00.000Z') });
        a.listedAt = renewed;
        await p.listings.save(a);
        await p.listings.save(aListing({ id: 'm-b', title: '台灯 白色', now: older }));
        for (const id of ['m-a', 'm-b', 'm-gone'])
          await p.raw('insert into search_token (campus_id, token, listing_id, field) values (?, ?, ?, ?)', [
            TEST_CAMPUS_ID,
            '台灯',
            id,
            'title',
          ]);
      });
      await migrateDatabase({ url: db.url });
      await withPersistence(db, async (p) => {
        const freshest = await p.searchIndex.lookup(TEST_CAMPUS_ID, ['台灯'], 2);
        freshest.sort((x, y) => y.listedAt.getTime() - x.listedAt.getTime());
        expect(freshest.map((x) => [x.listingId, x.listedAt.toISOString()])).toEqual([
          ['m-a', renewed.toISOString()],
          ['m-b', older.toISOString()],
        ]);
        // A posting whose listing is gone sorts last (it was never a hit: search confirms every page).
        const all = await p.searchIndex.lookup(TEST_CAMPUS_ID, ['台灯']);
        expect(all.find((x) => x.listingId === 'm-gone')?.listedAt.getTime()).toBe(0);
      });
    } finally {
      await db.drop();
    }
  });
});

async function withPersistence(db: TestDatabase, body: (p: Persistence) => Promise<void>): Promise<void> {
  const p = await openPersistence({ url: db.url });
  try {
    await body(p);
  } finally {
    await p.close();
  }
}
