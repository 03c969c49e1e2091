import { inMemoryPersistence, InMemorySearchIndexStore, searchContract, aCampus, aUser } from '@xianzhi/core/testing';
import { onRealDatabases } from '../persistence/mikro-orm/test-databases.js';
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
  return {
    store: new InMemorySearchIndexStore(),
    listings: p.listings,
    categories: p.categories,
    dispose: async () => {},
  };
});

onRealDatabases('search', (name, fresh) => {
  searchContract(name, tokenizer, async () => {
    const persistence = await fresh();
    await seed(persistence);
    return {
      store: persistence.searchIndex,
      listings: persistence.listings,
      categories: persistence.categories,
      dispose: async () => {},
    };
  });
});
