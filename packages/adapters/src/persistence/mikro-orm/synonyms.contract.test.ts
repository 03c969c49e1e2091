import { synonymsContract } from '@xianzhi/core/testing';
import { onRealDatabases } from './test-databases.js';

onRealDatabases('synonyms', (name, fresh) => {
  synonymsContract(name, async () => {
    const p = await fresh();
    return { synonyms: p.synonyms, dispose: async () => {} };
  });
});
