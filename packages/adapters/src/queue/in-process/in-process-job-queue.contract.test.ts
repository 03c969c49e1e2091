import { jobQueueContract } from '@xianzhi/core/testing';
import { InProcessJobQueue } from './in-process-job-queue.js';

/** Every "process" shares the one queue: in embedded mode the server and its worker are one process. */
jobQueueContract('in-process', async () => {
  const queue = new InProcessJobQueue();
  return {
    process: async () => ({ queue, consumers: queue, close: async () => {} }),
    dispose: () => queue.close(),
  };
});
