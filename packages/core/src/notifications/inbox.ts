import type { Actor } from '../identity/actor.js';
import type { AdminScope } from '../identity/admin.js';
import type { AdminOnly, NotAuthenticated, UserBanned } from '../identity/errors.js';
import { requireActiveUser, requireAdmin, requireAdminOf } from '../identity/policy.js';
import type { AuditLog } from '../shared/audit.js';
import type { Clock } from '../shared/clock.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import { clampLimit, encodeCursor, readOptionalCursor, type InvalidCursor, type Page } from '../shared/pagination.js';
import { err, ok, okVoid, type Result } from '../shared/result.js';
import { DeadLetterNotFound, NotificationNotFound } from './errors.js';
import {
  isInboxOnly,
  isNotificationKind,
  NOTIFICATION_KINDS,
  type DeadLetter,
  type InboxEntry,
  type NotificationKind,
} from './notification.js';
import type { NotificationRepository } from './ports.js';

type SignedIn = NotAuthenticated | UserBanned;

function cursorOf(cursor: string | undefined): Result<{ at: Date; id: string } | null, InvalidCursor> {
  const read = readOptionalCursor(cursor, ['time', 'string']);
  return read.ok ? ok(read.value && { at: new Date(read.value[0]), id: read.value[1] }) : read;
}

/** 消息: the signed-in user's own notifications, newest first, repeated unread comments of a listing as one entry. */
export class ListMyNotifications {
  constructor(private readonly notifications: NotificationRepository) {}

  async execute(input: {
    actor: Actor;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<InboxEntry>, SignedIn | InvalidCursor>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    const after = cursorOf(input.cursor);
    if (!after.ok) return after;
    const limit = clampLimit(input.limit);
    const rows = await this.notifications.inbox(
      who.value.userId,
      after.value && { createdAt: after.value.at, id: after.value.id },
      limit + 1,
    );
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return ok({
      items,
      nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.getTime(), last.id]) : null,
    });
  }
}

export class CountUnreadNotifications {
  constructor(private readonly notifications: NotificationRepository) {}
  async execute(input: { actor: Actor }): Promise<Result<{ unread: number }, SignedIn>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    return ok({ unread: await this.notifications.unreadCount(who.value.userId) });
  }
}

/** Another user's notification answers as missing, so ids reveal nothing. */
export class MarkNotificationRead {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
  ) {}
  async execute(input: {
    actor: Actor;
    notificationId: string;
  }): Promise<Result<void, SignedIn | NotificationNotFound>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    if (!(await this.notifications.markRead(who.value.userId, input.notificationId, this.clock.now()))) {
      return err(new NotificationNotFound(input.notificationId));
    }
    return okVoid;
  }
}

export class MarkAllNotificationsRead {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
  ) {}
  async execute(input: { actor: Actor }): Promise<Result<{ marked: number }, SignedIn>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    return ok({ marked: await this.notifications.markAllRead(who.value.userId, this.clock.now()) });
  }
}

export interface NotificationSettings {
  readonly muted: NotificationKind[];
  /** Subscription messages the user still allows us to send, per kind. */
  readonly consents: Partial<Record<NotificationKind, number>>;
}

export class GetNotificationSettings {
  constructor(private readonly notifications: NotificationRepository) {}
  async execute(input: { actor: Actor }): Promise<Result<NotificationSettings, SignedIn>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    const [muted, consents] = await Promise.all([
      this.notifications.mutedKinds(who.value.userId),
      this.notifications.consentBalances(who.value.userId),
    ]);
    return ok({ muted, consents });
  }
}

