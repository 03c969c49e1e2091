import { expect, it } from 'vitest';
import { RetryJobLater, type ReceivedJob } from '../shared/jobs.js';
import type { QueueCaseKit } from './job-queue-contract.js';
import { eventually, sleep } from './waiting.js';

/** The job queue contract's cases on failing, retried and delayed jobs; registered in jobQueueContract's describe. */
export function jobQueueRetryCases({ open, consume }: QueueCaseKit): void {
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
}
