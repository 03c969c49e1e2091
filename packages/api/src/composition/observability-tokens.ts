import type { OperationalStats } from '@xianzhi/adapters';
import type { Metrics } from '../observability/metrics.js';
import type { ReadinessChecks } from '../observability/readiness.js';
import type { Telemetry } from '../observability/telemetry.js';
import { token } from './token.js';

export const Observability = {
  /** This process's metrics when its metrics port is configured, else null. */
  Metrics: token<Metrics | null>('Metrics'),
  /** Where the composition reports counts and timings; a no-op without metrics. */
  Telemetry: token<Telemetry>('Telemetry'),
  Readiness: token<ReadinessChecks>('ReadinessChecks'),
  /** Outbox backlog, projection positions and the connection pool, read when Prometheus scrapes. */
  Stats: token<OperationalStats>('OperationalStats'),
};
