import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  isNotificationKind,
  type CountUnreadNotifications,
  type DeadLetter,
  type GetNotificationSettings,
  type ListDeadLetters,
  type ListMyNotifications,
  type MarkAllNotificationsRead,
  type InboxEntry,
  type MarkNotificationRead,
  type NotificationKind,
  type NotificationSettings,
  type RecordNotificationConsents,
  type RetryDeadLetter,
  type UpdateNotificationSettings,
} from '@xianzhi/core';
import { Type } from 'typebox';
import { orFail } from '../errors.js';
import { IdParams, responses } from '../schemas/common.js';
import {
  ConsentsBody,
  DeadLetterPage,
  MarkedAll,
  NotificationPage,
  NotificationQuery,
  NotificationSettings as SettingsSchema,
  UnreadCount,
  UpdateNotificationSettingsBody,
} from '../schemas/notifications.js';

export interface NotificationRouteDeps {
  readonly list: ListMyNotifications;
  readonly unread: CountUnreadNotifications;
  readonly markRead: MarkNotificationRead;
  readonly markAllRead: MarkAllNotificationsRead;
  readonly getSettings: GetNotificationSettings;
  readonly updateSettings: UpdateNotificationSettings;
  readonly recordConsents: RecordNotificationConsents;
  readonly deadLetters: ListDeadLetters;
  readonly retryDeadLetter: RetryDeadLetter;
  /** Template id per kind, from the configuration. */
  readonly templates: Partial<Record<NotificationKind, string>>;
}

const item = (n: InboxEntry) => ({
  id: n.id,
  kind: n.kind,
  listingId: n.listingId,
  data: { ...n.data },
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
  count: n.count,
});

const deadLetter = ({ delivery: d, notification: n }: DeadLetter) => ({
  notificationId: d.notificationId,
  recipientId: d.recipientId,
  campusId: d.campusId,
  kind: d.kind,
  listingId: n.listingId,
  state: d.state,
  reason: d.reason,
  attempts: d.attempts,
  lastError: d.lastError,
  data: { ...n.data },
  createdAt: n.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

/** 消息: the inbox, its settings and consents; and the admins' dead letters. */
export function notificationRoutes(deps: NotificationRouteDeps): FastifyPluginAsyncTypebox {
  const mine = { tags: ['notifications'], security: [{ bearerAuth: [] }] };
  const admin = { tags: ['admin'], security: [{ bearerAuth: [] }] };
  const templates = Object.fromEntries(Object.entries(deps.templates).filter(([, v]) => v)) as Record<string, string>;
  const kindOfTemplate = new Map(Object.entries(templates).map(([kind, id]) => [id, kind as NotificationKind]));
  const settings = (s: NotificationSettings) => ({ muted: s.muted, consents: { ...s.consents }, templates });

  return async (app) => {
    app.get(
      '/me/notifications',
      {
        schema: {
          ...mine,
          summary: 'My inbox, newest first: unread comments (or replies) of one listing as one entry with their count',
          querystring: NotificationQuery,
          response: responses({ 200: NotificationPage }),
        },
      },
      async (request) => {
        const page = orFail(await deps.list.execute({ actor: request.actor, ...request.query }));
        return { items: page.items.map(item), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/me/notifications/unread-count',
      {
        schema: {
          ...mine,
          summary: 'How many inbox entries are unread (the badge): a folded entry counts once',
          response: responses({ 200: UnreadCount }),
        },
      },
      async (request) => orFail(await deps.unread.execute({ actor: request.actor })),
    );

    app.post(
      '/me/notifications/:id/read',
      {
        schema: {
          ...mine,
          summary: 'Mark one inbox entry read, every notice folded into it (again is fine)',
          params: IdParams,
          response: responses({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        orFail(await deps.markRead.execute({ actor: request.actor, notificationId: request.params.id }));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/me/notifications/read-all',
      {
        schema: { ...mine, summary: 'Mark all my notifications read', response: responses({ 200: MarkedAll }) },
      },
      async (request) => orFail(await deps.markAllRead.execute({ actor: request.actor })),
    );

    app.get(
      '/me/notification-settings',
      {
        schema: {
          ...mine,
          summary: 'Muted kinds, consents left, and the template ids to subscribe to',
          response: responses({ 200: SettingsSchema }),
        },
      },
      async (request) => settings(orFail(await deps.getSettings.execute({ actor: request.actor }))),
    );

    app.put(
      '/me/notification-settings',
      {
        schema: {
          ...mine,
          summary: 'Mute kinds (still in the inbox, no QQ message)',
          body: UpdateNotificationSettingsBody,
          response: responses({ 200: SettingsSchema }),
        },
      },
      async (request) =>
        settings(orFail(await deps.updateSettings.execute({ actor: request.actor, muted: request.body.muted }))),
    );

    app.post(
      '/me/notification-consents',
      {
        schema: {
          ...mine,
          summary: 'Report the templates accepted in qq.subscribeAppMsg: each allows one QQ message',
          body: ConsentsBody,
          response: responses({ 200: SettingsSchema }),
        },
      },
      async (request) => {
        // Ids we never asked for are ignored: the client may run an older template list.
        const kinds = request.body.templateIds.map((id) => kindOfTemplate.get(id)).filter(isNotificationKind);
        return settings(orFail(await deps.recordConsents.execute({ actor: request.actor, kinds })));
      },
    );

    app.get(
      '/admin/dead-letters',
      {
        schema: {
          ...admin,
          summary:
            'QQ messages that failed for good, or whose outcome a crash left unknown (campus admins: their campus)',
          querystring: NotificationQuery,
          response: responses({ 200: DeadLetterPage }),
        },
      },
      async (request) => {
        const page = orFail(await deps.deadLetters.execute({ actor: request.actor, ...request.query }));
        return { items: page.items.map(deadLetter), nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/admin/dead-letters/:id/retry',
      {
        schema: {
          ...admin,
          summary: 'Send a dead letter again (an unknown one may then arrive twice); audited',
          params: IdParams,
          response: responses({ 202: Type.Null() }),
        },
      },
      async (request, reply) => {
        orFail(await deps.retryDeadLetter.execute({ actor: request.actor, notificationId: request.params.id }));
        return reply.code(202).send(null);
      },
    );
  };
}
