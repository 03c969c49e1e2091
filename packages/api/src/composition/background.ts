/** The queue backend, the outbox relay, the `events` consumer and the built-in housekeeping tasks. */
import { BullMqJobConsumers, BullMqJobQueue, InProcessJobQueue, RedisTaskLease } from '@xianzhi/adapters';
import { DispatchEvent, EVENTS_QUEUE, RelayOutbox, type EventJob } from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import { Background, type PeriodicTask, type QueueBackend, type QueueConsumer } from './background-tokens.js';
import { Identity } from './identity-tokens.js';
import { Search } from './search-tokens.js';
import { allOf, factory, named } from './token.js';
import { Config, Core, Ports } from './tokens.js';

/** Retries of an event job: about 4 minutes in all before it is logged as given up. */
export const EVENTS_CONSUMER_OPTIONS = { concurrency: 8, maxAttempts: 8, backoffMs: 1000 } as const;

export const backgroundModule = new ContainerModule(({ bind }) => {
  // Created on first use: the HTTP app alone never connects to Redis (it only writes the outbox).
  factory(bind(Background.Backend), (config, logger) => createQueueBackend(config, logger), [
    Config.App,
    Config.Logger,
  ]);
  factory(bind(Background.Queue), (backend) => backend.queue, [Background.Backend]);
  factory(bind(Background.Consumers), (backend) => backend.consumers, [Background.Backend]);

  named(bind(Background.Relay), (deps) => new RelayOutbox(deps), {
    outbox: Ports.Outbox,
    queue: Background.Queue,
    subscribers: allOf(Background.EventSubscriber),
    ids: Core.Ids,
    clock: Core.Clock,
  });
  factory(bind(Background.Dispatch), (subscribers) => new DispatchEvent(subscribers), [
    allOf(Background.EventSubscriber),
  ]);
  factory(
    bind(Background.QueueConsumer),
    (dispatch, logger): QueueConsumer<EventJob> => {
      const log = logger.child({ component: 'events' });
      return {
        queue: EVENTS_QUEUE,
        handler: async (job) => {
          if ((await dispatch.execute(job)) === 'unknown-subscriber')
            log.warn({ key: job.key }, 'event job for a subscriber that no longer exists: dropped');
        },
        options: {
          ...EVENTS_CONSUMER_OPTIONS,
          onExhausted: async (job, err) =>
            log.error({ err, key: job.key, attempts: job.attempt }, 'event delivery failed on every attempt; gave up'),
        },
      };
    },
    [Background.Dispatch, Config.Logger],
  );

  // Built-in housekeeping, formerly timers inside the HTTP server.
  factory(
    bind(Background.PeriodicTask),
    (projector): PeriodicTask => ({ name: 'search-index', everyMs: 1000, run: (signal) => projector.execute(signal) }),
    [Search.Projector],
  );
  const sweepMs = (config: AppConfig) => config.expiryIntervalMinutes * 60_000;
  factory(
    bind(Background.PeriodicTask),
    (config, expire): PeriodicTask => ({
      name: 'expire-listings',
      everyMs: sweepMs(config),
      run: () => expire.execute(),
    }),
    [Config.App, Core.ExpireListings],
  );
  factory(
    bind(Background.PeriodicTask),
    (config, prune): PeriodicTask => ({ name: 'prune-sessions', everyMs: sweepMs(config), run: () => prune.execute() }),
    [Config.App, Identity.PruneSessions],
  );
});

/** BullMQ on `XZ_REDIS_URL` when set, else the in-process queue (embedded mode only; config enforces it). */
export function createQueueBackend(config: Pick<AppConfig, 'redis' | 'jobLockSeconds'>, logger: Logger): QueueBackend {
  const log = logger.child({ component: 'queue' });
  if (!config.redis) {
    const queue = new InProcessJobQueue({
      onError: (err, job) => log.error({ err, queue: job.queue, key: job.key }, 'onExhausted failed'),
    });
    return {
      kind: 'in-process',
      queue,
      consumers: queue,
      takeTaskLease: async () => true,
      counts: async () => queue.counts(),
      close: () => queue.close(),
    };
  }
  const onError = throttledWarning(log);
  const options = {
    url: config.redis.url,
    prefix: config.redis.prefix,
    lockDurationMs: config.jobLockSeconds * 1000,
    onError,
  };
  const queue = new BullMqJobQueue(options);
  const consumers = new BullMqJobConsumers(options);
  const lease = new RedisTaskLease(config.redis.url, config.redis.prefix);
  return {
    kind: 'bullmq',
    queue,
    consumers,
    takeTaskLease: (name, ms) => lease.take(name, ms),
    counts: (names) => queue.counts(names),
    close: async () => {
      await consumers.close();
      await queue.close();
      await lease.close();
    },
  };
}

/** While Redis is away every reconnect fails: one warning per context and 30 s is enough to see it. */
function throttledWarning(log: Logger): (error: unknown, context: string) => void {
  const last = new Map<string, number>();
  return (error, context) => {
    const now = Date.now();
    if (now - (last.get(context) ?? 0) < 30_000) return;
    last.set(context, now);
    log.warn({ err: error, context }, 'queue connection problem (retrying)');
  };
}
