import { RedisProbe } from '@xianzhi/adapters';
import { ContainerModule } from 'inversify';
import type { Metrics } from '../observability/metrics.js';
import { READINESS_TIMEOUT_MS, type ReadinessCheck, type ReadinessChecks } from '../observability/readiness.js';
import { NO_TELEMETRY } from '../observability/telemetry.js';
import { Observability } from './observability-tokens.js';
import { factory } from './token.js';
import { Config, Ports } from './tokens.js';

/** Metrics (made by the entry point when its port is configured) and the readiness checks of this process. */
export function observabilityModule(metrics: Metrics | null): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(Observability.Metrics).toConstantValue(metrics);
    bind(Observability.Telemetry).toConstantValue(metrics ?? NO_TELEMETRY);
    factory(
      bind(Observability.Readiness),
      (config, database, replicas): ReadinessChecks => {
        const checks: ReadinessCheck[] = [{ name: 'database', check: () => database.ping() }];
        // Up when every replica answers; a lost replica is reported but keeps the process ready (reads fall back).
        if (replicas) {
          checks.push({
            name: 'replicas',
            optional: true,
            check: async () => (await replicas.states(READINESS_TIMEOUT_MS - 100)).every((r) => r.up),
          });
        }
        // Its own connection, opened at the first check: the HTTP app otherwise never talks to Redis.
        const probe = config.redis ? new RedisProbe(config.redis.url) : null;
        if (probe) checks.push({ name: 'redis', check: () => probe.ping() });
        return { checks, close: () => probe?.close() };
      },
      [Config.App, Ports.Database, Ports.Replicas],
    );
  });
}
