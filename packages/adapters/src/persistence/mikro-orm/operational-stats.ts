import { RECS_EVENTS_CHECKPOINT, RECS_VIEWS_CHECKPOINT, SEARCH_PROJECTION } from '@xianzhi/core';
import type { OrmContext } from './context.js';

/** A follower of a positioned log, and how far behind the log's newest entry it is. */
export interface ProjectionLag {
  readonly name: string;
  /** `outbox` or `listing_view`. */
  readonly log: 'outbox' | 'listing_view';
  /** Entries past its checkpoint (gaps it still waits for not counted). */
  readonly behind: number;
  /** When the oldest of those happened, for logs that keep a time (the outbox); null when none or unknown. */
  readonly oldestBehindAt: Date | null;
}

/** The database connections of this process; null on SQLite, which has one connection and no pool. */
export interface PoolUse {
  readonly max: number;
  /** Open connections, busy and idle. */
  readonly open: number;
  readonly idle: number;
  /** Queries waiting for a connection. */
  readonly waiting: number;
}

/**
 * What operators watch, read from the database when Prometheus scrapes: the outbox backlog, how far
 * each projection trails the logs it follows, and the connection pool. Not a core port: nothing in the
 * domain asks for these, only the API's metrics. Each query reads an index (outbox_pending_idx, primary keys).
 */
export interface OperationalStats {
  /** When the oldest event still waiting for the relay happened; null when none waits. */
  oldestUnpublishedAt(): Promise<Date | null>;
  projections(): Promise<ProjectionLag[]>;
  pool(): PoolUse | null;
}

const FOLLOWERS = [
  { name: SEARCH_PROJECTION, log: 'outbox' },
  { name: RECS_EVENTS_CHECKPOINT, log: 'outbox' },
  { name: RECS_VIEWS_CHECKPOINT, log: 'listing_view' },
] as const;

type Row = Record<string, unknown>;

export class SqlOperationalStats implements OperationalStats {
  /** mysql2's pool, once the connection has made it; its counters are plain fields. */
  private nativePool: MySql2Pool | null = null;

  constructor(private readonly ctx: OrmContext) {
    if (ctx.dialect === 'mysql') {
      const connection = ctx.orm.em.getConnection() as unknown as { getNativeClient(): Promise<MySql2Pool> };
      connection.getNativeClient().then(
        (pool) => void (this.nativePool = pool),
        () => {},
      );
    }
  }

  async oldestUnpublishedAt(): Promise<Date | null> {
    const rows = await this.query('select occurred_at from outbox where published_at is null order by seq limit 1');
    return rows[0] ? toDate(rows[0]['occurred_at']) : null;
  }

  async projections(): Promise<ProjectionLag[]> {
    const checkpoints = new Map(
      (await this.query('select name, last_seq from projection_checkpoint')).map((r) => [
        String(r['name']),
        Number(r['last_seq']),
      ]),
    );
    const newest = {
      outbox: Number((await this.query('select max(seq) as seq from outbox'))[0]?.['seq'] ?? 0),
      listing_view: Number((await this.query('select max(seq) as seq from listing_view'))[0]?.['seq'] ?? 0),
    };
    const out: ProjectionLag[] = [];
    for (const { name, log } of FOLLOWERS) {
      const at = checkpoints.get(name) ?? 0;
      const behind = Math.max(0, newest[log] - at);
      let oldestBehindAt: Date | null = null;
      if (behind > 0 && log === 'outbox') {
        const first = await this.query('select occurred_at from outbox where seq > ? order by seq limit 1', [at]);
        oldestBehindAt = first[0] ? toDate(first[0]['occurred_at']) : null;
      }
      out.push({ name, log, behind, oldestBehindAt });
    }
    return out;
  }

  pool(): PoolUse | null {
    const pool = this.nativePool;
    if (!pool) return null;
    return {
      max: pool.config.connectionLimit,
      open: pool._allConnections.length,
      idle: pool._freeConnections.length,
      waiting: pool._connectionQueue.length,
    };
  }

  private query(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.ctx.em().execute<Row[]>(sql, params);
  }
}

/**
 * The fields of a mysql2 pool that tell its use. They are not declared API (the underscore), but every
 * mysql2 release since 1.x has them, and mysql2 offers no other way to read them.
 */
interface MySql2Pool {
  readonly config: { readonly connectionLimit: number };
  readonly _allConnections: { readonly length: number };
  readonly _freeConnections: { readonly length: number };
  readonly _connectionQueue: { readonly length: number };
}

/** MariaDB answers a Date; SQLite the stored text or epoch milliseconds. */
function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'string') return new Date(/^\d+$/.test(value) ? Number(value) : value);
  return null;
}
