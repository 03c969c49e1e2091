import {
  RetryJobLater,
  type ConsumerOptions,
  type JobConsumers,
  type JobHandler,
  type JobQueue,
  type JobSpec,
  type ReceivedJob,
  type RunningConsumer,
} from '@xianzhi/core';
import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';

export interface BullMqOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` */
  readonly url: string;
  /** Prefix of every Redis key, so deployments (and tests) sharing a Redis stay apart. */
  readonly prefix?: string;
  /** How long a finished or exhausted job keeps absorbing enqueues of its key (BullMQ keeps it that long). */
  readonly keepFinishedSeconds?: number;
  /** The longest an enqueue may take before it is reported as failed (Redis down or unanswering). */
  readonly enqueueTimeoutMs?: number;
  /** A job whose worker stops renewing its lock (killed) goes back to waiting after about this long. */
  readonly lockDurationMs?: number;
  /** Failures of the connections and of `onExhausted`; BullMQ reconnects by itself. */
  readonly onError?: (error: unknown, context: string) => void;
}

/**
 * A queue's jobs by state. `delayed` includes jobs waiting for their retry; `failed` are the jobs that gave
 * up (kept a day, then forgotten), zero for the in-process queue, which keeps no failed jobs.
 */
export interface QueueCounts {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
}

interface StoredData {
  readonly key: string;
  readonly payload: unknown;
}

const DEFAULT_KEEP_SECONDS = 24 * 3600;
const ENQUEUE_CHUNK = 500;
/** Attempts are counted by the consumer (it knows maxAttempts); BullMQ only has to keep retrying. */
const UNLIMITED_ATTEMPTS = 1_000_000;

/**
 * The producer side on BullMQ. It fails fast when Redis is away (no offline queue, a command timeout)
 * so the outbox relay sees the error and keeps the events for later instead of hanging.
 */
export class BullMqJobQueue implements JobQueue {
  private readonly queues = new Map<string, Queue>();
  private readonly connection: ConnectionOptions;
  private readonly timeoutMs: number;
  private closed = false;

  constructor(private readonly options: BullMqOptions) {
    this.timeoutMs = options.enqueueTimeoutMs ?? 3000;
    this.connection = {
      ...redisConnection(options.url),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: this.timeoutMs,
      connectTimeout: this.timeoutMs,
      // Keep trying to reconnect, quickly at first: the relay retries on its own schedule.
      retryStrategy: (times: number) => Math.min(100 * times, 2000),
    };
  }

  /**
   * In chunks of 500, each with its own timeout: a fan-out of thousands of jobs takes seconds in all,
   * yet an unanswering Redis is still noticed within one chunk's timeout. When a chunk fails, the ones
   * before it are stored; enqueuing all again is safe, their keys absorb the repeat.
   */
  async enqueue(specs: readonly JobSpec[]): Promise<void> {
    if (this.closed) throw new Error('the BullMQ job queue is closed');
    const keep = this.options.keepFinishedSeconds ?? DEFAULT_KEEP_SECONDS;
    for (let start = 0; start < specs.length; start += ENQUEUE_CHUNK) {
      const chunk = specs.slice(start, start + ENQUEUE_CHUNK);
      const byQueue = new Map<string, JobSpec[]>();
      for (const spec of chunk) {
        const list = byQueue.get(spec.queue);
        if (list) list.push(spec);
        else byQueue.set(spec.queue, [spec]);
      }
      const work = Promise.all(
        [...byQueue].map(([name, list]) =>
          this.queue(name).addBulk(
            list.map((spec) => ({
              name,
              data: { key: spec.key, payload: spec.payload ?? null } satisfies StoredData,
              opts: {
                jobId: jobIdFor(spec.key),
                ...(spec.delayMs && spec.delayMs > 0 ? { delay: spec.delayMs } : {}),
                attempts: UNLIMITED_ATTEMPTS,
                backoff: { type: 'consumer' },
                removeOnComplete: { age: keep },
                removeOnFail: { age: keep },
              },
            })),
          ),
        ),
      );
      await withTimeout(work, this.timeoutMs + 500, `enqueue to Redis took longer than ${this.timeoutMs + 500} ms`);
    }
  }

  /** Jobs per state in each queue, as Redis holds them (all processes' jobs); rejects when Redis does not answer. */
  async counts(queues: readonly string[]): Promise<Map<string, QueueCounts>> {
    const out = new Map<string, QueueCounts>();
    for (const name of queues) {
      const c = await withTimeout(
        this.queue(name).getJobCounts('wait', 'prioritized', 'active', 'delayed', 'failed'),
        this.timeoutMs,
        `counting jobs took longer than ${this.timeoutMs} ms`,
      );
      out.set(name, {
        waiting: (c['wait'] ?? 0) + (c['prioritized'] ?? 0),
        active: c['active'] ?? 0,
        delayed: c['delayed'] ?? 0,
        failed: c['failed'] ?? 0,
      });
    }
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => {})));
    this.queues.clear();
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.options.prefix ?? 'xz' });
      queue.on('error', (error) => this.options.onError?.(error, `queue ${name}`));
      this.queues.set(name, queue);
    }
    return queue;
  }
}

/** The consumer side: one BullMQ Worker (with its own connections) per `consume`. */
export class BullMqJobConsumers implements JobConsumers {
  private readonly running = new Set<RunningConsumer>();

  constructor(private readonly options: BullMqOptions) {}

  async consume<P>(queue: string, handler: JobHandler<P>, options: ConsumerOptions): Promise<RunningConsumer> {
    const { onError } = this.options;
    const lockDuration = this.options.lockDurationMs ?? 30_000;
    let active = 0;
    const worker = new Worker<StoredData>(
      queue,
      async (job: Job<StoredData>) => {
        const received: ReceivedJob<P> = {
          queue,
          key: job.data.key,
          payload: job.data.payload as P,
          attempt: job.attemptsMade + 1,
        };
        active += 1;
        try {
          await handler(received);
        } catch (error) {
          if (received.attempt < options.maxAttempts) throw error;
          try {
            await options.onExhausted?.(received, error);
          } catch (reported) {
            onError?.(reported, `onExhausted of ${queue}`);
          }
          throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
        } finally {
          active -= 1;
        }
      },
      {
        connection: { ...redisConnection(this.options.url), maxRetriesPerRequest: null },
        prefix: this.options.prefix ?? 'xz',
        concurrency: options.concurrency,
        lockDuration,
        stalledInterval: lockDuration,
        // A killed worker's job stalls once per crash; failing it after the first would lose it.
        maxStalledCount: 10,
        // Long polls end within a second, so close() does not wait out a 5 s block.
        drainDelay: 1,
        settings: {
          backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) =>
            error instanceof RetryJobLater ? error.delayMs : options.backoffMs * 2 ** Math.max(0, attemptsMade - 1),
        },
      },
    );
    worker.on('error', (error) => onError?.(error, `worker ${queue}`));
    let ready = false;
    const readiness = worker.waitUntilReady().then(
      () => void (ready = true),
      () => {},
    );
    let closing: Promise<void> | null = null;
    const consumer: RunningConsumer = {
      close: () =>
        (closing ??= closeWorker(
          worker,
          () => active,
          () => ready,
        ).finally(() => void this.running.delete(consumer))),
    };
    this.running.add(consumer);
    // Ready usually within milliseconds. With Redis away, BullMQ keeps connecting in the background:
    // the caller (the worker's relay and periodic tasks) must not wait for it.
    await Promise.race([readiness, new Promise((r) => setTimeout(r, 2000).unref())]);
    return consumer;
  }

  /** Closes every consumer still running (each waits for its running jobs). */
  async close(): Promise<void> {
    await Promise.all([...this.running].map((c) => c.close()));
  }
}

/**
 * BullMQ's graceful close waits for the running jobs, and also for a Redis connection, which during
 * an outage may never come. So: wait for our own handlers to finish; a worker that never reached
 * Redis is closed without waiting; one that did gets five seconds to close gracefully, after which
 * it is left to its reconnect attempts (the process is on its way out).
 */
async function closeWorker(worker: Worker, active: () => number, ready: () => boolean): Promise<void> {
  const tick = () => new Promise((r) => setTimeout(r, 50).unref());
  while (active() > 0) await tick();
  if (!ready()) return worker.close(true);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([worker.close(), new Promise<void>((r) => (timer = setTimeout(r, 5000)))]).finally(() =>
    clearTimeout(timer),
  );
}

/**
 * BullMQ refuses ids that look like integers or hold ':' (its own key separator); keys such as
 * `event:<id>:<subscriber>` are escaped, reversibly, so distinct keys stay distinct ids.
 */
export function jobIdFor(key: string): string {
  return `k-${key.replace(/%/g, '%25').replace(/:/g, '%3A')}`;
}

export function redisConnection(url: string): {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: object;
} {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new Error(`not a Redis URL: ${parsed.protocol}`);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
