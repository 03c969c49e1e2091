import { admins, students, type Row } from './matrix.js';

/** The inbox, notification settings and consents, and dead letters. */
export const notificationsRows: Row[] = [
  // Notifications are personal: any signed-in, unbanned student reads and manages their own (404 for an id that is not theirs).
  { route: 'GET /v1/me/notifications', request: () => ({ url: '/v1/me/notifications' }), expect: students(200) },
  {
    route: 'GET /v1/me/notifications/unread-count',
    request: () => ({ url: '/v1/me/notifications/unread-count' }),
    expect: students(200),
  },
  {
    route: 'POST /v1/me/notifications/:id/read',
    request: () => ({ url: '/v1/me/notifications/01NOTMINE0000000000000000/read' }),
    expect: students(404),
  },
  {
    route: 'POST /v1/me/notifications/read-all',
    request: () => ({ url: '/v1/me/notifications/read-all' }),
    expect: students(200),
  },
  {
    route: 'GET /v1/me/notification-settings',
    request: () => ({ url: '/v1/me/notification-settings' }),
    expect: students(200),
  },
  {
    route: 'PUT /v1/me/notification-settings',
    request: () => ({ url: '/v1/me/notification-settings', payload: { muted: ['price_drop'] } }),
    expect: students(200),
  },
  {
    route: 'POST /v1/me/notification-consents',
    request: () => ({ url: '/v1/me/notification-consents', payload: { templateIds: ['demo-comment'] } }),
    expect: students(200),
  },
  // Dead letters: admins list their campus's; retrying one that is not dead is the rule answering 404.
  { route: 'GET /v1/admin/dead-letters', request: () => ({ url: '/v1/admin/dead-letters' }), expect: admins(200) },
  {
    route: 'POST /v1/admin/dead-letters/:id/retry',
    request: () => ({ url: '/v1/admin/dead-letters/01NOTDEAD0000000000000000/retry' }),
    expect: admins(404),
  },
];
