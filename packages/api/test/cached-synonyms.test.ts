import { SynonymTable, type SynonymSource } from '@xianzhi/core';
import { describe, expect, it } from 'vitest';
import { CachedSynonyms } from '../src/cache/cached-synonyms.js';
import { CacheVersion, type SharedCounter } from '../src/cache/version.js';

/** A synonym source that counts its reads: each stands for one database round trip. */
class CountingSource implements SynonymSource {
  reads: string[] = [];
  failNext = false;
  async forCampus(campusId: string): Promise<SynonymTable> {
    this.reads.push(campusId);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database away');
    }
    return new SynonymTable([['单车', `自行车-${this.reads.length}`]], []);
  }
}

class Counter implements SharedCounter {
  value = 7;
  failing = false;
  async read(): Promise<string> {
    if (this.failing) throw new Error('away');
    return String(this.value);
  }
  async bump(): Promise<string> {
    return String(++this.value);
  }
  async close(): Promise<void> {}
}

describe('CachedSynonyms', () => {
  it('reads a campus once per synonym version, whatever the number of searches', async () => {
    const source = new CountingSource();
    const version = new CacheVersion(null);
    const cached = new CachedSynonyms(source, version);
    for (let i = 0; i < 100; i++) await cached.forCampus('demo');
    await cached.forCampus('north');
    expect(source.reads).toEqual(['demo', 'north']);
    await version.bump();
    expect((await cached.forCampus('demo')).othersOf('单车')).toEqual(['自行车-3']);
    await cached.forCampus('demo');
    expect(source.reads).toEqual(['demo', 'north', 'demo']);
  });

  it('holds a bounded number of campuses, dropping the least recently searched', async () => {
    const source = new CountingSource();
    const cached = new CachedSynonyms(source, new CacheVersion(null), { maxCampuses: 3 });
    for (const c of ['a', 'b', 'c']) await cached.forCampus(c);
    await cached.forCampus('a');
    await cached.forCampus('made-up-1');
    expect(cached.size).toBe(3);
    await cached.forCampus('a');
    await cached.forCampus('b'); // dropped: read again
    expect(source.reads).toEqual(['a', 'b', 'c', 'made-up-1', 'b']);
  });

  it('forgets a failed read, so the next search tries again', async () => {
    const source = new CountingSource();
    const cached = new CachedSynonyms(source, new CacheVersion(null));
    source.failNext = true;
    await expect(cached.forCampus('demo')).rejects.toThrow('database away');
    await cached.forCampus('demo');
    await cached.forCampus('demo');
    expect(source.reads).toEqual(['demo', 'demo']);
  });

  it("follows another process's change at its next poll, and uses a held table only briefly while Redis is away", async () => {
    let now = 0;
    const counter = new Counter();
    const version = new CacheVersion(counter, { now: () => now, staleAfterMs: 1000 });
    const source = new CountingSource();
    const cached = new CachedSynonyms(source, version, { now: () => now, unknownVersionMaxAgeMs: 5000 });
    await version.poll();
    await cached.forCampus('demo');
    await cached.forCampus('demo');
    expect(source.reads).toHaveLength(1);
    counter.value++; // another process committed a change
    await version.poll();
    await cached.forCampus('demo');
    expect(source.reads).toHaveLength(2);

    counter.failing = true;
    now += 2000; // the version is unknown now
    expect(version.current()).toBeNull();
    await cached.forCampus('demo'); // held for 2 s: still used
    expect(source.reads).toHaveLength(2);
    now += 6000;
    await cached.forCampus('demo'); // too old to trust without a version: read again, then held
    await cached.forCampus('demo');
    expect(source.reads).toHaveLength(3);
    await cached.close();
  });
});
