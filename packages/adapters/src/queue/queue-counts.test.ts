import type { JobQueue } from '@xianzhi/core';
import { describe, expect, it } from 'vitest';
import { BullMqJobConsumers, BullMqJobQueue, type QueueCounts } from './bullmq/bullmq-job-queue.js';
import { InProcessJobQueue } from './in-process/in-process-job-queue.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from './testing/redis.js';

/** Two ready jobs and one delayed on `q`; a consumer holding one of the ready ones; then its release. */
async function countsWhileOneRuns(
  queue: JobQueue,
  consume: (handler: () => Promise<void>) => Promise<{ close(): Promise<void> }>,
  counts: () => Promise<Map<string, QueueCounts>>,
): Promise<{ before: QueueCounts | undefined; running: QueueCounts | undefined }> {
  await queue.enqueue([
    { queue: 'q', key: 'a', payload: 1 },
    { queue: 'q', key: 'b', payload: 2 },
    { queue: 'q', key: 'later', payload: 3, delayMs: 60_000 },
  ]);
  const before = (await counts()).get('q');
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const running = new Promise<void>((r) => (started = r));
  const consumer = await consume(async () => {
    started();
    await held;
  });
  await running;
  const during = (await counts()).get('q');
  release();
  await consumer.close();
  return { before, running: during };
}

describe('job counts per queue and state', () => {
  it('in process: waiting, running and delayed jobs of this process', async () => {
    const queue = new InProcessJobQueue();
    const { before, running } = await countsWhileOneRuns(
      queue,
      (handler) => queue.consume('q', handler, { concurrency: 1, maxAttempts: 1, backoffMs: 10 }),
      async () => queue.counts(),
    );
    expect(before).toEqual({ waiting: 2, active: 0, delayed: 1, failed: 0 });
    expect(running).toEqual({ waiting: 1, active: 1, delayed: 1, failed: 0 });
    await queue.close();
  });

  it('BullMQ: the same, as Redis holds them', async () => {
    const url = testRedisUrl();
    const prefix = uniquePrefix();
    const queue = new BullMqJobQueue({ url, prefix });
    const consumers = new BullMqJobConsumers({ url, prefix });
    try {
      const { before, running } = await countsWhileOneRuns(
        queue,
        (handler) => consumers.consume('q', handler, { concurrency: 1, maxAttempts: 1, backoffMs: 10 }),
        () => queue.counts(['q']),
      );
      expect(before).toEqual({ waiting: 2, active: 0, delayed: 1, failed: 0 });
      expect(running).toEqual({ waiting: 1, active: 1, delayed: 1, failed: 0 });
    } finally {
      await consumers.close();
      await queue.close();
      await deleteKeys(url, prefix);
    }
  });
});
