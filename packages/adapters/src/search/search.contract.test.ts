import { inMemoryPersistence, InMemorySearchIndexStore, searchContract } from '@xianzhi/core/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Persistence } from '../persistence/mikro-orm/open.js';
import { mariadbTestDatabase, migratedPersistence, sqliteTestDatabase, wipe, type TestDatabase } from '../persistence/mikro-orm/test-databases.js';
import { aCampus, aUser } from '@xianzhi/core/testing';
import type { CampusRepository, UserRepository } from '@xianzhi/core';
import { PinyinSearchTokenizer } from './tokenizer.js';

const tokenizer = new PinyinSearchTokenizer();

async function seed(p: { campuses: CampusRepository; users: UserRepository }) {
  await p.campuses.save(aCampus());
  await p.campuses.save(aCampus({ id: 'other-campus', name: '隔壁大学' }));
  await p.users.save(aUser({ id: 'user-owner', nickname: '卖家' }));
}

searchContract('in-memory', tokenizer, async () => {
  const p = inMemoryPersistence();
  await seed(p);
  return { store: new InMemorySearchIndexStore(), listings: p.listings, categories: p.categories, dispose: async () => {} };
});

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
    searchContract(name, tokenizer, async () => {
      await wipe(persistence);
      await seed(persistence);
      return { store: persistence.searchIndex, listings: persistence.listings, categories: persistence.categories, dispose: async () => {} };
    });
  });
}

onDatabase('SQLite', async () => sqliteTestDatabase());
onDatabase('MariaDB', () => mariadbTestDatabase('search'));
