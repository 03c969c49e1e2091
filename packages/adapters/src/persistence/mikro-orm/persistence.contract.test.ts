import { persistenceContract } from '@xianzhi/core/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Persistence } from './open.js';
import { mariadbTestDatabase, migratedPersistence, sqliteTestDatabase, wipe, type TestDatabase } from './test-databases.js';

/** Runs the core's persistence contract on a real database, wiped between cases. */
function onDatabase(name: string, create: () => Promise<TestDatabase>) {
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
    persistenceContract(name, async () => {
      await wipe(persistence);
      return { ...persistence, dispose: async () => {} };
    });
  });
}

onDatabase('SQLite', async () => sqliteTestDatabase());
onDatabase('MariaDB', () => mariadbTestDatabase('contract'));
