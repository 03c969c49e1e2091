import { Redis } from 'ioredis';
import { redisConnection } from './bullmq-job-queue.js';

/**
 * The database position of each caller's last write, shared by every API process: after a write a process
 * stores it here, and any process answering that caller's next read makes its replica wait for it (or reads
 * the primary). Keys live `ttlSeconds` (renewed by every write): a replica further behind than that is broken,
 * not lagging. Fails fast (half a second) when Redis is away; callers then read the primary.
 */
export class RedisWritePositions {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(
    url: string,
    prefix = 'xz',
    private readonly ttlSeconds = 600,
  ) {
    this.prefix = `${prefix}:last-write:`;
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

  async get(caller: string): Promise<string | null> {
    return this.redis.get(this.prefix + caller);
  }

  async set(caller: string, position: string): Promise<void> {
    await this.redis.set(this.prefix + caller, position, 'EX', this.ttlSeconds);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
