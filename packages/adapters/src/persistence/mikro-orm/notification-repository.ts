import {
  openEntryKey,
  type DeadLetter,
  type Delivery,
  type InboxCursor,
  type InboxEntry,
  type Notification,
  type NotificationKind,
  type NotificationRepository,
  type SkipReason,
} from '@xianzhi/core';
import type { OrmContext } from './context.js';
import { NotificationInbox } from './notification-inbox.js';
import {
  affected,
  CHUNK,
  DELIVERY_COLUMNS,
  marks,
  NOTIFICATION_COLUMNS,
  num,
  time,
  toDelivery,
  toNotification,
  type Row,
} from './notification-rows.js';

/**
 * Notifications in plain SQL that reads the same on SQLite and MariaDB. The state changes of a
 * delivery are conditional UPDATEs: the row decides who wins a race, not the process.
 */
export class MikroOrmNotificationRepository implements NotificationRepository {
  private readonly entries: NotificationInbox;

  constructor(private readonly ctx: OrmContext) {
    this.entries = new NotificationInbox(
      (sql, params) => this.query(sql, params),
      (sql, params) => this.exec(sql, params),
    );
  }

  /**
   * Inserts rows, leaving any whose key exists. Not `insert ignore`: MySQL's also swallows NOT NULL
   * and truncation errors, which would hide a bug as a missing row.
   */
  private insertNew(
    table: string,
    columns: string,
    rows: string,
    params: unknown[],
    keyColumn: string,
  ): Promise<unknown> {
    const tail =
      this.ctx.dialect === 'sqlite' ? 'on conflict do nothing' : `on duplicate key update ${keyColumn} = ${keyColumn}`;
    return this.exec(`insert into ${table} (${columns}) values ${rows} ${tail}`, params);
  }
  private exec(sql: string, params: unknown[] = []): Promise<unknown> {
    return this.ctx.em().execute(sql, params, 'run');
  }
  private query(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.ctx.em().execute<Row[]>(sql, params);
  }

  async record(notifications: readonly Notification[]): Promise<Notification[]> {
    const out: Notification[] = [];
    for (let i = 0; i < notifications.length; i += CHUNK)
      out.push(...(await this.recordChunk(notifications.slice(i, i + CHUNK))));
    return out;
  }

