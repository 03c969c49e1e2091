import type { ClaimedDelivery, DeliveryOutcome, DeliverySettings, NotificationKind, SkipReason } from '@xianzhi/core';
import type { OrmContext } from './context.js';
import {
  CHUNK,
  DELIVERY_COLUMNS,
  marks,
  NOTIFICATION_COLUMNS,
  num,
  toDelivery,
  toNotification,
  type Row,
} from './notification-rows.js';

/**
 * The batch side of the delivery store: a fan-out claims, marks and settles its deliveries a chunk
 * per statement. Each statement keeps the per-row condition of its single-row twin (`state = 'pending'`
 * to claim, `state = 'sending'` to mark and settle), so the state machine of every row is the same.
 */
export abstract class MikroOrmDeliveryBatches {
  constructor(protected readonly ctx: OrmContext) {}

  protected exec(sql: string, params: unknown[] = []): Promise<unknown> {
    return this.ctx.em().execute(sql, params, 'run');
  }
  protected query(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.ctx.em().execute<Row[]>(sql, params);
  }

  /**
   * The delivery table as the batch statements name it: on MariaDB through the primary key only. Left to
   * itself the optimizer reads a short `in (…)` list through the state index, or scans the whole table
   * for the UPDATE, whenever the list is a large share of the rows in that state (a fresh fan-out page, a
   * table without statistics yet). At repeatable read such a plan locks every row and gap it passes,
   * other workers' included, so concurrent claims, settlements and the fan-out's inserts deadlocked.
   * Through the primary key each statement locks exactly its own rows, in id order.
   */
  protected deliveries(): string {
    return this.ctx.dialect === 'sqlite' ? 'notification_delivery' : 'notification_delivery force index (primary)';
  }

