import type { Container } from 'inversify';
import { watchDependencies, watchPipeline } from '../observability/pipeline.js';
import { startOperationsServer, type OperationsServer } from '../observability/server.js';
import { Background } from './background-tokens.js';
import { Observability } from './observability-tokens.js';
import { resolve, resolveAll } from './token.js';
import { Config, Ports } from './tokens.js';

export interface ObserveOptions {
  /** This process's metrics port (`XZ_METRICS_PORT` or `XZ_WORKER_METRICS_PORT`); null: nothing to start. */
  readonly port: number | null;
  /** This process runs the worker: report the outbox, the projections and the queues too. */
  readonly pipeline: boolean;
  /** Serve /healthz and /readyz on the metrics port too (the worker's only HTTP port). */
  readonly live?: () => boolean;
}

/** Starts the process's Prometheus endpoint when its port is configured (the container was given its Metrics). */
export async function observe(container: Container, options: ObserveOptions): Promise<OperationsServer | null> {
  const metrics = resolve(container, Observability.Metrics);
  if (!metrics || options.port === null) return null;
  const config = resolve(container, Config.App);
  const readiness = resolve(container, Observability.Readiness);
  const stats = resolve(container, Observability.Stats);
  watchDependencies(metrics, readiness.checks, stats, resolve(container, Ports.Replicas));
  if (options.pipeline) {
    const backend = resolve(container, Background.Backend);
    const queues = [...new Set(resolveAll(container, Background.QueueConsumer).map((c) => c.queue))];
    watchPipeline(metrics, { stats, queues, counts: (names) => backend.counts(names) });
  }
  return startOperationsServer({
    host: config.operations.metrics.host,
    port: options.port,
    metrics,
    ...(options.live && { health: { live: options.live, checks: readiness.checks } }),
  });
}