  private async recordChunk(batch: readonly Notification[]): Promise<Notification[]> {
    if (batch.length === 0) return [];
    await this.insertNew(
      'notification',
      `${NOTIFICATION_COLUMNS}, entry_key`,
      batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', '),
      batch.flatMap((n) => [
        n.id,
        n.key,
        n.recipientId,
        n.campusId,
        n.kind,
        n.listingId,
        JSON.stringify(n.data),
        n.createdAt.getTime(),
        n.readAt?.getTime() ?? null,
        openEntryKey(n),
      ]),
      'id',
    );
    const keys = [...new Set(batch.map((n) => n.key))];
    const stored = (
      await this.query(
        `select ${NOTIFICATION_COLUMNS} from notification where notif_key in (${marks(keys.length)})`,
        keys,
      )
    ).map(toNotification);
    // Deliveries are written after their notifications: a crash in between is repaired by the re-run.
    await this.insertNew(
      'notification_delivery',
      `channel, ${DELIVERY_COLUMNS}`,
      stored.map(() => "('qq', ?, ?, ?, ?, 'pending', null, 0, 0, null, null, ?)").join(', '),
      stored.flatMap((n) => [n.id, n.recipientId, n.campusId, n.kind, n.createdAt.getTime()]),
      'notification_id',
    );
    const pending = new Set(
      (
        await this.query(
          `select notification_id from notification_delivery where state = 'pending' and notification_id in (${marks(stored.length)})`,
          stored.map((n) => n.id),
        )
      ).map((r) => String(r['notification_id'])),
    );
    return stored.filter((n) => pending.has(n.id));
  }

  async byId(id: string): Promise<Notification | null> {
    const rows = await this.query(`select ${NOTIFICATION_COLUMNS} from notification where id = ?`, [id]);
    return rows[0] ? toNotification(rows[0]) : null;
  }

  inbox(recipientId: string, after: InboxCursor | null, limit: number): Promise<InboxEntry[]> {
    return this.entries.inbox(recipientId, after, limit);
  }

  unreadCount(recipientId: string): Promise<number> {
    return this.entries.unreadCount(recipientId);
  }

  markRead(recipientId: string, id: string, at: Date): Promise<boolean> {
    return this.entries.markRead(recipientId, id, at);
  }

  markAllRead(recipientId: string, at: Date): Promise<number> {
    return this.entries.markAllRead(recipientId, at);
  }

  async delivery(notificationId: string): Promise<Delivery | null> {
    const rows = await this.query(`select ${DELIVERY_COLUMNS} from notification_delivery where notification_id = ?`, [
      notificationId,
    ]);
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  async claim(notificationId: string, now: Date, leaseUntil: Date): Promise<boolean> {
    const r = await this.exec(
      "update notification_delivery set state = 'sending', lease_until = ?, updated_at = ?, attempts = attempts + 1 where notification_id = ? and state = 'pending'",
      [leaseUntil.getTime(), now.getTime(), notificationId],
    );
    return affected(r) === 1;
  }

  async markPrepared(notificationId: string): Promise<void> {
    await this.exec("update notification_delivery set prepared = 1 where notification_id = ? and state = 'sending'", [
      notificationId,
    ]);
  }

  /** `prepared` is 0 (gate not passed), 1 (passed, consent spent) or 2 (the request has started). */
  async markRequested(notificationId: string): Promise<void> {
    await this.exec("update notification_delivery set prepared = 2 where notification_id = ? and state = 'sending'", [
      notificationId,
    ]);
  }

  async finish(
    notificationId: string,
    state: 'sent' | 'skipped' | 'unknown',
    reason: SkipReason | null,
    now: Date,
  ): Promise<void> {
    await this.exec(
      "update notification_delivery set state = ?, reason = ?, lease_until = null, updated_at = ? where notification_id = ? and state = 'sending'",
      [state, reason, now.getTime(), notificationId],
    );
  }

  async release(notificationId: string, error: string, now: Date): Promise<void> {
    await this.exec(
      "update notification_delivery set state = 'pending', prepared = case when prepared = 2 then 1 else prepared end, last_error = ?, lease_until = null, updated_at = ? where notification_id = ? and state = 'sending'",
      [error.slice(0, 500), now.getTime(), notificationId],
    );
  }

  async markDead(notificationId: string, error: string, now: Date): Promise<boolean> {
    const r = await this.exec(
      "update notification_delivery set state = 'dead', last_error = ?, lease_until = null, updated_at = ? where notification_id = ? and state in ('pending', 'sending')",
      [error.slice(0, 500), now.getTime(), notificationId],
    );
    return affected(r) === 1;
  }

  async expireLeases(now: Date, limit: number): Promise<{ retried: string[]; unknown: string[] }> {
    const rows = await this.query(
      "select notification_id, prepared from notification_delivery where state = 'sending' and lease_until <= ? order by lease_until limit ?",
      [now.getTime(), limit],
    );
    const out = { retried: [] as string[], unknown: [] as string[] };
    for (const r of rows) {
      const id = String(r['notification_id']);
      const requested = num(r['prepared']) === 2;
      const res = await this.exec(
        `update notification_delivery set state = '${requested ? 'unknown' : 'pending'}', lease_until = null, updated_at = ?
         where notification_id = ? and state = 'sending' and lease_until <= ? and prepared ${requested ? '= 2' : '< 2'}`,
        [now.getTime(), id, now.getTime()],
      );
      if (affected(res) === 1) (requested ? out.unknown : out.retried).push(id);
    }
    return out;
  }

  async deadLetters(q: {
    campusId?: string;
    before: { updatedAt: Date; id: string } | null;
    limit: number;
  }): Promise<DeadLetter[]> {
    const where: string[] = ["d.state in ('dead', 'unknown')"];
    const params: unknown[] = [];
    if (q.campusId !== undefined) {
      where.push('d.campus_id = ?');
      params.push(q.campusId);
    }
    if (q.before) {
      where.push('(d.updated_at < ? or (d.updated_at = ? and d.notification_id < ?))');
      params.push(q.before.updatedAt.getTime(), q.before.updatedAt.getTime(), q.before.id);
    }
    const rows = await this.query(
      `select ${DELIVERY_COLUMNS.split(', ')
        .map((c) => `d.${c}`)
        .join(', ')}, ${NOTIFICATION_COLUMNS.split(', ')
        .map((c) => `n.${c} as n_${c}`)
        .join(', ')}
       from notification_delivery d join notification n on n.id = d.notification_id
       where ${where.join(' and ')} order by d.updated_at desc, d.notification_id desc limit ?`,
      [...params, q.limit],
    );
    return rows.map((r) => ({
      delivery: toDelivery(r),
      notification: toNotification(Object.fromEntries(NOTIFICATION_COLUMNS.split(', ').map((c) => [c, r[`n_${c}`]]))),
    }));
  }

  async pendingBefore(before: Date, limit: number): Promise<{ notificationId: string; updatedAt: Date }[]> {
    const rows = await this.query(
      "select notification_id, updated_at from notification_delivery where state = 'pending' and updated_at <= ? order by updated_at, notification_id limit ?",
      [before.getTime(), limit],
    );
    return rows.map((r) => ({ notificationId: String(r['notification_id']), updatedAt: time(r['updated_at'])! }));
  }

  async requeue(notificationId: string, now: Date): Promise<boolean> {
    const r = await this.exec(
      "update notification_delivery set state = 'pending', reason = null, lease_until = null, updated_at = ? where notification_id = ? and state in ('dead', 'unknown')",
      [now.getTime(), notificationId],
    );
    return affected(r) === 1;
  }

  async mutedKinds(userId: string): Promise<NotificationKind[]> {
    const rows = await this.query('select kind from notification_mute where user_id = ? order by kind', [userId]);
    return rows.map((r) => r['kind'] as NotificationKind);
  }

  async setMutedKinds(userId: string, kinds: readonly NotificationKind[]): Promise<void> {
    await this.ctx.em().transactional(async (em) => {
      await em.execute('delete from notification_mute where user_id = ?', [userId], 'run');
      const unique = [...new Set(kinds)];
      if (unique.length) {
        await em.execute(
          `insert into notification_mute (user_id, kind) values ${unique.map(() => '(?, ?)').join(', ')}`,
          unique.flatMap((k) => [userId, k]),
          'run',
        );
      }
    });
  }

  async grantConsents(userId: string, kind: NotificationKind, count: number, cap: number, now: Date): Promise<void> {
    await this.insertNew(
      'notification_consent',
      'user_id, kind, remaining, updated_at',
      '(?, ?, 0, ?)',
      [userId, kind, now.getTime()],
      'user_id',
    );
    await this.exec(
      'update notification_consent set remaining = case when remaining + ? > ? then ? else remaining + ? end, updated_at = ? where user_id = ? and kind = ?',
      [count, cap, cap, count, now.getTime(), userId, kind],
    );
  }

  async spendConsent(userId: string, kind: NotificationKind, now: Date): Promise<boolean> {
    const r = await this.exec(
      'update notification_consent set remaining = remaining - 1, updated_at = ? where user_id = ? and kind = ? and remaining > 0',
      [now.getTime(), userId, kind],
    );
    return affected(r) === 1;
  }

  async revokeConsents(userId: string, kind: NotificationKind, now: Date): Promise<void> {
    await this.exec('update notification_consent set remaining = 0, updated_at = ? where user_id = ? and kind = ?', [
      now.getTime(),
      userId,
      kind,
    ]);
  }

  async consentBalances(userId: string): Promise<Partial<Record<NotificationKind, number>>> {
    const rows = await this.query('select kind, remaining from notification_consent where user_id = ?', [userId]);
    return Object.fromEntries(rows.map((r) => [r['kind'] as NotificationKind, num(r['remaining'])]));
  }

  async takeQqSlot(userId: string, listingId: string, now: Date, windowMs: number): Promise<boolean> {
    await this.insertNew(
      'notification_throttle',
      'user_id, listing_id, last_at',
      '(?, ?, ?)',
      [userId, listingId, -windowMs],
      'user_id',
    );
    const r = await this.exec(
      'update notification_throttle set last_at = ? where user_id = ? and listing_id = ? and last_at <= ?',
      [now.getTime(), userId, listingId, now.getTime() - windowMs],
    );
    return affected(r) === 1;
  }
}
