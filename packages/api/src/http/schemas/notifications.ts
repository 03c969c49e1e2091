import type { DeliveryState, NotificationKind, SkipReason } from '@xianzhi/core';
import { Type, type Static } from 'typebox';
import { Count, Cursor, Id, IsoDate, Limit, Nullable } from './common.js';

type Exhaustive<Union, List extends readonly Union[]> = [Exclude<Union, List[number]>] extends [never] ? List : never;
const list =
  <U>() =>
  <const L extends readonly U[]>(values: Exhaustive<U, L>) =>
    values;

export const NOTIFICATION_KIND_VALUES = list<NotificationKind>()([
  'comment',
  'reply',
  'price_drop',
  'wanted_match',
  'expiring',
  'removed',
  'hidden',
  'restored',
  'feedback_reply',
  'want_received',
  'offer_received',
  'offer_countered',
  'offer_accepted',
  'offer_declined',
  'offer_expired',
  'trade_opened',
  'trade_confirmed',
  'trade_completed',
  'trade_cancelled',
  'rating_received',
  'saved_search',
]);
const DELIVERY_STATE_VALUES = list<DeliveryState>()(['pending', 'sending', 'sent', 'skipped', 'dead', 'unknown']);
const SKIP_REASON_VALUES = list<SkipReason>()([
  'muted',
  'no_consent',
  'rate_limited',
  'consent_revoked',
  'quota',
  'no_template',
  'no_recipient',
  'banned',
]);

export const NotificationKindValue = Type.Enum([...NOTIFICATION_KIND_VALUES]);

/** Display data only: titles, prices in fen, a reason, a nickname. Never an openid. */
const NotificationData = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]));

/**
 * One inbox entry: a notice, or unread comments (or replies) of one listing folded into one, shown as
 * the newest of them with `count` (1 for a notice alone). Unread while any of them is; marking it read
 * (by its id) reads all of them.
 */
export const NotificationItem = Type.Object({
  id: Id,
  kind: NotificationKindValue,
  listingId: Nullable(Id),
  data: NotificationData,
  createdAt: IsoDate,
  readAt: Nullable(IsoDate),
  count: Type.Integer({ minimum: 1 }),
});
export type NotificationItem = Static<typeof NotificationItem>;

export const NotificationPage = Type.Object({
  items: Type.Array(NotificationItem),
  nextCursor: Nullable(Type.String()),
});
export const NotificationQuery = Type.Object(
  { cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) },
  { additionalProperties: false },
);
export const UnreadCount = Type.Object({ unread: Count });
export const MarkedAll = Type.Object({ marked: Count });

export const NotificationSettings = Type.Object({
  muted: Type.Array(NotificationKindValue),
  /** Messages still allowed per kind (each accepted subscription allows one). */
  consents: Type.Record(Type.String(), Count),
  /** Template ids to request with `qq.subscribeAppMsg`, per kind that has one. */
  templates: Type.Record(Type.String(), Type.String()),
});
export type NotificationSettings = Static<typeof NotificationSettings>;
export const UpdateNotificationSettingsBody = Type.Object(
  {
    muted: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export const ConsentsBody = Type.Object(
  {
    /** The template ids `qq.subscribeAppMsg` reported as accepted. */
    templateIds: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);

export const DeadLetterItem = Type.Object({
  notificationId: Id,
  recipientId: Id,
  campusId: Id,
  kind: NotificationKindValue,
  listingId: Nullable(Id),
  state: Type.Enum([...DELIVERY_STATE_VALUES]),
  reason: Nullable(Type.Enum([...SKIP_REASON_VALUES])),
  attempts: Count,
  lastError: Nullable(Type.String()),
  data: NotificationData,
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type DeadLetterItem = Static<typeof DeadLetterItem>;
export const DeadLetterPage = Type.Object({ items: Type.Array(DeadLetterItem), nextCursor: Nullable(Type.String()) });