/** Muting a kind keeps it in the inbox and stops its QQ messages; an inbox-only kind has nothing to mute. */
export class UpdateNotificationSettings {
  constructor(private readonly notifications: NotificationRepository) {}
  async execute(input: {
    actor: Actor;
    muted: readonly string[];
  }): Promise<Result<NotificationSettings, SignedIn | ValidationFailed>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    const bad = input.muted.filter((k) => !isNotificationKind(k));
    if (bad.length) return err(new Problems().add('muted', `未知的通知类型：${bad.join('、')}`).toError());
    const fixed = input.muted.filter((k) => isNotificationKind(k) && isInboxOnly(k));
    if (fixed.length)
      return err(new Problems().add('muted', `审核通知只在消息列表里，不能关闭：${fixed.join('、')}`).toError());
    const kinds = NOTIFICATION_KINDS.filter((k) => input.muted.includes(k));
    await this.notifications.setMutedKinds(who.value.userId, kinds);
    return ok({ muted: kinds, consents: await this.notifications.consentBalances(who.value.userId) });
  }
}

/**
 * The mini-program reports the templates a user accepted in `qq.subscribeAppMsg`: each acceptance
 * allows one message. A client could report more than it got; QQ then refuses (46001) and the
 * count is zeroed, so the cap only bounds how long a lie lasts.
 */
export class RecordNotificationConsents {
  static readonly CAP = 50;
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
  ) {}
  async execute(input: {
    actor: Actor;
    kinds: readonly NotificationKind[];
  }): Promise<Result<NotificationSettings, SignedIn>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    const now = this.clock.now();
    for (const kind of new Set(input.kinds)) {
      await this.notifications.grantConsents(who.value.userId, kind, 1, RecordNotificationConsents.CAP, now);
    }
    const [muted, consents] = await Promise.all([
      this.notifications.mutedKinds(who.value.userId),
      this.notifications.consentBalances(who.value.userId),
    ]);
    return ok({ muted, consents });
  }
}

/** 死信: deliveries that failed for good or whose outcome is unknown. Campus admins see their own campus. */
export class ListDeadLetters {
  constructor(private readonly notifications: NotificationRepository) {}
  async execute(input: {
    actor: Actor;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<DeadLetter>, NotAuthenticated | AdminOnly | InvalidCursor>> {
    const admin = requireAdmin(input.actor);
    if (!admin.ok) return admin;
    const before = cursorOf(input.cursor);
    if (!before.ok) return before;
    const limit = clampLimit(input.limit);
    const campusId = admin.value.role === 'super_admin' ? undefined : admin.value.campusId!;
    const rows = await this.notifications.deadLetters({
      ...(campusId !== undefined ? { campusId } : {}),
      before: before.value && { updatedAt: before.value.at, id: before.value.id },
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return ok({
      items,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor([last.delivery.updatedAt.getTime(), last.delivery.notificationId])
          : null,
    });
  }
}

/**
 * An admin sends a dead letter again: it becomes pending and the worker's RedeliverPending queues
 * it within a few minutes (the HTTP process never talks to the queue). For an `unknown` one that
 * may push the message a second time: the admin decides, and the audit log remembers who did.
 */
export class RetryDeadLetter {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(input: {
    actor: Actor;
    notificationId: string;
  }): Promise<Result<void, NotAuthenticated | AdminOnly | AdminScope | DeadLetterNotFound>> {
    const admin = requireAdmin(input.actor);
    if (!admin.ok) return admin;
    const delivery = await this.notifications.delivery(input.notificationId);
    if (!delivery || (delivery.state !== 'dead' && delivery.state !== 'unknown'))
      return err(new DeadLetterNotFound(input.notificationId));
    const scoped = requireAdminOf(input.actor, delivery.campusId);
    if (!scoped.ok) return scoped;
    const now = this.clock.now();
    if (!(await this.notifications.requeue(input.notificationId, now)))
      return err(new DeadLetterNotFound(input.notificationId));
    await this.audit.record({
      actor: { kind: 'admin', id: admin.value.adminId },
      action: 'notification.retry',
      targetType: 'notification',
      targetId: input.notificationId,
      campusId: delivery.campusId,
      details: { previousState: delivery.state, kind: delivery.kind, attempts: delivery.attempts },
      at: now,
    });
    return okVoid;
  }
}
