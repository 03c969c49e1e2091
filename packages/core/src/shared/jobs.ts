import type { DomainEvent } from './events.js';

/**
 * Background work. The queue is a port so the embedded platform runs jobs in its own process and
 * production runs them on BullMQ/Redis; both adapters pass the same queue contract suite.
 *
 * Delivery is at least once: a handler may see a job again after a crash, so handlers make their
 * effects idempotent (a notification is keyed by event, recipient and channel). The `key` only
 * saves work: enqueuing a key that is already waiting, running or recently finished is a no-op.
 */
export interface JobSpec<P = unknown> {
  readonly queue: string;
  /** Deterministic identity of the job, e.g. `event:<eventId>` or `deliver:<notificationId>:qq`. */
  readonly key: string;
  /** Plain JSON. */
  readonly payload: P;
  /** Run no earlier than this many milliseconds from now. */
  readonly delayMs?: number;
}

export interface ReceivedJob<P = unknown> {
  readonly queue: string;
  readonly key: string;
  readonly payload: P;
  /** 1 on the first run, 2 on the first retry… */
  readonly attempt: number;
}

/** Resolving means done. Throwing means retry with exponential backoff, until the attempts run out. */
export type JobHandler<P = unknown> = (job: ReceivedJob<P>) => Promise<void>;

/** Thrown by a handler that knows when to try again (a rate limit said so); still counts as an attempt. */
export class RetryJobLater extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'RetryJobLater';
  }
}

export interface JobQueue {
  /** Resolves once the jobs are stored by the queue; rejects when the queue is unreachable. */
  enqueue(jobs: readonly JobSpec[]): Promise<void>;
}

export interface ConsumerOptions {
  readonly concurrency: number;
  /** Runs including the first. */
  readonly maxAttempts: number;
  /** First retry delay; each further retry doubles it. */
  readonly backoffMs: number;
  /** Called once when the last attempt failed: the place to write a dead-letter record. */
  readonly onExhausted?: (job: ReceivedJob, error: unknown) => Promise<void>;
}

export interface RunningConsumer {
  /** Stops taking jobs and waits for the running ones to finish. */
  close(): Promise<void>;
}

export interface JobConsumers {
  consume<P>(queue: string, handler: JobHandler<P>, options: ConsumerOptions): Promise<RunningConsumer>;
}

/**
 * Work that follows a committed domain event (a notification, an index update…). The outbox relay
 * enqueues one job per event and interested subscriber, keyed `event:<eventId>:<name>`, so each
 * subscriber sees each event at least once and at its own pace; one failing subscriber never holds
 * back another. `handle` must be idempotent: after a crash or a retry it runs again for the same event.
 */
export interface EventSubscriber {
  /** Stable, unique among subscribers, without spaces: it is part of every job key. */
  readonly name: string;
  wants(event: DomainEvent): boolean;
  handle(event: DomainEvent): Promise<void>;
}
