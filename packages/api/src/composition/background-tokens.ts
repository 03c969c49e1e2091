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
import type {
  ConsumerOptions,
  DispatchEvent,
  EventSubscriber,
  JobConsumers,
  JobHandler,
  JobQueue,
  RelayOutbox,
} from '@xianzhi/core';
import type { QueueCounts } from '@xianzhi/adapters';
import { token } from './token.js';

// The worker collects consumers of every payload type in one multi-binding; each checks its own payload type
// where it is bound, so the collection itself is untyped by design.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
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
  /**
   * An object of counts it returns is logged when one of them is above zero. `signal` aborts when the process
   * stops: a task working through a backlog returns after its current batch instead of holding the stop.
   */
  run(signal: AbortSignal): Promise<unknown>;
}

/** The queue behind both ports, and the one thing to close when the process stops. */
export interface QueueBackend {
  readonly kind: 'in-process' | 'bullmq';
  readonly queue: JobQueue;
  readonly consumers: JobConsumers;
  /** True when this process should run the task's tick (one process of all, on Redis). */
  takeTaskLease(name: string, ms: number): Promise<boolean>;
  /** Jobs per state of each queue (on Redis: every process's; in process: this one's). */
  counts(queues: readonly string[]): Promise<Map<string, QueueCounts>>;
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
