import type { DomainEvent, Outbox } from '@xianzhi/core';
import type { OrmContext } from './context.js';
import { OutboxRow } from './schemas.js';

export class MikroOrmOutbox implements Outbox {
  constructor(private readonly ctx: OrmContext) {}

  async append(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const em = this.ctx.em();
    for (const e of events) {
      em.create(OutboxRow, {
        id: e.id,
        type: e.type,
        aggregateId: e.aggregateId,
        payload: e.payload,
        occurredAt: e.occurredAt,
        publishedAt: null,
      } as OutboxRow);
    }
    await em.flush();
  }

  async unpublished(limit: number): Promise<DomainEvent[]> {
    const rows = await this.ctx.em().find(OutboxRow, { publishedAt: null }, { orderBy: { seq: 'asc' }, limit });
    return rows.map(outboxEvent);
  }

  /**
   * Three short statements, no transaction: pick candidates, claim those still free with one UPDATE
   * (the database re-checks the condition row by row, so of two racing relays each row goes to one),
   * then read back what this claim won. Nothing stays locked while the relay talks to the queue.
   */
  async claim(claim: string, limit: number, now: Date, leaseMs: number): Promise<DomainEvent[]> {
    const free = { publishedAt: null, $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }] };
    const candidates = await this.ctx
      .em()
      .find(OutboxRow, free, { orderBy: { seq: 'asc' }, limit, fields: ['seq', 'id'] });
    if (candidates.length === 0) return [];
    await this.ctx
      .em()
      .nativeUpdate(
        OutboxRow,
        { id: { $in: candidates.map((c) => c.id) }, ...free },
        { claimToken: claim, claimedUntil: new Date(now.getTime() + leaseMs) },
      );
    const won = await this.ctx
      .em()
      .find(OutboxRow, { claimToken: claim, publishedAt: null }, { orderBy: { seq: 'asc' } });
    return won.map(outboxEvent);
  }

  async release(claim: string): Promise<void> {
    await this.ctx
      .em()
      .nativeUpdate(OutboxRow, { claimToken: claim, publishedAt: null }, { claimToken: null, claimedUntil: null });
  }

  async markPublished(eventIds: readonly string[], at: Date): Promise<void> {
    if (eventIds.length === 0) return;
    await this.ctx.em().nativeUpdate(OutboxRow, { id: { $in: [...eventIds] } }, { publishedAt: at });
  }

  async unpublishRecent(windowMs: number): Promise<number> {
    // Both statements read outbox_pending_idx (published_at, seq): the latest end, then a range.
    const [latest] = await this.ctx
      .em()
      .find(
        OutboxRow,
        { publishedAt: { $ne: null } },
        { orderBy: { publishedAt: 'desc' }, limit: 1, fields: ['seq', 'publishedAt'] },
      );
    if (!latest?.publishedAt) return 0;
    return this.ctx
      .em()
      .nativeUpdate(
        OutboxRow,
        { publishedAt: { $gte: new Date(latest.publishedAt.getTime() - windowMs) } },
        { publishedAt: null, claimToken: null, claimedUntil: null },
      );
  }
}

function outboxEvent(r: OutboxRow): DomainEvent {
  return {
    id: r.id,
    type: r.type,
    aggregateId: r.aggregateId,
    occurredAt: r.occurredAt,
    payload: r.payload,
  } as DomainEvent;
}
