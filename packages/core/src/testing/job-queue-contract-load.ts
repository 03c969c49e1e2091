import { expect, it } from 'vitest';
import type { JobHandler } from '../shared/jobs.js';
import type { QueueCaseKit } from './job-queue-contract.js';
import { eventually, sleep } from './waiting.js';

/**
 * The job queue contract's cases on concurrency, large fan-outs and several processes consuming one
 * queue; registered inside jobQueueContract's describe.
 */
export function jobQueueLoadCases({ open, consume }: QueueCaseKit): void {
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
    await Promise.all([a, b].map((p) => p.queue.enqueue(keys.map((key) => ({ queue: 'shared', key, payload: key })))));
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
}
