import { Redis } from 'ioredis';
import { redisConnection } from './bullmq-job-queue.js';

/**
 * One counter shared by every process on a Redis: `bump` increments it, `read` returns it. Used as the
 * version of cached response bodies. A missing key (a new or flushed Redis) starts from the wall clock in
 * microseconds, not from 0, so a reset never brings back a version some process still holds bodies for.
 * Fails fast (half a second) when Redis is away: callers treat a failed read as "version unknown".
 */
export class RedisVersionCounter {
  private readonly redis: Redis;
  private readonly key: string;

  constructor(url: string, prefix = 'xz', name = 'content-version') {
    this.key = `${prefix}:${name}`;
    this.redis = new Redis({
      ...redisConnection(url),
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      commandTimeout: 500,
    });
    // Failures reach the caller as rejected commands; without a listener ioredis prints every reconnect failure.
    this.redis.on('error', () => {});
  }

  async read(): Promise<string> {
    const value = await this.redis.get(this.key);
    if (value !== null) return value;
    await this.redis.set(this.key, String(Date.now() * 1000), 'NX');
    return (await this.redis.get(this.key)) ?? '0';
  }

  async bump(): Promise<string> {
    const exists = await this.redis.exists(this.key);
    if (!exists) await this.read();
    return String(await this.redis.incr(this.key));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
