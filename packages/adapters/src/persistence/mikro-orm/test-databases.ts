import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { migrateDatabase, openPersistence, type Persistence } from './open.js';

/**
 * Real databases for tests: a SQLite file in a temp folder, or a fresh database on the MariaDB
 * server the test script started (XZ_TEST_MARIADB_URL). A missing server fails the run: the
 * MariaDB contract is part of the suite, never skipped.
 */
export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

export function sqliteTestDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'xz-sqlite-'));
  return { url: `sqlite:${join(dir, 'test.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export function mariadbServerUrl(): string {
  const url = process.env['XZ_TEST_MARIADB_URL'];
  if (!url) {
    throw new Error('XZ_TEST_MARIADB_URL is not set: run the tests with ./xz test, which starts MariaDB.');
  }
  return url.replace(/\/+$/, '');
}

export async function mariadbTestDatabase(label: string): Promise<TestDatabase> {
  const server = mariadbServerUrl();
  const name = `xz_${label}_${randomBytes(4).toString('hex')}`;
  const url = `${server}/${name}`;
  return {
    url,
    drop: async () => {
      const admin = await openPersistence({ url: `${server}/mysql` });
      try {
        await admin.raw(`drop database if exists \`${name}\``);
      } finally {
        await admin.close();
      }
    },
  };
}

/** Tables in dependency order, children first, for wiping between tests. */
const TABLES = [
  'trade_rating',
  'trade_record',
  'trade_offer',
  'listing_want',
  'saved_search_alert_day',
  'saved_search_alert',
  'saved_search_key',
  'saved_search',
  'banner',
  'notice',
  'feedback_reply',
  'feedback',
  'content_report',
  'moderation_case',
  'notification_throttle',
  'notification_consent',
  'notification_mute',
  'notification_delivery',
  'notification',
  'rec_pair',
  'rec_item',
  'rec_favorite',
  'search_token',
  'search_term_day',
  'search_searcher',
  'search_term_block',
  'projection_checkpoint',
  'photo',
  'student_verification',
  'rate_limit_hit',
  'audit_log',
  'admin_account',
  'refresh_token',
  'outbox',
  'listing_view',
  'user_active_day',
  'favorite',
  'listing_comment',
  'listing',
  'category',
  'app_user',
  'campus',
];

export async function wipe(p: Persistence): Promise<void> {
  for (const table of TABLES) {
    // Children of the category tree go before their parents.
    if (table === 'category') await p.raw('delete from category where parent_id is not null');
    await p.raw(`delete from ${table}`);
  }
}

export async function migratedPersistence(db: TestDatabase): Promise<Persistence> {
  await migrateDatabase({ url: db.url });
  return openPersistence({ url: db.url });
}

/**
 * Declares `body` once per real database (SQLite, then MariaDB): each gets a migrated database for
 * the whole block, closed and dropped after it; `fresh()` wipes it for the next case.
 */
export function onRealDatabases(label: string, body: (name: string, fresh: () => Promise<Persistence>) => void): void {
  const targets: [string, () => Promise<TestDatabase>][] = [
    ['SQLite', async () => sqliteTestDatabase()],
    ['MariaDB', () => mariadbTestDatabase(label)],
  ];
  for (const [name, create] of targets) {
    describe(name, () => {
      let db: TestDatabase;
      let persistence: Persistence;
      beforeAll(async () => {
        db = await create();
        persistence = await migratedPersistence(db);
      });
      afterAll(async () => {
        await persistence?.close();
        await db?.drop();
      });
      body(name, async () => {
        await wipe(persistence);
        return persistence;
      });
    });
  }
}
