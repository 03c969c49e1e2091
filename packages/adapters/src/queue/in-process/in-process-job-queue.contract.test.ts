import { eventually, jobQueueContract } from '@xianzhi/core/testing';
import { describe, expect, it } from 'vitest';
import { InProcessJobQueue } from './in-process-job-queue.js';

/** Every "process" shares the one queue: in embedded mode the server and its worker are one process. */
jobQueueContract('in-process', async () => {
  const queue = new InProcessJobQueue();
  return {
    process: async () => ({ queue, consumers: queue, close: async () => {} }),
    dispose: () => queue.close(),
  };
});

describe('InProcessJobQueue memory', () => {
  it('forgets a finished key after keepFinishedMs, so the same key runs again', async () => {
    const queue = new InProcessJobQueue({ keepFinishedMs: 50 });
    const runs: string[] = [];
    await queue.consume('q', async (job) => void runs.push(job.key), { concurrency: 1, maxAttempts: 1, backoffMs: 1 });
    try {
      await queue.enqueue([{ queue: 'q', key: 'k', payload: null }]);
      await eventually(() => runs.length === 1);
      await queue.enqueue([
        { queue: 'q', key: 'k', payload: null },
        { queue: 'q', key: 'sentinel', payload: null },
      ]);
      await eventually(() => runs.length === 2);
      await new Promise((r) => setTimeout(r, 80));
      await queue.enqueue([{ queue: 'q', key: 'k', payload: null }]);
      await eventually(() => runs.length === 3);
      expect(runs).toEqual(['k', 'sentinel', 'k']);
    } finally {
      await queue.close();
    }
  });
});
