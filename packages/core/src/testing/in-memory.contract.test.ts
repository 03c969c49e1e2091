import { persistenceContract } from './contracts.js';
import { inMemoryPersistence } from './in-memory.js';
import { InMemoryOutboxLog, InMemoryProjectionCheckpoints } from './in-memory-search.js';
import { projectionContract } from './projection-contract.js';

persistenceContract('in-memory', async () => ({ ...inMemoryPersistence(), dispose: async () => {} }));

projectionContract('in-memory', async () => {
  const p = inMemoryPersistence();
  return {
    outbox: p.outbox,
    outboxLog: new InMemoryOutboxLog(p.store),
    checkpoints: new InMemoryProjectionCheckpoints(),
    dispose: async () => {},
  };
});
