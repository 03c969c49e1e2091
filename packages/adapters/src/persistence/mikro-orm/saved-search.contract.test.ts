import { aCampus, aUser, savedSearchContract } from '@xianzhi/core/testing';
import { onRealDatabases } from './test-databases.js';

/** Saved searches on real databases: the owner's foreign key, keys in chunks, the daily counter row. */
onRealDatabases('saved_search', (name, fresh) => {
  savedSearchContract(name, async () => {
    const persistence = await fresh();
    await persistence.campuses.save(aCampus());
    return {
      savedSearches: persistence.savedSearches,
      uow: persistence.uow,
      prepareUsers: async (ids) => {
        for (const id of ids) await persistence.users.save(aUser({ id }));
      },
      dispose: async () => {},
    };
  });
});
