import { inMemoryPersistence } from './in-memory.js';
import { tradesContract } from './trades-contract.js';

tradesContract('in-memory', async () => {
  const p = inMemoryPersistence();
  return {
    wants: p.wants,
    offers: p.offers,
    trades: p.trades,
    ratings: p.ratings,
    uow: p.uow,
    outbox: p.outbox,
    prepare: async () => {},
    dispose: async () => {},
  };
});
