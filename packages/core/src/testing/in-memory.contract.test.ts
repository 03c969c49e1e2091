import { persistenceContract } from './contracts.js';
import { inMemoryPersistence } from './in-memory.js';

persistenceContract('in-memory', async () => ({ ...inMemoryPersistence(), dispose: async () => {} }));
