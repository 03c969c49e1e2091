/**
 * Background work: everything that runs after a request has answered. The worker (`main/worker.ts`,
 * and inside the server in embedded mode) runs what modules contribute here:
 *
 * - `Background.EventSubscriber`: reacts to committed domain events. The outbox relay enqueues one job
 *   per event and interested subscriber on the `events` queue; `handle` must be idempotent (at least once).
 * - `Background.QueueConsumer`: `{ queue, handler, options }`, a consumer of a queue of your own
 *   (enqueue with `Background.Queue`; give each job a deterministic key).
 * - `Background.PeriodicTask`: `{ name, everyMs, run }`, run every `everyMs` (never overlapping itself).
 *
 * Each is a multi-binding: bind once per contribution in your own ContainerModule, for example
 *
 *   export const photoModule = new ContainerModule(({ bind }) => {
 *     factory(bind(Background.PeriodicTask), (cleanup) => ({ name: 'photo-cleanup', everyMs: 3600_000,
 *       run: () => cleanup.execute() }), [Photos.Cleanup]);
 *     factory(bind(Background.EventSubscriber), (notify) => new NotificationSubscriber(notify), [Notifications.Notify]);
 *     factory(bind(Background.QueueConsumer), (send) => ({ queue: 'qq-send', handler: (job) => send.execute(job.payload),
 *       options: { concurrency: 4, maxAttempts: 6, backoffMs: 1000 } }), [Notifications.Send]);
 *   });
 *
 * Tests add theirs with `container.bind(Background.EventSubscriber).toConstantValue(recorder)` before the
 * worker starts. Names (subscriber, queue, task) are part of job keys and logs: stable, no spaces.
 */
import { BullMqJobConsumers, BullMqJobQueue, InProcessJobQueue, RedisTaskLease } from '@xianzhi/adapters';
import {
  DispatchEvent,
  EVENTS_QUEUE,
  RelayOutbox,
  type ConsumerOptions,
  type EventJob,
  type EventSubscriber,
  type JobConsumers,
  type JobHandler,
  type JobQueue,
} from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import { Identity } from './identity-tokens.js';
import { Search } from './search-module.js';
import { allOf, factory, token } from './token.js';
import { Config, Core, Ports } from './tokens.js';

export interface QueueConsumer<P = any> {
  readonly queue: string;
  readonly handler: JobHandler<P>;
  readonly options: ConsumerOptions;
}

/**
 * Runs once when the worker starts, then `everyMs` after each run ends. With several worker processes
 * on Redis one of them runs each tick (a lease per task); when Redis does not answer each runs it, so
 * a task must still be safe to run in two processes at once (the built-in ones are).
 */
export interface PeriodicTask {
  readonly name: string;
  /** 0 (or less) turns the task off. */
  readonly everyMs: number;
  /** An object of counts it returns is logged when one of them is above zero. */
  run(): Promise<unknown>;
}

/** The queue behind both ports, and the one thing to close when the process stops. */
export interface QueueBackend {
  readonly kind: 'in-process' | 'bullmq';
  readonly queue: JobQueue;
  readonly consumers: JobConsumers;
  /** True when this process should run the task's tick (one process of all, on Redis). */
  takeTaskLease(name: string, ms: number): Promise<boolean>;
  close(): Promise<void>;
}

export const Background = {
  Backend: token<QueueBackend>('QueueBackend'),
  Queue: token<JobQueue>('JobQueue'),
  Consumers: token<JobConsumers>('JobConsumers'),
  EventSubscriber: token<EventSubscriber>('EventSubscriber'),
  QueueConsumer: token<QueueConsumer>('QueueConsumer'),
  PeriodicTask: token<PeriodicTask>('PeriodicTask'),
  Relay: token<RelayOutbox>('RelayOutbox'),
  Dispatch: token<DispatchEvent>('DispatchEvent'),
};

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

  factory(
    bind(Background.Relay),
    (p, queue, subscribers, ids, clock) => new RelayOutbox({ outbox: p.outbox, queue, subscribers, ids, clock }),
    [Ports.Persistence, Background.Queue, allOf(Background.EventSubscriber), Core.Ids, Core.Clock],
  );
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
    (projector): PeriodicTask => ({ name: 'search-index', everyMs: 1000, run: () => projector.execute() }),
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
    return { kind: 'in-process', queue, consumers: queue, takeTaskLease: async () => true, close: () => queue.close() };
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
