export { InProcessJobQueue, type InProcessJobQueueOptions } from './in-process/in-process-job-queue.js';
export {
  BullMqJobConsumers,
  BullMqJobQueue,
  redisConnection,
  type BullMqOptions,
  type QueueCounts,
} from './bullmq/bullmq-job-queue.js';
export { RedisTaskLease } from './bullmq/redis-task-lease.js';
export { RedisVersionCounter } from './bullmq/redis-version-counter.js';
export { RedisWritePositions } from './bullmq/redis-write-positions.js';
export { RedisProbe } from './bullmq/redis-probe.js';
