import { RedisProbe } from '@xianzhi/adapters';
import { ContainerModule } from 'inversify';
import type { Metrics } from '../observability/metrics.js';
import type { ReadinessCheck, ReadinessChecks } from '../observability/readiness.js';
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
      (config, database): ReadinessChecks => {
        const checks: ReadinessCheck[] = [{ name: 'database', check: () => database.ping() }];
        // Its own connection, opened at the first check: the HTTP app otherwise never talks to Redis.
        const probe = config.redis ? new RedisProbe(config.redis.url) : null;
        if (probe) checks.push({ name: 'redis', check: () => probe.ping() });
        return { checks, close: () => probe?.close() };
      },
      [Config.App, Ports.Database],
    );
  });
}
