import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisConnection } from './bullmq-job-queue.js';

/**
 * One run per period across worker processes: the worker that takes a task's lease runs it, the
 * others skip that tick. The lease is never released early, so it also spaces the runs. Fails fast
 * (one second) when Redis is away; the caller then runs the task anyway, as tasks are safe twice.
 */
export class RedisTaskLease {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix = 'xz',
  ) {
    this.redis = new Redis({
      ...redisConnection(url),
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
    });
    // Failures reach the caller as rejected commands; without a listener ioredis prints every reconnect failure.
    this.redis.on('error', () => {});
  }

  async take(name: string, ms: number): Promise<boolean> {
    return (
      (await this.redis.set(`${this.prefix}:task:${name}`, randomUUID(), 'PX', Math.max(1, Math.round(ms)), 'NX')) ===
      'OK'
    );
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
