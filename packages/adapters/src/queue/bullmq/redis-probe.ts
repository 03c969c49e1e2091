import { Redis } from 'ioredis';
import { redisConnection } from './bullmq-job-queue.js';

/**
 * Whether Redis answers, for readiness checks: one connection kept for the purpose, no offline queue and
 * short timeouts, so a check while Redis is away or unanswering fails within the timeout instead of waiting.
 */
export class RedisProbe {
  private readonly redis: Redis;

  constructor(url: string, timeoutMs = 1000) {
    this.redis = new Redis({
      ...redisConnection(url),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: timeoutMs,
      commandTimeout: timeoutMs,
      retryStrategy: (times: number) => Math.min(100 * times, 1000),
    });
    // Failures reach `ping` as rejections; without a listener ioredis prints every reconnect failure.
    this.redis.on('error', () => {});
  }

  async ping(): Promise<boolean> {
    try {
      if (this.redis.status === 'wait') await this.redis.connect();
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  close(): void {
    this.redis.disconnect();
  }
}
