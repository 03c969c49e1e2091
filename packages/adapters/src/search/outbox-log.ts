import {
  LOG_START,
  type DomainEvent,
  type LoggedEvent,
  type LogPosition,
  type OutboxLog,
  type ProjectionCheckpoints,
  type SeqRange,
} from '@xianzhi/core';
import type { OrmContext } from '../persistence/mikro-orm/context.js';
import { OutboxRow } from '../persistence/mikro-orm/schemas.js';

/** Ranges per statement when a follower re-reads its gaps; a follower rarely has more than a few. */
const RANGES_PER_QUERY = 100;

export class SqlOutboxLog implements OutboxLog {
  constructor(private readonly ctx: OrmContext) {}

  async after(seq: number, limit: number): Promise<LoggedEvent[]> {
    return this.read({ seq: { $gt: seq } }, limit);
  }

  async within(ranges: readonly SeqRange[], limit: number): Promise<LoggedEvent[]> {
    const out: LoggedEvent[] = [];
    for (let i = 0; i < ranges.length && out.length < limit; i += RANGES_PER_QUERY) {
      const $or = ranges.slice(i, i + RANGES_PER_QUERY).map((r) => ({ seq: { $gte: r.from, $lte: r.to } }));
      out.push(...(await this.read({ $or }, limit - out.length)));
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  async lastSeq(): Promise<number> {
    const rows = await this.ctx.em().execute<{ seq: number | string | null }[]>('select max(seq) as seq from outbox');
    return Number(rows[0]?.seq ?? 0);
  }

  private async read(where: object, limit: number): Promise<LoggedEvent[]> {
    const rows = await this.ctx.em().find(OutboxRow, where, { orderBy: { seq: 'asc' }, limit });
    return rows.map((r) => ({
      seq: Number(r.seq),
      event: {
        id: r.id,
        type: r.type,
        aggregateId: r.aggregateId,
        occurredAt: r.occurredAt,
        payload: r.payload,
      } as DomainEvent,
    }));
  }
}

interface StoredGap {
  from: number;
  to: number;
  seenAt: string;
}

/** A checkpoint row: the follower's mark in `last_seq`, the positions it still waits for as JSON in `gaps`. */
export class SqlProjectionCheckpoints implements ProjectionCheckpoints {
  constructor(private readonly ctx: OrmContext) {}

  async position(name: string): Promise<LogPosition> {
    const rows = await this.ctx
      .em()
      .execute<{ last_seq: number | string; gaps: string | null }[]>(
        'select last_seq, gaps from projection_checkpoint where name = ?',
        [name],
      );
    const row = rows[0];
    if (!row) return LOG_START;
    const gaps = row.gaps ? (JSON.parse(row.gaps) as StoredGap[]) : [];
    return {
      seq: Number(row.last_seq),
      gaps: gaps.map((g) => ({ from: g.from, to: g.to, seenAt: new Date(g.seenAt) })),
    };
  }

  async save(name: string, position: LogPosition): Promise<void> {
    const em = this.ctx.em();
    const gaps =
      position.gaps.length === 0
        ? null
        : JSON.stringify(position.gaps.map((g) => ({ from: g.from, to: g.to, seenAt: g.seenAt.toISOString() })));
    const res = await em.execute(
      'update projection_checkpoint set last_seq = ?, gaps = ? where name = ?',
      [position.seq, gaps, name],
      'run',
    );
    if ((res as { affectedRows?: number }).affectedRows === 0) {
      await em.execute(
        'insert into projection_checkpoint (name, last_seq, gaps) values (?, ?, ?)',
        [name, position.seq, gaps],
        'run',
      );
    }
  }
}
