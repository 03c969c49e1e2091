import { inMemoryPersistence } from './in-memory.js';
import { savedSearchContract } from './saved-search-contract.js';

savedSearchContract('in-memory', async () => {
  const p = inMemoryPersistence();
  return { savedSearches: p.savedSearches, uow: p.uow, prepareUsers: async () => {}, dispose: async () => {} };
});
