import { AsyncLocalStorage } from 'node:async_hooks';
import type { MikroORM } from '@mikro-orm/core';
import { isDatabaseUnavailable } from './unavailable.js';

/** Where a read ran. */
export type ReadTarget = 'primary' | 'replica';
/**
 * Why a read meant for a replica ran on the primary: no replica answered (`unavailable`), the replica had
 * not applied the caller's last write in time (`lag`), or the caller's last write could not be looked up
 * (`unknown`, e.g. Redis away).
 */
export type FallbackReason = 'unavailable' | 'lag' | 'unknown';

export interface ReplicaReadOptions {
  /**
   * A GTID position the read must see (the caller's last write): the replica waits for it up to `waitMs`,
   * and a replica that has not applied it by then leaves the read to the primary.
   */
  readonly mustSee?: string | null;
  /** Read on the primary (the caller's own writes are not known); counted as a fallback for `unknown`. */
  readonly primaryOnly?: boolean;
  /** Answer the replica's position (one more round trip to it); without `mustSee` it is skipped otherwise. */
  readonly position?: boolean;
}

export interface ReplicaRead<T> {
  readonly value: T;
  readonly target: ReadTarget;
  /** Replica reads asked for it: the replica's applied GTID position just before the work read anything; else null. */
  readonly position: string | null;
}

export interface ReplicaState {
  readonly name: string;
  readonly up: boolean;
}

/** Reads on the read replicas of `XZ_DATABASE_REPLICAS` (MariaDB), with the primary as their fallback. */
export interface ReadReplicas {
  readonly names: readonly string[];
  /** Everything the primary has committed so far, as a GTID position (`@@gtid_binlog_pos`). */
  primaryPosition(): Promise<string>;
  /** Runs `work` with its reads (SELECTs outside a transaction) on one replica, else on the primary. */
  read<T>(work: () => Promise<T>, options?: ReplicaReadOptions): Promise<ReplicaRead<T>>;
  /** Whether each replica takes a query now (for /readyz; at most `timeoutMs` each). */
  states(timeoutMs?: number): Promise<ReplicaState[]>;
  /** Reads by where they ran and fallbacks by reason, since the process started. */
  counts(): { reads: Record<ReadTarget, number>; fallbacks: Record<FallbackReason, number> };
}

/** How long a writer's read waits for a replica to apply their last write before it goes to the primary. */
export const DEFAULT_REPLICA_WAIT_MS = 200;
/** A replica that failed is left alone this long before a read tries it again. */
export const REPLICA_RETRY_AFTER_MS = 5000;

type Method = 'all' | 'get' | 'run';
type Execute = (
  query: unknown,
  params?: unknown,
  method?: Method,
  ctx?: unknown,
  loggerContext?: unknown,
) => Promise<unknown>;

/** What this module uses of a MikroORM connection; the rest is reached through the Proxy below. */
interface Connection {
  execute: Execute;
}

interface Replica {
  readonly name: string;
  readonly connection: Connection;
  /** The replica's own execute, without the fallback wrapped around it. */
  readonly direct: Execute;
  downUntil: number;
}

interface Scope {
  /** Where the scope's reads go: a replica's connection, or the primary's once that replica has failed. */
  reads: Connection;
  /** What the driver hands out for writes inside the scope: the primary, with SELECTs outside a transaction sent to `reads`. */
  readonly writes: Connection;
  fellBack: boolean;
}