  /**
   * Claims the rows still pending, in one short transaction per chunk, so the ids returned are the ones
   * this caller moved. On MariaDB the rows are locked in id order and a row another transaction holds is
   * skipped (`skip locked`): a claimer of an overlapping batch moves it, or a release gives it back to the
   * pending sweep, so claimers never wait for each other. SQLite has one writer at a time.
   */
  async claimMany(ids: readonly string[], now: Date, leaseUntil: Date): Promise<ClaimedDelivery[]> {
    const out: ClaimedDelivery[] = [];
    const unique = [...new Set(ids)];
    const table = this.deliveries();
    const lock = this.ctx.dialect === 'sqlite' ? '' : ' for update skip locked';
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const claimed = await this.ctx.em().transactional(async (em) => {
        const rows = await em.execute<Row[]>(
          `select notification_id from ${table} where notification_id in (${marks(chunk.length)}) and state = 'pending' order by notification_id${lock}`,
          chunk,
        );
        const mine = rows.map((r) => String(r['notification_id']));
        if (mine.length === 0) return [];
        await em.execute(
          `update ${table} set state = 'sending', lease_until = ?, updated_at = ?, attempts = attempts + 1 where notification_id in (${marks(mine.length)}) and state = 'pending'`,
          [leaseUntil.getTime(), now.getTime(), ...mine],
          'run',
        );
        return mine;
      });
      if (claimed.length === 0) continue;
      const rows = await this.query(
        `select ${DELIVERY_COLUMNS.split(', ')
          .map((c) => `d.${c}`)
          .join(', ')}, ${NOTIFICATION_COLUMNS.split(', ')
          .map((c) => `n.${c} as n_${c}`)
          .join(', ')}
         from notification_delivery d join notification n on n.id = d.notification_id
         where d.notification_id in (${marks(claimed.length)})`,
        claimed,
      );
      for (const r of rows)
        out.push({
          delivery: toDelivery(r),
          notification: toNotification(
            Object.fromEntries(NOTIFICATION_COLUMNS.split(', ').map((c) => [c, r[`n_${c}`]])),
          ),
        });
    }
    return out;
  }

  /** Locks the rows still held under `heldUntil` and moves their lease, in one transaction per chunk. */
  async renewLeases(ids: readonly string[], heldUntil: Date, leaseUntil: Date): Promise<string[]> {
    const out: string[] = [];
    const unique = [...new Set(ids)];
    const table = this.deliveries();
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const renewed = await this.ctx.em().transactional(async (em) => {
        // Locked in id order through the primary key, as the claims are (see deliveries()).
        const lock = this.ctx.dialect === 'sqlite' ? '' : ' for update';
        const rows = await em.execute<Row[]>(
          `select notification_id from ${table} where notification_id in (${marks(chunk.length)}) and state = 'sending' and lease_until = ? order by notification_id${lock}`,
          [...chunk, heldUntil.getTime()],
        );
        const mine = rows.map((r) => String(r['notification_id']));
        if (mine.length > 0)
          await em.execute(
            `update ${table} set lease_until = ? where notification_id in (${marks(mine.length)}) and state = 'sending' and lease_until = ?`,
            [leaseUntil.getTime(), ...mine, heldUntil.getTime()],
            'run',
          );
        return mine;
      });
      out.push(...renewed);
    }
    return out;
  }

  async markPreparedMany(ids: readonly string[]): Promise<void> {
    await this.setPrepared(ids, 1);
  }

  async markRequestedMany(ids: readonly string[]): Promise<void> {
    await this.setPrepared(ids, 2);
  }

  private async setPrepared(ids: readonly string[], value: 1 | 2): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      await this.exec(
        `update ${this.deliveries()} set prepared = ${value} where notification_id in (${marks(chunk.length)}) and state = 'sending'`,
        chunk,
      );
    }
  }

  /** One statement per distinct (state, reason): a fan-out's results are nearly all `sent`. */
  async finishMany(outcomes: readonly DeliveryOutcome[], now: Date): Promise<void> {
    const groups = new Map<string, { state: string; reason: SkipReason | null; ids: string[] }>();
    for (const o of outcomes) {
      const key = `${o.state}|${o.reason ?? ''}`;
      const g = groups.get(key) ?? { state: o.state, reason: o.reason, ids: [] };
      g.ids.push(o.notificationId);
      groups.set(key, g);
    }
    for (const g of groups.values())
      for (let i = 0; i < g.ids.length; i += CHUNK) {
        const chunk = g.ids.slice(i, i + CHUNK);
        await this.exec(
          `update ${this.deliveries()} set state = ?, reason = ?, lease_until = null, updated_at = ? where notification_id in (${marks(chunk.length)}) and state = 'sending'`,
          [g.state, g.reason, now.getTime(), ...chunk],
        );
      }
  }

  async deliverySettings(userIds: readonly string[]): Promise<Map<string, DeliverySettings>> {
    const out = new Map<string, { muted: NotificationKind[]; balances: Partial<Record<NotificationKind, number>> }>();
    const entry = (id: string) => {
      const e = out.get(id) ?? { muted: [], balances: {} };
      out.set(id, e);
      return e;
    };
    const unique = [...new Set(userIds)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const [mutes, consents] = [
        await this.query(
          `select user_id, kind from notification_mute where user_id in (${marks(chunk.length)}) order by kind`,
          chunk,
        ),
        await this.query(
          `select user_id, kind, remaining from notification_consent where user_id in (${marks(chunk.length)})`,
          chunk,
        ),
      ];
      for (const r of mutes) entry(String(r['user_id'])).muted.push(r['kind'] as NotificationKind);
      for (const r of consents)
        entry(String(r['user_id'])).balances[r['kind'] as NotificationKind] = num(r['remaining']);
    }
    return out;
  }

  /** Locks the balances, then takes one from each that has one, in one transaction. */
  async spendConsents(userIds: readonly string[], kind: NotificationKind, now: Date): Promise<string[]> {
    const out: string[] = [];
    const unique = [...new Set(userIds)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const spent = await this.ctx.em().transactional(async (em) => {
        const lock = this.ctx.dialect === 'sqlite' ? '' : ' for update';
        const rows = await em.execute<Row[]>(
          `select user_id from notification_consent where kind = ? and remaining > 0 and user_id in (${marks(chunk.length)})${lock}`,
          [kind, ...chunk],
        );
        const charged = rows.map((r) => String(r['user_id']));
        if (charged.length === 0) return [];
        await em.execute(
          `update notification_consent set remaining = remaining - 1, updated_at = ? where kind = ? and remaining > 0 and user_id in (${marks(charged.length)})`,
          [now.getTime(), kind, ...charged],
          'run',
        );
        return charged;
      });
      out.push(...spent);
    }
    return out;
  }
}
