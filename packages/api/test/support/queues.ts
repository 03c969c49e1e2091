import { deleteKeys, testRedisUrl, uniquePrefix } from '@xianzhi/adapters/testing';
import type { DomainEvent, EventSubscriber } from '@xianzhi/core';
import type { Container } from 'inversify';
import { describe } from 'vitest';
import { Background } from '../../src/composition/background-tokens.js';
import { startWorker, type RunningWorker, type WorkerOptions } from '../../src/composition/worker.js';
import type { DatabaseKind } from './databases.js';
import { startStack, type AppOptions, type Stack } from './stack.js';

export type QueueKind = 'in-process' | 'bullmq';
export const QUEUE_KINDS: readonly QueueKind[] = ['in-process', 'bullmq'];

export interface WorkerStackOptions {
  /** SQLite unless told otherwise. */
  readonly database?: DatabaseKind;
  /** Extra variables for the app (XZ_REDIS_URL and XZ_QUEUE_PREFIX are set here for BullMQ). */
  readonly env?: Record<string, string>;
  /** Runs on every container this stack builds (the first app's and each added worker's): bind subscribers here. */
  readonly customize?: (container: Container) => void;
  /** For BullMQ: the Redis to use (a private one in outage tests); the shared test Redis by default. */
  readonly redisUrl?: string;
  /** Passed to every worker; tests get a quick relay (50 ms idle, 500 ms longest backoff). */
  readonly worker?: WorkerOptions;
  /** Start the first worker with the stack (default true). */
  readonly startWorker?: boolean;
}

export interface WorkerStack extends Stack {
  readonly queue: QueueKind;
  /** The first app's container: its worker runs on it. */
  readonly container: Container;
  /** The key prefix this stack uses in Redis (BullMQ only). */
  readonly prefix: string | null;
  /** Starts a worker on the first app's container (once, unless stopped). */
  startWorker(): Promise<RunningWorker>;
  stopWorker(): Promise<void>;
  /**
   * Another worker "process": a container of its own (its own queue connections, or for the
   * in-process queue its own memory) on the same database and Redis prefix.
   */
  addWorker(): Promise<RunningWorker>;
}

/**
 * The API and its worker on one database, with the in-process queue or BullMQ on a real Redis (its
 * own key prefix), so one scenario suite runs on both queues:
 *
 *   onQueues((queue, start) => {
 *     let s: WorkerStack;
 *     beforeAll(async () => { s = await start({ customize: (c) => c.bind(Background.EventSubscriber).toConstantValue(recorder) }); });
 *     afterAll(() => s.close());
 *     it('…', async () => { … await eventually(() => recorder.seen.length === 1); });
 *   });
 */
export function onQueues(
  body: (queue: QueueKind, start: (options?: WorkerStackOptions) => Promise<WorkerStack>) => void,
): void {
  for (const queue of QUEUE_KINDS) {
    describe(`on the ${queue} queue`, () => body(queue, (options) => startWorkerStack(queue, options)));
  }
}

export async function startWorkerStack(queue: QueueKind, options: WorkerStackOptions = {}): Promise<WorkerStack> {
  const redisUrl = queue === 'bullmq' ? (options.redisUrl ?? testRedisUrl()) : null;
  const prefix = redisUrl ? uniquePrefix('xz-api') : null;
  const env = { ...options.env, ...(redisUrl && prefix ? { XZ_REDIS_URL: redisUrl, XZ_QUEUE_PREFIX: prefix } : {}) };
  const workerOptions: WorkerOptions = { relayIdleMs: 50, relayMaxBackoffMs: 500, ...options.worker };
  const appOptions = (capture: (c: Container) => void): AppOptions => ({
    env,
    customize: (c) => {
      capture(c);
      options.customize?.(c);
    },
  });

  let container!: Container;
  const stack = await startStack(
    options.database ?? 'sqlite',
    appOptions((c) => (container = c)),
  );
  const workers: RunningWorker[] = [];
  let first: RunningWorker | null = null;

  const startFirst = async () => {
    if (!first) {
      first = await startWorker(container, workerOptions);
      workers.push(first);
    }
    return first;
  };
  const stopWorkers = async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    first = null;
  };
  if (options.startWorker !== false) await startFirst();

  return {
    ...stack,
    queue,
    container,
    prefix,
    startWorker: startFirst,
    stopWorker: async () => {
      const w = first;
      first = null;
      if (!w) return;
      workers.splice(workers.indexOf(w), 1);
      await w.stop();
    },
    addWorker: async () => {
      let other!: Container;
      await stack.anotherApp(appOptions((c) => (other = c)));
      const w = await startWorker(other, workerOptions);
      workers.push(w);
      return w;
    },
    close: async () => {
      await stopWorkers();
      await stack.close();
      if (redisUrl && prefix) await deleteKeys(redisUrl, prefix).catch(() => {});
    },
  };
}

/** A subscriber that remembers every event it handles, for tests of the delivery path. */
export class RecordingSubscriber implements EventSubscriber {
  readonly seen: DomainEvent[] = [];
  constructor(
    readonly name: string,
    private readonly types: readonly DomainEvent['type'][] | 'all' = 'all',
  ) {}

  wants(event: DomainEvent): boolean {
    return this.types === 'all' || this.types.includes(event.type);
  }

  async handle(event: DomainEvent): Promise<void> {
    this.seen.push(event);
  }

  /** How many times each event id was handled. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const e of this.seen) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
    return counts;
  }
}

/** Binds a subscriber into every container of a worker stack (use as `customize`). */
export function withSubscriber(subscriber: EventSubscriber): (container: Container) => void {
  return (container) => void container.bind(Background.EventSubscriber).toConstantValue(subscriber);
}

export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  stepMs = 20,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`condition still false after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
