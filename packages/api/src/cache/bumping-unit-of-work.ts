import { AsyncLocalStorage } from 'node:async_hooks';
import { isErr, type UnitOfWork } from '@xianzhi/core';
import type { CacheVersion } from './version.js';

/**
 * Every change to the platform's state commits through a unit of work, so this is the one place that
 * knows a cached body may be out of date: after the outermost unit commits (an ok result), the cache
 * version moves, in this process at once and in the others through Redis. A rolled-back unit (thrown or
 * `err`) moves nothing. Bumping after any commit, not only listing changes, is deliberately coarse: a
 * missed kind of change would serve stale pages, an extra bump costs one cache miss per hot page.
 */
export class VersionBumpingUnitOfWork implements UnitOfWork {
  private readonly inside = new AsyncLocalStorage<true>();

  constructor(
    private readonly inner: UnitOfWork,
    private readonly version: CacheVersion,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inside.getStore()) return this.inner.run(work);
    const result = await this.inside.run(true, () => this.inner.run(work));
    if (!isErr(result)) await this.version.bump();
    return result;
  }
}
