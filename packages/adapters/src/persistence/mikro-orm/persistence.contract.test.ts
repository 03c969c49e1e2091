import { persistenceContract, projectionContract } from '@xianzhi/core/testing';
import { onRealDatabases } from './test-databases.js';

/** Runs the core's persistence contract on a real database, wiped between cases. */
onRealDatabases('contract', (name, fresh) => {
  persistenceContract(name, async () => ({ ...(await fresh()), dispose: async () => {} }));
  projectionContract(name, async () => ({ ...(await fresh()), dispose: async () => {} }));
});
