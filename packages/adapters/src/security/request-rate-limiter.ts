import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** One counter a request is charged to: at most `points` requests per key in a window of `windowSeconds`. */
export interface RequestQuota {
  readonly key: string;
  readonly points: number;
  readonly windowSeconds: number;
}

export type RequestVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/**
 * Counts HTTP requests against fixed windows (rate-limiter-flexible), so the API can refuse a burst
 * before it does anything.
 */
export interface RequestRateLimiter {
  /**
   * Charges one request to the quotas in order and stops at the first that is over its limit: refused,
   * with how long until that counter's window ends. A request refused by its account's own limit is then
   * not charged to its address, so one student hammering away cannot use up the limit of everyone behind
   * the same campus NAT; a refused request still counts against the quota that refused it.
   */
  consume(quotas: readonly RequestQuota[]): Promise<RequestVerdict>;
  close(): Promise<void>;
}

type Limiter = RateLimiterMemory | RateLimiterRedis;

abstract class QuotaLimiter implements RequestRateLimiter {
  /** One limiter per (points, window): families with equal limits share it, their keys never meet. */
  private readonly limiters = new Map<string, Limiter>();

  protected abstract create(points: number, windowSeconds: number): Limiter;
  abstract close(): Promise<void>;

  limiterFor(q: Pick<RequestQuota, 'points' | 'windowSeconds'>): Limiter {
    const id = `${q.points}/${q.windowSeconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = this.create(q.points, q.windowSeconds);
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  async consume(quotas: readonly RequestQuota[]): Promise<RequestVerdict> {
    for (const q of quotas) {
      const wait = await this.consumeOne(q);
      if (wait !== null) return { allowed: false, retryAfterMs: wait };
    }
    return { allowed: true };
  }

  /** Null when allowed, else how long until the key's window ends. */
  private async consumeOne(q: RequestQuota): Promise<number | null> {
    try {
      await this.limiterFor(q).consume(q.key);
      return null;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return refusal.msBeforeNext;
      throw refusal;
    }
  }
}

/** Counters in this process's memory: embedded mode without Redis, where one process serves everyone. */
export class MemoryRequestRateLimiter extends QuotaLimiter {
  protected create(points: number, duration: number): Limiter {
    return new RateLimiterMemory({ points, duration });
  }
  async close(): Promise<void> {}
}

/**
 * Counters in Redis, shared by every API process. When Redis is away the counting falls back to each
 * process's memory (rate-limiter-flexible's insurance limiter) rather than refusing or holding writes:
 * the API's writes never depend on Redis, and a limit per process is still a limit.
 */
export class RedisRequestRateLimiter extends QuotaLimiter {
  /**
   * Connects at once, so the first request finds the connection ready. Commands wait for a first
   * connection (the offline queue) at most `commandTimeout`; once a connection was lost the counting
   * goes straight to memory until ioredis has it back, so an outage adds no wait to any request.
   */
  static connect(url: string, prefix: string): RedisRequestRateLimiter {
    const redis = new Redis(url, {
      commandTimeout: 500,
      connectTimeout: 2000,
      maxRetriesPerRequest: 1,
    });
    // Failures reach the limiter as rejected commands (and so the memory fallback); without a listener
    // ioredis would print every reconnect failure.
    redis.on('error', () => {});
    return new RedisRequestRateLimiter(redis, prefix);
  }

  /** The counters used while Redis is away: the insurance of each Redis limiter, and used directly when lost. */
  private readonly memory = new MemoryRequestRateLimiter();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    super();
  }

  protected create(points: number, duration: number): Limiter {
    return new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: `${this.prefix}:rl`,
      points,
      duration,
      insuranceLimiter: this.memory.limiterFor({ points, windowSeconds: duration }),
    });
  }

  /** Whether counts go to Redis now (shared by every process), rather than to this process's memory. */
  get shared(): boolean {
    return this.redis.status === 'ready';
  }

  override async consume(quotas: readonly RequestQuota[]): Promise<RequestVerdict> {
    const lost = ['reconnecting', 'close', 'end'].includes(this.redis.status);
    return lost ? this.memory.consume(quotas) : super.consume(quotas);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
