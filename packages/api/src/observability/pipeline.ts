import type { OperationalStats, QueueCounts, ReadReplicas } from '@xianzhi/adapters';
import type { Metrics } from './metrics.js';
import { checkReadiness, type ReadinessCheck } from './readiness.js';

/**
 * Gauges of this process's own dependencies, read at each scrape: whether the database and Redis answer
 * (the same checks as /readyz) and the database connection pool (MariaDB/MySQL; SQLite has no pool).
 */
export function watchDependencies(
  metrics: Metrics,
  checks: readonly ReadinessCheck[],
  stats: OperationalStats,
  replicas: ReadReplicas | null = null,
): void {
  // Required checks only: the optional ones (read replicas) have their own gauge, so `xz_ready == 0` still means 503.
  const required = checks.filter((c) => !c.optional);
  metrics.gauge('ready', 'Whether a dependency answers (1) or not (0), as /readyz sees it', ['check'], async (g) => {
    const { checks: result } = await checkReadiness(required);
    for (const [check, state] of Object.entries(result)) g.set({ check }, state === 'up' ? 1 : 0);
  });
  watchReplicas(metrics, replicas);
  metrics.gauge(
    'db_pool_connections',
    'Database connections of this process by state: busy (running a query), idle, max (the pool size)',
    ['state'],
    (g) => {
      const pool = stats.pool();
      if (!pool) return;
      g.set({ state: 'busy' }, pool.open - pool.idle);
      g.set({ state: 'idle' }, pool.idle);
      g.set({ state: 'max' }, pool.max);
    },
  );
  metrics.gauge('db_pool_waiting_queries', 'Queries of this process waiting for a free connection', [], (g) => {
    const pool = stats.pool();
    if (pool) g.set(pool.waiting);
  });
}

/**
 * Reads by where they ran and replica fallbacks by reason (counters kept by the store, read at each scrape),
 * and whether each read replica answers. Exported with no samples when there are no replicas.
 */
function watchReplicas(metrics: Metrics, replicas: ReadReplicas | null): void {
  metrics.counterReading(
    'db_reads_total',
    'Routed reads (feed, search, details, recommendations) by where they ran: replica, or primary (no replicas configured: not counted)',
    ['target'],
    () => Object.entries(replicas?.counts().reads ?? {}).map(([target, n]) => [{ target }, n]),
  );
  metrics.counterReading(
    'db_replica_fallbacks_total',
    "Reads meant for a replica that ran on the primary: unavailable (no replica answered), lag (the caller's last write not applied in time), unknown (the caller's last write not readable)",
    ['reason'],
    () => Object.entries(replicas?.counts().fallbacks ?? {}).map(([reason, n]) => [{ reason }, n]),
  );
  metrics.gauge('db_replica_up', 'Whether each read replica answers (1) or not (0)', ['replica'], async (g) => {
    for (const r of (await metrics.reading('replicas', () => replicas?.states() ?? Promise.resolve([]))) ?? [])
      g.set({ replica: r.name }, r.up ? 1 : 0);
  });
}

export interface PipelineSources {
  readonly stats: OperationalStats;
  /** The queues this process consumes, and how to count their jobs. */
  readonly queues: readonly string[];
  readonly counts: (queues: readonly string[]) => Promise<Map<string, QueueCounts>>;
  readonly now?: () => Date;
}

/**
 * Gauges of the background pipeline, read at each scrape by the process that runs it (the worker, or the
 * embedded server): the outbox backlog's age, how far each projection trails its log, and the jobs of each
 * queue by state. On Redis every worker sees the same queues: aggregate with max(), not sum().
 */
export function watchPipeline(metrics: Metrics, sources: PipelineSources): void {
  const now = sources.now ?? (() => new Date());
  const ageOf = (at: Date | null) => (at ? Math.max(0, (now().getTime() - at.getTime()) / 1000) : 0);
  metrics.gauge(
    'outbox_lag_seconds',
    'Age of the oldest outbox event the relay has not handed to the queue yet (0 when none waits)',
    [],
    async (g) => {
      const oldest = await metrics.reading('outbox', () => sources.stats.oldestUnpublishedAt());
      if (oldest !== null) g.set(ageOf(oldest));
      else g.set(0);
    },
  );
  // The registry collects every metric at once: both projection gauges share one reading per scrape.
  const projections = sharedReading(() => metrics.reading('projections', () => sources.stats.projections()));
  metrics.gauge(
    'projection_lag_events',
    'Log entries a projection has not applied yet: search and recs-events follow the outbox, recs-views the view log',
    ['projection'],
    async (g) => {
      for (const p of (await projections()) ?? []) g.set({ projection: p.name }, p.behind);
    },
  );
  metrics.gauge(
    'projection_lag_seconds',
    'Age of the oldest outbox event a projection has not applied yet (0 when it is current)',
    ['projection'],
    async (g) => {
      for (const p of (await projections()) ?? [])
        if (p.log === 'outbox') g.set({ projection: p.name }, ageOf(p.oldestBehindAt));
    },
  );
  metrics.gauge(
    'queue_jobs',
    'Jobs per queue and state: waiting, active, delayed (incl. waiting for a retry), failed (gave up, kept a day)',
    ['queue', 'state'],
    async (g) => {
      const counts = await metrics.reading('queues', () => sources.counts(sources.queues));
      for (const [queue, c] of counts ?? []) {
        for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) g.set({ queue, state }, c[state]);
      }
    },
  );
}

/** Callers while a reading is under way share it; the next call after it settles reads afresh. */
function sharedReading<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= read().finally(() => {
      pending = null;
    }));
}
