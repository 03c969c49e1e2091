import { afterAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, uniquePrefix, type PrivateRedis } from '../queue/testing/redis.js';
import { MemoryRequestRateLimiter, RedisRequestRateLimiter } from './request-rate-limiter.js';

const quota = (key: string, points = 3) => ({ key, points, windowSeconds: 60 });

describe('request rate limiters', () => {
  it('count in memory per key, and stop charging at the first quota refused', async () => {
    const limiter = new MemoryRequestRateLimiter();
    for (let i = 0; i < 3; i++)
      expect(await limiter.consume([quota('u:1'), quota('ip:a', 5)])).toEqual({ allowed: true });
    const refused = await limiter.consume([quota('u:1'), quota('ip:a', 5)]);
    expect(refused.allowed).toBe(false);
    expect(!refused.allowed && refused.retryAfterMs).toBeGreaterThan(59_000);
    // The refusal by u:1 did not reach ip:a: two more for another account fit its five.
    expect(await limiter.consume([quota('u:2'), quota('ip:a', 5)])).toEqual({ allowed: true });
    expect(await limiter.consume([quota('u:2'), quota('ip:a', 5)])).toEqual({ allowed: true });
    expect((await limiter.consume([quota('u:2'), quota('ip:a', 5)])).allowed).toBe(false);
  });

  describe('on Redis', () => {
    let redis: PrivateRedis;
    const limiters: RedisRequestRateLimiter[] = [];
    afterAll(async () => {
      for (const l of limiters) await l.close();
      await redis?.dispose();
    });

    it('share one count between processes, and count in memory without waiting while Redis is away', async () => {
      // A private server: this test stops it.
      redis = await startPrivateRedis();
      const prefix = uniquePrefix('xz-rl');
      const [a, b] = [
        RedisRequestRateLimiter.connect(redis.url, prefix),
        RedisRequestRateLimiter.connect(redis.url, prefix),
      ];
      limiters.push(a, b);
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push((await (i % 2 ? b : a).consume([quota('u:1')])).allowed);
      expect(answers).toEqual([true, true, true, false]);

      await redis.stop();
      const started = Date.now();
      const during = [];
      for (let i = 0; i < 4; i++) during.push((await a.consume([quota('u:2')])).allowed);
      expect(Date.now() - started).toBeLessThan(1500);
      // Each process counts for itself meanwhile: a limit still, if not a shared one.
      expect(during).toEqual([true, true, true, false]);

      await redis.start();
      const until = Date.now() + 10_000;
      while (!(a.shared && b.shared) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      // Back on Redis, shared again.
      const after = [];
      for (let i = 0; i < 4; i++) after.push((await (i % 2 ? b : a).consume([quota('u:3')])).allowed);
      expect(after).toEqual([true, true, true, false]);
    }, 20_000);
  });
});
