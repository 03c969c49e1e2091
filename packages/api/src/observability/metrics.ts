import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DeliveryResult } from '@xianzhi/core';
import type { Telemetry } from './telemetry.js';

/** Every metric of ours starts with this; prom-client's process and Node.js metrics keep their usual names. */
export const PREFIX = 'xz_';

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SEARCH_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

const startedAt = Symbol('xz-metrics-start');
type Timed = FastifyRequest & { [startedAt]?: bigint };

/**
 * One process's Prometheus registry: Node.js and process metrics (event-loop lag among them), the HTTP
 * requests it served, and what the composition reports through `Telemetry`. Gauges read at scrape time are
 * added by `watchDatabase` and `watchPipeline`. Each instance has its own registry, so tests may build many.
 */
export class Metrics implements Telemetry {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly durations: Histogram<'method' | 'route' | 'status'>;
  private readonly searches: Histogram<'operation'>;
  private readonly jobFailures: Counter<'queue' | 'final'>;
  private readonly deliveries: Counter<'outcome' | 'reason'>;
  private readonly collectErrors: Counter<'source'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.requests = new Counter({
      name: `${PREFIX}http_requests_total`,
      help: 'HTTP requests answered, by method, route template (not the raw URL) and status code',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.durations = new Histogram({
      name: `${PREFIX}http_request_duration_seconds`,
      help: 'Time from receiving a request to sending its answer, by method, route template and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    this.searches = new Histogram({
      name: `${PREFIX}search_duration_seconds`,
      help: 'Time the search index takes to answer a search or a suggestion',
      labelNames: ['operation'],
      buckets: SEARCH_BUCKETS,
      registers,
    });
    this.jobFailures = new Counter({
      name: `${PREFIX}queue_job_failures_total`,
      help: 'Failed job attempts run by this process, by queue; final="true" when the job gave up (no attempt left)',
      labelNames: ['queue', 'final'],
      registers,
    });
    this.deliveries = new Counter({
      name: `${PREFIX}notification_deliveries_total`,
      help: 'QQ subscription-message deliveries settled by this process: sent, skipped (with the reason), failed (a dead letter), unknown',
      labelNames: ['outcome', 'reason'],
      registers,
    });
    this.collectErrors = new Counter({
      name: `${PREFIX}metrics_collect_errors_total`,
      help: 'Scrape-time readings that failed or timed out (the database or Redis not answering), by source',
      labelNames: ['source'],
      registers,
    });
  }

  /** Counts and times every request of the app by its route template (`/v1/listings/:id`). */
  instrument(app: FastifyInstance): void {
    app.addHook('onRequest', async (request) => {
      (request as Timed)[startedAt] = process.hrtime.bigint();
    });
    app.addHook('onResponse', async (request, reply) => {
      const start = (request as Timed)[startedAt];
      const labels = {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      };
      this.requests.inc(labels);
      if (start !== undefined) this.durations.observe(labels, Number(process.hrtime.bigint() - start) / 1e9);
    });
  }

  jobFailed(queue: string, final: boolean): void {
    this.jobFailures.inc({ queue, final: String(final) });
  }

  notificationOutcome(result: DeliveryResult | 'failed' | 'unknown', count = 1): void {
    if (result === 'not_pending' || count <= 0) return;
    const [outcome, reason = ''] = result.split(':') as [string, string?];
    this.deliveries.inc({ outcome, reason }, count);
  }

  searchTimed(operation: 'search' | 'suggest', seconds: number): void {
    this.searches.observe({ operation }, seconds);
  }

  /** Runs a scrape-time reading with a deadline: a source that does not answer in time leaves its gauges empty. */
  async reading<T>(source: string, read: () => Promise<T>, timeoutMs = 2000): Promise<T | null> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${source} took longer than ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch {
      this.collectErrors.inc({ source });
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A counter whose totals are kept elsewhere (monotonic, since the process started) and read at each scrape. */
  counterReading<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    read: () => [Partial<Record<L, string>>, number][],
  ): Counter<L> {
    return new Counter<L>({
      name: `${PREFIX}${name}`,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [labels, total] of read()) this.inc(labels, total);
      },
    });
  }

  /** A gauge whose values `collect` sets when Prometheus scrapes (old values are dropped first). */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    collect: (gauge: Gauge<L>) => Promise<void> | void,
  ): Gauge<L> {
    return new Gauge<L>({
      name: `${PREFIX}${name}`,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        await collect(this);
      },
    });
  }
}
