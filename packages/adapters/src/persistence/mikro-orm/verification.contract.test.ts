import { studentVerificationContract } from '@xianzhi/core/testing';
import { aCampus, aUser } from '@xianzhi/core/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Persistence } from './open.js';
import { mariadbTestDatabase, migratedPersistence, sqliteTestDatabase, wipe, type TestDatabase } from './test-databases.js';

/** The student-number bindings on real databases, where the unique index does the deciding. */
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
    studentVerificationContract(name, async () => {
      await wipe(persistence);
      await persistence.campuses.save(aCampus());
      await persistence.campuses.save(aCampus({ id: 'other-campus', name: '隔壁大学' }));
      return {
        verifications: persistence.verifications,
        uow: persistence.uow,
        prepareUsers: async (ids) => {
          for (const id of ids) await persistence.users.save(aUser({ id, verified: false }));
        },
        dispose: async () => {},
      };
    });
  });
}

onDatabase('SQLite', async () => sqliteTestDatabase());
onDatabase('MariaDB', () => mariadbTestDatabase('verification'));
