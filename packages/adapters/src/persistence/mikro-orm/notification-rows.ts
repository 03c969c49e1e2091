import {
  deliveryKey,
  type Delivery,
  type DeliveryState,
  type Notification,
  type NotificationKind,
  type SkipReason,
} from '@xianzhi/core';

// Notification rows as plain SQL reads and writes them; times are epoch milliseconds on both databases.

export type Row = Record<string, unknown>;
export const num = (v: unknown): number => Number(v);
export const time = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(Number(v)));
export const affected = (r: unknown): number => (r as { affectedRows?: number }).affectedRows ?? 0;
export const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export function toNotification(r: Row): Notification {
  return {
    id: String(r['id']),
    key: String(r['notif_key']),
    recipientId: String(r['recipient_id']),
    campusId: String(r['campus_id']),
    kind: r['kind'] as NotificationKind,
    listingId: (r['listing_id'] as string | null) ?? null,
    data: JSON.parse(String(r['data'])) as Notification['data'],
    createdAt: time(r['created_at'])!,
    readAt: time(r['read_at']),
  };
}

export function toDelivery(r: Row): Delivery {
  const id = String(r['notification_id']);
  return {
    notificationId: id,
    key: deliveryKey(id),
    channel: 'qq',
    recipientId: String(r['recipient_id']),
    campusId: String(r['campus_id']),
    kind: r['kind'] as NotificationKind,
    state: r['state'] as DeliveryState,
    reason: (r['reason'] as SkipReason | null) ?? null,
    prepared: num(r['prepared']) >= 1,
    requested: num(r['prepared']) === 2,
    attempts: num(r['attempts']),
    lastError: (r['last_error'] as string | null) ?? null,
    leaseUntil: time(r['lease_until']),
    updatedAt: time(r['updated_at'])!,
  };
}

export const NOTIFICATION_COLUMNS =
  'id, notif_key, recipient_id, campus_id, kind, listing_id, data, created_at, read_at';
export const DELIVERY_COLUMNS =
  'notification_id, recipient_id, campus_id, kind, state, reason, prepared, attempts, last_error, lease_until, updated_at';
/** Enough rows per statement to keep a fan-out batch to a handful of round trips, far below SQLite's parameter limit. */
export const CHUNK = 250;
