import { RedisVersionCounter } from '@xianzhi/adapters';
import { deleteKeys, testRedisUrl, uniquePrefix } from '@xianzhi/adapters/testing';
import { err, ok } from '@xianzhi/core';
import { InMemoryStore, InMemoryUnitOfWork } from '@xianzhi/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { VersionBumpingUnitOfWork } from '../src/cache/bumping-unit-of-work.js';
import { normalizedKey, ResponseCache } from '../src/cache/response-cache.js';
import { CacheVersion, type SharedCounter } from '../src/cache/version.js';

/** A shared counter in this process, whose reads can be held back to play a slow Redis. */
class HeldCounter implements SharedCounter {
  value = 100;
  held: (() => void)[] = [];
  hold = false;
  failing = false;
  async read(): Promise<string> {
    if (this.failing) throw new Error('away');
    const seen = String(this.value);
    if (this.hold) await new Promise<void>((r) => this.held.push(r));
    return seen;
  }
  async bump(): Promise<string> {
    if (this.failing) throw new Error('away');
    return String(++this.value);
  }
  async close(): Promise<void> {}
}

describe('CacheVersion', () => {
  it('without a shared counter, moves on each local bump', async () => {
    const v = new CacheVersion(null);
    const before = v.current();
    await v.bump();
    expect(v.current()).not.toBe(before);
    expect(v.current()).not.toBeNull();
  });

  it("sees another process's bump at its next read, and is unknown when reads stop answering", async () => {
    let now = 0;
    const counter = new HeldCounter();
    const v = new CacheVersion(counter, { now: () => now, staleAfterMs: 1000 });
    expect(v.current()).toBeNull(); // never read yet
    await v.poll();
    const first = v.current();
    counter.value++; // another process
    expect(v.current()).toBe(first);
    now = 250;
    await v.poll();
    expect(v.current()).not.toBe(first);
    counter.failing = true;
    now = 1000;
    await v.poll();
    expect(v.current()).not.toBeNull();
    now = 1300;
    expect(v.current()).toBeNull();
  });

  it('a read sent before a bump answered cannot take the version back', async () => {
    const counter = new HeldCounter();
    const v = new CacheVersion(counter, { now: () => 0 });
    await v.poll();
    counter.hold = true;
    const slowRead = v.poll(); // sees 100
    counter.hold = false;
    await v.bump(); // 101
    const afterBump = v.current();
    counter.held.forEach((r) => r());
    await slowRead;
    expect(v.current()).toBe(afterBump);
  });
});

describe('ResponseCache', () => {
  it('keys bodies by version: a bump hides every older body', async () => {
    const version = new CacheVersion(null);
    const cache = new ResponseCache(version);
    const v1 = cache.currentVersion()!;
    cache.set(v1, 'feed?a=1', { body: '{"x":1}' });
    expect(cache.get(v1, 'feed?a=1')?.body).toBe('{"x":1}');
    await version.bump();
    expect(cache.get(cache.currentVersion()!, 'feed?a=1')).toBeUndefined();
  });

  it('holds at most maxSize and forgets bodies older than the ttl on its clock', () => {
    let now = 1_700_000_000_000;
    const cache = new ResponseCache(new CacheVersion(null), { maxSize: 10_000, ttlMs: 1000, now: () => now });
    for (let i = 0; i < 100; i++) cache.set('v', `k${i}`, { body: 'x'.repeat(1000) });
    expect(cache.size).toBeLessThanOrEqual(10);
    expect(cache.get('v', 'k99')).toBeDefined();
    now += 1001;
    expect(cache.get('v', 'k99')).toBeUndefined();
  });

  it('concurrent misses of one key wait for one computation; a failed one is shared, not stored', async () => {
    const cache = new ResponseCache(new CacheVersion(null));
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const make = async () => {
      runs++;
      await gate;
      return { body: `{"n":${runs}}` };
    };
    const waiting = Array.from({ length: 5 }, () => cache.getOrFill('1', 'feed', make));
    release();
    const answers = await Promise.all(waiting);
    expect(runs).toBe(1);
    expect(answers.map((a) => a.from)).toEqual(['miss', 'shared', 'shared', 'shared', 'shared']);
    expect(new Set(answers.map((a) => a.entry.body))).toEqual(new Set(['{"n":1}']));
    expect((await cache.getOrFill('1', 'feed', make)).from).toBe('hit');
    // Another key, or the same key under another version, is its own computation.
    expect((await cache.getOrFill('2', 'feed', make)).from).toBe('miss');
    expect(runs).toBe(2);

    let failures = 0;
    const failing = async () => {
      failures++;
      await Promise.resolve();
      throw new Error('database away');
    };
    const both = await Promise.allSettled([cache.getOrFill('1', 'x', failing), cache.getOrFill('1', 'x', failing)]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(failures).toBe(1);
    // Nothing was stored and nothing is left waiting: the next request computes again.
    expect((await cache.getOrFill('1', 'x', make)).from).toBe('miss');
  });

  it('normalizes queries: order and undefined parameters do not matter', () => {
    expect(normalizedKey('feed', { sort: 'newest', campusId: 'demo', kind: undefined })).toBe(
      normalizedKey('feed', { campusId: 'demo', sort: 'newest' }),
    );
    expect(normalizedKey('feed', { campusId: 'demo', limit: 10 })).not.toBe(
      normalizedKey('feed', { campusId: 'demo' }),
    );
  });
});

describe('VersionBumpingUnitOfWork', () => {
  it('bumps once after the outermost unit commits, never after a refusal or a throw', async () => {
    const version = new CacheVersion(null);
    const uow = new VersionBumpingUnitOfWork(new InMemoryUnitOfWork(new InMemoryStore()), version);
    const v0 = version.current();
    await uow.run(async () => err({ code: 'NO' }));
    await expect(uow.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(version.current()).toBe(v0);
    let inside: string | null = null;
    await uow.run(async () => {
      await uow.run(async () => ok(1));
      inside = version.current();
      return ok(2);
    });
    expect(inside).toBe(v0); // the nested unit did not bump before the commit
    expect(version.current()).not.toBe(v0);
  });
});

describe('RedisVersionCounter', () => {
  const prefix = uniquePrefix('xz-cache-unit');
  afterAll(() => deleteKeys(testRedisUrl(), prefix));

  it('is shared: a bump through one connection is read through another, and a missing key starts high', async () => {
    const one = new RedisVersionCounter(testRedisUrl(), prefix);
    const two = new RedisVersionCounter(testRedisUrl(), prefix);
    try {
      const start = Number(await one.read());
      expect(start).toBeGreaterThan(1_000_000);
      const bumped = await two.bump();
      expect(Number(bumped)).toBe(start + 1);
      expect(await one.read()).toBe(bumped);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
