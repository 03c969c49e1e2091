import { campusStatisticsContract } from '@xianzhi/core/testing';
import { onRealDatabases } from './test-databases.js';

onRealDatabases('stats', (name, fresh) => {
  campusStatisticsContract(name, async () => {
    const p = await fresh();
    return { ...p, stats: p.campusStatistics, dispose: async () => {} };
  });
});
