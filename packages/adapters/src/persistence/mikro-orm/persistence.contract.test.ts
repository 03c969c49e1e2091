import { persistenceContract, projectionContract } from '@xianzhi/core/testing';
import { onRealDatabases } from './test-databases.js';

/** Runs the core's persistence contract on a real database, wiped between cases. */
onRealDatabases('contract', (name, fresh) => {
  // Only MariaDB runs units of work side by side on row locks; SQLite has one writer at a time.
  persistenceContract(name, async () => ({ ...(await fresh()), dispose: async () => {} }), {
    rowLockDeadlocks: name === 'MariaDB',
  });
  projectionContract(name, async () => ({ ...(await fresh()), dispose: async () => {} }));
});
