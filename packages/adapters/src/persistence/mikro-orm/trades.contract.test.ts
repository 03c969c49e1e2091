import { aCampus, aCategoryTree, aListing, aUser, tradesContract } from '@xianzhi/core/testing';
import { onRealDatabases } from './test-databases.js';

/** 想要, offers, trades and ratings on real databases: foreign keys, the unique one-at-a-time keys under races. */
onRealDatabases('trades', (name, fresh) => {
  tradesContract(name, async () => {
    const persistence = await fresh();
    await persistence.campuses.save(aCampus());
    for (const c of aCategoryTree().all) await persistence.categories.save(c);
    return {
      wants: persistence.wants,
      offers: persistence.offers,
      trades: persistence.trades,
      ratings: persistence.ratings,
      uow: persistence.uow,
      outbox: persistence.outbox,
      prepare: async (userIds, listingIds) => {
        for (const id of userIds) await persistence.users.save(aUser({ id }));
        for (const id of listingIds) await persistence.listings.save(aListing({ id, ownerId: 'seller' }));
      },
      dispose: async () => {},
    };
  });
});
