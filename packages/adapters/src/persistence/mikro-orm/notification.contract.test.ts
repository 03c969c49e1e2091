import { notificationContract } from '@xianzhi/core/testing';
import { onRealDatabases } from './test-databases.js';

onRealDatabases('notifications', (name, fresh) => {
  notificationContract(name, async () => {
    const p = await fresh();
    return { ...p, notifications: p.notifications, sources: p.notificationSources };
  });
});
