import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  RetryJobLater,
  type ConsumerOptions,
  type JobConsumers,
  type JobHandler,
  type JobQueue,
  type ReceivedJob,
  type RunningConsumer,
} from '../shared/jobs.js';

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

    it('retries a failing job with exponential backoff, then calls onExhausted exactly once', async () => {
      const p = await open();
      const attempts: { attempt: number; at: number }[] = [];
      const exhausted: { job: ReceivedJob; message: string }[] = [];
      await consume(
        p,
        'q',
        async (job) => {
          attempts.push({ attempt: job.attempt, at: Date.now() });
          throw new Error(`broken ${job.attempt}`);
        },
        {
          maxAttempts: 3,
          backoffMs: 60,
          onExhausted: async (job, error) => void exhausted.push({ job, message: (error as Error).message }),
        },
      );
      await p.queue.enqueue([{ queue: 'q', key: 'fails', payload: { n: 1 } }]);
      await eventually(() => exhausted.length === 1, 5000);
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
      const gaps = [attempts[1]!.at - attempts[0]!.at, attempts[2]!.at - attempts[1]!.at];
      expect(gaps[0]).toBeGreaterThanOrEqual(55);
      expect(gaps[1]).toBeGreaterThanOrEqual(115);
      expect(exhausted).toEqual([
        { job: { queue: 'q', key: 'fails', payload: { n: 1 }, attempt: 3 }, message: 'broken 3' },
      ]);
      // A fourth attempt would come 240 ms after the third.
      await sleep(400);
      expect(attempts).toHaveLength(3);
      expect(exhausted).toHaveLength(1);
    });

    it('stops retrying once a retry succeeds', async () => {
      const p = await open();
      const attempts: number[] = [];
      let exhausted = 0;
      await consume(
        p,
        'q',
        async (job) => {
          attempts.push(job.attempt);
          if (job.key === 'flaky' && job.attempt < 2) throw new Error('flaky');
        },
        { maxAttempts: 5, backoffMs: 10, onExhausted: async () => void exhausted++ },
      );
      await p.queue.enqueue([
        { queue: 'q', key: 'flaky', payload: null },
        { queue: 'q', key: 'after', payload: null },
      ]);
      await eventually(() => attempts.length === 3);
      await sleep(100);
      expect({ attempts: attempts.sort(), exhausted }).toEqual({ attempts: [1, 1, 2], exhausted: 0 });
    });

    it('waits as long as RetryJobLater says, counting it as an attempt', async () => {
      const p = await open();
      const attempts: { key: string; attempt: number; at: number }[] = [];
      const exhausted: string[] = [];
      await consume(
        p,
        'q',
        async (job) => {
          attempts.push({ key: job.key, attempt: job.attempt, at: Date.now() });
          if (job.key === 'later' && job.attempt === 1) throw new RetryJobLater(250, 'rate limited');
          if (job.key === 'always-later') throw new RetryJobLater(10, 'rate limited');
        },
        {
          concurrency: 2,
          maxAttempts: 2,
          backoffMs: 5,
          onExhausted: async (job) => void exhausted.push(`${job.key}:${job.attempt}`),
        },
      );
      await p.queue.enqueue([
        { queue: 'q', key: 'later', payload: null },
        { queue: 'q', key: 'always-later', payload: null },
      ]);
      await eventually(() => attempts.length === 4 && exhausted.length === 1, 5000);
      const later = attempts.filter((a) => a.key === 'later');
      expect(later.map((a) => a.attempt)).toEqual([1, 2]);
      expect(later[1]!.at - later[0]!.at).toBeGreaterThanOrEqual(240);
      expect(exhausted).toEqual(['always-later:2']);
    });

    it('runs a delayed job no earlier than asked', async () => {
      const p = await open();
      const ran: { key: string; at: number }[] = [];
      await consume(p, 'q', async (job) => void ran.push({ key: job.key, at: Date.now() }), { concurrency: 2 });
      const enqueuedAt = Date.now();
      await p.queue.enqueue([
        { queue: 'q', key: 'later', payload: null, delayMs: 300 },
        { queue: 'q', key: 'now', payload: null },
      ]);
      await eventually(() => ran.length === 2, 5000);
      expect(ran.map((r) => r.key)).toEqual(['now', 'later']);
      expect(ran[1]!.at - enqueuedAt).toBeGreaterThanOrEqual(290);
    });

    it('never runs more jobs at once than the concurrency', async () => {
      const p = await open();
      let active = 0;
      let most = 0;
      let done = 0;
      await consume(
        p,
        'q',
        async () => {
          active += 1;
          most = Math.max(most, active);
          await sleep(25);
          active -= 1;
          done += 1;
        },
        { concurrency: 3 },
      );
      await p.queue.enqueue(Array.from({ length: 12 }, (_, i) => ({ queue: 'q', key: `job-${i}`, payload: i })));
      await eventually(() => done === 12, 5000);
      expect(most).toBe(3);
    });

    it('takes a fan-out of 1,200 jobs in one enqueue and runs each once', async () => {
      const p = await open();
      const runs = new Map<string, number>();
      await consume(p, 'fanout', async (job) => void runs.set(job.key, (runs.get(job.key) ?? 0) + 1), {
        concurrency: 20,
      });
      await p.queue.enqueue(
        Array.from({ length: 1200 }, (_, i) => ({ queue: 'fanout', key: `deliver:${i}:qq`, payload: { i } })),
      );
      await eventually(() => runs.size === 1200, 15_000);
      expect(Math.max(...runs.values())).toBe(1);
    });

    it('two processes consuming one queue never run a job twice or at once', async () => {
      const [a, b] = [await open(), await open()];
      const running = new Set<string>();
      const runs = new Map<string, number>();
      const byProcess = { a: 0, b: 0 };
      let overlaps = 0;
      const handler =
        (who: 'a' | 'b'): JobHandler =>
        async (job) => {
          if (running.has(job.key)) overlaps += 1;
          running.add(job.key);
          runs.set(job.key, (runs.get(job.key) ?? 0) + 1);
          byProcess[who] += 1;
          await sleep(5);
          running.delete(job.key);
        };
      await consume(a, 'shared', handler('a'), { concurrency: 2 });
      await consume(b, 'shared', handler('b'), { concurrency: 2 });
      const keys = Array.from({ length: 40 }, (_, i) => `job-${i}`);
      // Both processes enqueue every job, as two relays racing over the same events would.
      await Promise.all(
        [a, b].map((p) => p.queue.enqueue(keys.map((key) => ({ queue: 'shared', key, payload: key })))),
      );
      await eventually(() => [...runs.values()].reduce((s, n) => s + n, 0) >= 40, 5000);
      await a.queue.enqueue([{ queue: 'shared', key: 'sentinel', payload: null }]);
      await eventually(() => runs.has('sentinel'), 5000);
      runs.delete('sentinel');
      expect({ overlaps, keys: runs.size, maxRuns: Math.max(...runs.values()) }).toEqual({
        overlaps: 0,
        keys: 40,
        maxRuns: 1,
      });
      expect(byProcess.a).toBeGreaterThan(0);
      expect(byProcess.b).toBeGreaterThan(0);
    });

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

export async function eventually(condition: () => boolean, timeoutMs = 3000, stepMs = 5): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`condition still false after ${timeoutMs} ms`);
    await sleep(stepMs);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
