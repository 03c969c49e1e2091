import { afterEach, describe, expect, it } from 'vitest';
import { deleteKeys, freePort, testRedisUrl, uniquePrefix } from '../testing/redis.js';
import { RedisTaskLease } from './redis-task-lease.js';

describe('RedisTaskLease', () => {
  const url = testRedisUrl();
  const prefix = uniquePrefix();
  const leases: RedisTaskLease[] = [];
  afterEach(async () => {
    for (const l of leases.splice(0)) await l.close();
    await deleteKeys(url, prefix);
  });

  it('gives each task to one process per period', async () => {
    const [a, b] = [new RedisTaskLease(url, prefix), new RedisTaskLease(url, prefix)];
    leases.push(a, b);
    // A period of a second: long enough that a loaded machine (b connecting, other test files running)
    // cannot let it lapse between these takes.
    expect(await a.take('search-index', 1000)).toBe(true);
    expect(await b.take('search-index', 1000)).toBe(false);
    expect(await a.take('search-index', 1000)).toBe(false);
    expect(await b.take('expire-listings', 1000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1050));
    expect(await b.take('search-index', 1000)).toBe(true);
  });

  it('fails within about a second when Redis does not answer', async () => {
    const lease = new RedisTaskLease(`redis://127.0.0.1:${await freePort()}`, prefix);
    leases.push(lease);
    const started = Date.now();
    await expect(lease.take('search-index', 1000)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
