import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ConsumerOptions,
  JobConsumers,
  JobHandler,
  JobQueue,
  ReceivedJob,
  RunningConsumer,
} from '../shared/jobs.js';
import { jobQueueLoadCases } from './job-queue-contract-load.js';
import { jobQueueRetryCases } from './job-queue-contract-retries.js';
import { deferred, eventually, sleep } from './waiting.js';

export { eventually } from './waiting.js';

/** One process's view of a queue backend: its own connections, the same jobs as every other process. */
export interface QueueProcess {
  readonly queue: JobQueue;
  readonly consumers: JobConsumers;
  /** Closes this process's consumers and connections. */
  close(): Promise<void>;
}

export interface JobQueueHarness {
  /** A new process on this harness's backend (a fresh, isolated one per test). */
  process(): Promise<QueueProcess>;
  /** A queue pointed at a backend that does not answer; omitted by adapters without a remote backend. */
  unreachable?(): Promise<{ readonly queue: JobQueue; close(): Promise<void> }>;
  dispose(): Promise<void>;
}

/** What the cases of the contract get: processes on the case's backend, and consumers closed after it. */
export interface QueueCaseKit {
  open(): Promise<QueueProcess>;
  consume<P>(
    p: QueueProcess,
    queue: string,
    handler: JobHandler<P>,
    options?: Partial<ConsumerOptions>,
  ): Promise<RunningConsumer>;
}

const OPTIONS: ConsumerOptions = { concurrency: 1, maxAttempts: 1, backoffMs: 10 };

/**
 * One contract for every JobQueue/JobConsumers adapter (in-process, BullMQ on Redis). Waits poll in
 * short steps instead of sleeping; the few fixed waits prove that something did not happen.
 */
export function jobQueueContract(name: string, setup: () => Promise<JobQueueHarness>): void {
  describe(`${name}: JobQueue`, () => {
    let harness: JobQueueHarness;
    let processes: QueueProcess[];
    let consumers: RunningConsumer[];
    const open = async () => {
      const p = await harness.process();
      processes.push(p);
      return p;
    };
    const consume = async <P>(
      p: QueueProcess,
      queue: string,
      handler: JobHandler<P>,
      options: Partial<ConsumerOptions> = {},
    ) => {
      const c = await p.consumers.consume(queue, handler, { ...OPTIONS, ...options });
      consumers.push(c);
      return c;
    };

    beforeEach(async () => {
      harness = await setup();
      processes = [];
      consumers = [];
    });
    afterEach(async () => {
      for (const c of consumers) await c.close();
      for (const p of processes) await p.close();
      await harness.dispose();
    });

    it('runs an enqueued job once with its payload, also when the consumer starts after the enqueue', async () => {
      const p = await open();
      const seen: ReceivedJob[] = [];
      await p.queue.enqueue([
        { queue: 'mail', key: 'first', payload: { to: '爱丽丝', amount: 1250, tags: ['a'], none: null } },
      ]);
      await consume(p, 'mail', async (job) => void seen.push(job));
      await p.queue.enqueue([{ queue: 'mail', key: 'second', payload: 'plain' }]);
      await eventually(() => seen.length === 2);
      expect(seen).toEqual([
        { queue: 'mail', key: 'first', payload: { to: '爱丽丝', amount: 1250, tags: ['a'], none: null }, attempt: 1 },
        { queue: 'mail', key: 'second', payload: 'plain', attempt: 1 },
      ]);
    });

    it('keeps queues apart: a consumer sees only its own queue, and the same key on two queues is two jobs', async () => {
      const p = await open();
      const a: string[] = [];
      const b: string[] = [];
      await consume(p, 'qa', async (job) => void a.push(job.key));
      await consume(p, 'qb', async (job) => void b.push(job.key));
      await p.queue.enqueue([
        { queue: 'qa', key: 'k', payload: 1 },
        { queue: 'qb', key: 'k', payload: 2 },
        { queue: 'qb', key: 'k2', payload: 3 },
      ]);
      await eventually(() => a.length === 1 && b.length === 2);
      expect({ a, b: b.sort() }).toEqual({ a: ['k'], b: ['k', 'k2'] });
    });

    it('runs a key once while it waits, while it runs and after it finished', async () => {
      const p = await open();
      const runs: string[] = [];
      const release = deferred();
      await p.queue.enqueue([
        { queue: 'q', key: 'dup', payload: 1 },
        { queue: 'q', key: 'dup', payload: 2 },
      ]);
      await p.queue.enqueue([{ queue: 'q', key: 'dup', payload: 3 }]);
      await consume(p, 'q', async (job) => {
        runs.push(`${job.key}:${String(job.payload)}`);
        if (job.key === 'dup') await release.promise;
      });
      await eventually(() => runs.length === 1);
      await p.queue.enqueue([{ queue: 'q', key: 'dup', payload: 4 }]);
      release.resolve();
      // With one consumer slot jobs run in order: once the sentinel ran, a duplicate would have run before it.
      await p.queue.enqueue([{ queue: 'q', key: 'sentinel-1', payload: 0 }]);
      await eventually(() => runs.includes('sentinel-1:0'));
      await p.queue.enqueue([
        { queue: 'q', key: 'dup', payload: 5 },
        { queue: 'q', key: 'sentinel-2', payload: 0 },
      ]);
      await eventually(() => runs.includes('sentinel-2:0'));
      expect(runs).toEqual(['dup:1', 'sentinel-1:0', 'sentinel-2:0']);
    });

    jobQueueRetryCases({ open, consume });
    jobQueueLoadCases({ open, consume });

    it('close() waits for running jobs and then takes no more', async () => {
      const p = await open();
      const events: string[] = [];
      const started = deferred();
      const consumer = await p.consumers.consume(
        'q',
        async (job) => {
          events.push(`start ${job.key}`);
          started.resolve();
          await sleep(150);
          events.push(`end ${job.key}`);
        },
        OPTIONS,
      );
      await p.queue.enqueue([{ queue: 'q', key: 'long', payload: null }]);
      await started.promise;
      await consumer.close();
      events.push('closed');
      await p.queue.enqueue([{ queue: 'q', key: 'after-close', payload: null }]);
      await sleep(100);
      expect(events).toEqual(['start long', 'end long', 'closed']);
      // The job left behind waits for the next consumer.
      const later: string[] = [];
      await consume(p, 'q', async (job) => void later.push(job.key));
      await eventually(() => later.length === 1);
      expect(later).toEqual(['after-close']);
    });

    it('enqueue rejects, and does not hang, when the backend is unreachable', async (ctx) => {
      if (!harness.unreachable) return ctx.skip();
      const { queue, close } = await harness.unreachable();
      try {
        const started = Date.now();
        const outcome = await Promise.race([
          queue.enqueue([{ queue: 'q', key: 'lost', payload: null }]).then(
            () => 'stored',
            () => 'rejected',
          ),
          sleep(10_000).then(() => 'hung'),
        ]);
        expect(outcome).toBe('rejected');
        expect(Date.now() - started).toBeLessThan(5000);
      } finally {
        await close();
      }
    });
  });
}
