import type { DomainEvent, LoggedEvent, OutboxLog, ProjectionCheckpoints } from '@xianzhi/core';
import type { OrmContext } from '../persistence/mikro-orm/context.js';
import { OutboxRow } from '../persistence/mikro-orm/schemas.js';

export class SqlOutboxLog implements OutboxLog {
  constructor(private readonly ctx: OrmContext) {}

  async after(seq: number, limit: number): Promise<LoggedEvent[]> {
    const rows = await this.ctx.em().find(OutboxRow, { seq: { $gt: seq } }, { orderBy: { seq: 'asc' }, limit });
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

  async lastSeq(): Promise<number> {
    const rows = await this.ctx.em().execute<{ seq: number | string | null }[]>('select max(seq) as seq from outbox');
    return Number(rows[0]?.seq ?? 0);
  }
}

export class SqlProjectionCheckpoints implements ProjectionCheckpoints {
  constructor(private readonly ctx: OrmContext) {}

  async position(name: string): Promise<number> {
    const rows = await this.ctx
      .em()
      .execute<{ last_seq: number | string }[]>('select last_seq from projection_checkpoint where name = ?', [name]);
    return rows[0] ? Number(rows[0].last_seq) : 0;
  }

  async save(name: string, seq: number): Promise<void> {
    const em = this.ctx.em();
    const res = await em.execute('update projection_checkpoint set last_seq = ? where name = ?', [seq, name], 'run');
    if ((res as { affectedRows?: number }).affectedRows === 0) {
      await em.execute('insert into projection_checkpoint (name, last_seq) values (?, ?)', [name, seq], 'run');
    }
  }
}
