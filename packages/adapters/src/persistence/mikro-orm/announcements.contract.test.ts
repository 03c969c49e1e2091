import { announcementsContract } from '@xianzhi/core/testing';
import { onRealDatabases } from './test-databases.js';

onRealDatabases('announce', (name, fresh) => {
  announcementsContract(name, async () => {
    const p = await fresh();
    return { banners: p.banners, notices: p.notices, dispose: async () => {} };
  });
});
