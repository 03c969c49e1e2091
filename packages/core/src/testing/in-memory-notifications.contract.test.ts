import { inMemoryPersistence } from './in-memory.js';
import { InMemoryNotificationRepository, InMemoryNotificationSources } from './in-memory-notifications.js';
import { notificationContract } from './notification-contract.js';

notificationContract('in-memory', async () => {
  const p = inMemoryPersistence();
  return {
    ...p,
    notifications: new InMemoryNotificationRepository(),
    sources: new InMemoryNotificationSources(p.store),
  };
});