const SELECT = /^\s*\(?\s*(select|with)\b/i;

/**
 * Routes reads to MariaDB read replicas through MikroORM's own `replicas` (one pool per replica), under
 * rules of our own: by default every statement goes to the primary, whatever MikroORM would prefer, so
 * no code path reads a lagging copy by accident. Only work run through `read()` sends its reads (every
 * SELECT outside a transaction, hand-written SQL and ORM finds alike) to one replica, the same one for the
 * whole work, so a position waited for on it holds for all its reads. Writes inside such work (a view
 * counted) still go to the primary. A replica that does not answer is skipped for a few seconds, and a read
 * it fails runs again on the primary: losing a replica costs no request.
 */
export class MariaDbReadReplicas implements ReadReplicas {
  private readonly scope = new AsyncLocalStorage<Scope>();
  private readonly replicas: Replica[];
  private readonly primary: Connection;
  private next = 0;
  private readonly reads: Record<ReadTarget, number> = { primary: 0, replica: 0 };
  private readonly fallbacks: Record<FallbackReason, number> = { unavailable: 0, lag: 0, unknown: 0 };

  constructor(
    orm: MikroORM,
    readonly names: readonly string[],
    private readonly waitMs = DEFAULT_REPLICA_WAIT_MS,
  ) {
    const driver = orm.em.getDriver() as unknown as {
      getConnection(type?: 'read' | 'write'): Connection;
      replicas: Connection[];
    };
    this.primary = driver.getConnection('write');
    this.replicas = driver.replicas.map((connection, i) => {
      const direct = connection.execute.bind(connection);
      const replica: Replica = { name: names[i] ?? `replica-${i + 1}`, connection, direct, downUntil: 0 };
      connection.execute = (query, params, method, ctx, loggerContext) =>
        this.onReplica(replica, query, params, method, ctx, loggerContext);
      return replica;
    });
    driver.getConnection = (type = 'write') => {
      const scope = this.scope.getStore();
      if (!scope) return this.primary;
      return type === 'read' ? scope.reads : scope.writes;
    };
  }

  async primaryPosition(): Promise<string> {
    const rows = (await this.primary.execute('select @@gtid_binlog_pos as position')) as { position: string }[];
    return String(rows[0]?.position ?? '');
  }

  async read<T>(work: () => Promise<T>, options: ReplicaReadOptions = {}): Promise<ReplicaRead<T>> {
    if (options.primaryOnly) return this.onPrimary(work, 'unknown');
    const replica = this.pick();
    if (!replica) return this.onPrimary(work, 'unavailable');
    let probe: { caughtUp: boolean; position: string | null } = { caughtUp: true, position: null };
    try {
      if (options.mustSee || options.position) probe = await this.probe(replica, options.mustSee ?? null);
    } catch (error) {
      if (!isDatabaseUnavailable(error) && !(error instanceof ProbeTimeout)) throw error;
      replica.downUntil = Date.now() + REPLICA_RETRY_AFTER_MS;
      return this.onPrimary(work, 'unavailable');
    }
    if (!probe.caughtUp) return this.onPrimary(work, 'lag');
    const position = probe.position;
    const scope = { reads: replica.connection, fellBack: false } as Scope;
    (scope as { writes: Connection }).writes = this.writesBeside(scope);
    const value = await this.scope.run(scope, work);
    const target = scope.fellBack ? 'primary' : 'replica';
    this.reads[target]++;
    return { value, target, position: scope.fellBack ? null : position };
  }

  async states(timeoutMs = 1500): Promise<ReplicaState[]> {
    return Promise.all(
      this.replicas.map(async (r) => {
        try {
          await withTimeout(r.direct('select 1'), timeoutMs);
          return { name: r.name, up: true };
        } catch {
          return { name: r.name, up: false };
        }
      }),
    );
  }

  counts() {
    return { reads: { ...this.reads }, fallbacks: { ...this.fallbacks } };
  }

  private async onPrimary<T>(work: () => Promise<T>, reason: FallbackReason): Promise<ReplicaRead<T>> {
    this.fallbacks[reason]++;
    this.reads.primary++;
    return { value: await work(), target: 'primary', position: null };
  }

  /** The next replica in turn that has not failed lately; null when every one has. */
  private pick(): Replica | null {
    const now = Date.now();
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(this.next + i) % this.replicas.length]!;
      if (replica.downUntil <= now) {
        this.next = (this.next + i + 1) % this.replicas.length;
        return replica;
      }
    }
    return null;
  }

  /**
   * The replica's applied position, after waiting (MASTER_GTID_WAIT) for `mustSee` when given. Bounded:
   * a replica that does not answer within the wait and two seconds is treated as down.
   */
  private async probe(replica: Replica, mustSee: string | null): Promise<{ caughtUp: boolean; position: string }> {
    const query = mustSee
      ? replica.direct('select master_gtid_wait(?, ?) as waited, @@gtid_slave_pos as position', [
          mustSee,
          this.waitMs / 1000,
        ])
      : replica.direct('select 0 as waited, @@gtid_slave_pos as position');
    const rows = (await withTimeout(query, this.waitMs + 2000)) as { waited: unknown; position: string | null }[];
    const row = rows[0];
    // 0: reached; -1: timed out; NULL: the wait could not run. Only 0 will do.
    const waited = row?.waited;
    return {
      caughtUp: waited !== null && waited !== undefined && Number(waited) === 0,
      position: String(row?.position ?? ''),
    };
  }

  /** A replica statement that finds the replica gone runs on the primary, and the replica rests a while. */
  private async onReplica(
    replica: Replica,
    query: unknown,
    params: unknown,
    method: Method | undefined,
    ctx: unknown,
    loggerContext: unknown,
  ): Promise<unknown> {
    try {
      return await replica.direct(query, params, method, ctx, loggerContext);
    } catch (error) {
      if (ctx || !isDatabaseUnavailable(error)) throw error;
      replica.downUntil = Date.now() + REPLICA_RETRY_AFTER_MS;
      const scope = this.scope.getStore();
      if (scope && !scope.fellBack) {
        // The rest of this work reads the primary too, rather than knock on the failed replica again.
        scope.fellBack = true;
        scope.reads = this.primary;
        this.fallbacks.unavailable++;
      }
      return this.primary.execute(query, params, method, undefined, loggerContext);
    }
  }

  /**
   * The primary connection, except that a SELECT outside a transaction goes to the scope's reads: MikroORM sends
   * hand-written SQL (`em.execute`) to the write connection unless told otherwise, and the repositories
   * write most reads that way. Anything else (insert, update, transactions) is the primary's own.
   */
  private writesBeside(scope: Scope): Connection {
    const primary = this.primary;
    const routed: Execute = (query, params, method, ctx, loggerContext) =>
      !ctx && typeof query === 'string' && SELECT.test(query)
        ? scope.reads.execute(query, params, method, ctx, loggerContext)
        : primary.execute(query, params, method, ctx, loggerContext);
    return new Proxy(primary, {
      get(target, key) {
        if (key === 'execute') return routed;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

class ProbeTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ProbeTimeout(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
