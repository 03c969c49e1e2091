import {
  inMemoryPersistence,
  InMemorySearchIndexStore,
  searchContract,
  searchSynonymsContract,
  aCampus,
  aUser,
} from '@xianzhi/core/testing';
import { onRealDatabases } from '../persistence/mikro-orm/test-databases.js';
import type { CampusRepository, UserRepository } from '@xianzhi/core';
import { PinyinSearchTokenizer } from './tokenizer.js';

const tokenizer = new PinyinSearchTokenizer();

async function seed(p: { campuses: CampusRepository; users: UserRepository }) {
  await p.campuses.save(aCampus());
  await p.campuses.save(aCampus({ id: 'other-campus', name: '隔壁大学' }));
  await p.users.save(aUser({ id: 'user-owner', nickname: '卖家' }));
}

const inMemory = async () => {
  const p = inMemoryPersistence();
  await seed(p);
  return {
    store: new InMemorySearchIndexStore(),
    listings: p.listings,
    categories: p.categories,
    dispose: async () => {},
  };
};
searchContract('in-memory', tokenizer, inMemory);
searchSynonymsContract('in-memory', tokenizer, inMemory);

onRealDatabases('search', (name, fresh) => {
  const ports = async () => {
    const persistence = await fresh();
    await seed(persistence);
    return {
      store: persistence.searchIndex,
      listings: persistence.listings,
      categories: persistence.categories,
      dispose: async () => {},
    };
  };
  searchContract(name, tokenizer, ports);
  searchSynonymsContract(name, tokenizer, ports);
});
