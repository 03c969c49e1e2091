import { notificationKey, type Notification } from '../notifications/notification.js';

const T0 = new Date('2026-09-01T02:00:00.000Z');

let seq = 0;
export function aNotification(overrides: Partial<Notification> = {}): Notification {
  const n = ++seq;
  const recipientId = overrides.recipientId ?? 'user-a';
  const id = overrides.id ?? `NTF${String(Date.now()).slice(-8)}${String(n).padStart(15, '0')}`.slice(0, 26);
  return {
    id,
    key: overrides.key ?? notificationKey(`evt-${n}`, recipientId),
    recipientId,
    campusId: 'demo',
    kind: 'comment',
    // A listing of its own: comments on one listing fold into one inbox entry, which tests ask for by name.
    listingId: `listing-${n}`,
    data: { listingTitle: '二手自行车', oldPrice: 1000, reason: null },
    createdAt: T0,
    readAt: null,
    ...overrides,
  };
}
