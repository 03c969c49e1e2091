import { LRUCache } from 'lru-cache';
import type { CacheVersion } from './version.js';

/**
 * A ready-to-send JSON body, and what a hit must still count: the listing whose view (anonymous details),
 * or how many results a search found (a hit is still a student searching).
 */
export interface CachedBody {
  readonly body: string;
  readonly countsViewOf?: string;
  readonly found?: number;
}

export interface ResponseCacheOptions {
  /** Bound on the bodies held, in UTF-16 code units (about bytes for JSON that is mostly ASCII). */
  readonly maxSize?: number;
  /**
   * Longest life of a body whatever the version: bounds what no version bump covers (view, favorite and
   * comment counters, a listing passing its expiry time). In milliseconds of `now`.
   */
  readonly ttlMs?: number;
  /** The domain clock in milliseconds, so a test that moves time also ages the bodies. */
  readonly now?: () => number;
}

/**
 * Ready-to-send response bodies keyed by (content version, normalized request). Per process: an LRU in
 * this process's memory, never shared. A change anywhere moves the version (see `CacheVersion`), so
 * bodies of older versions are never read again and age out of the LRU.
 *
 * Only bodies that are the same for every caller may be stored: routes decide, and say why.
 */
export class ResponseCache {
  private readonly bodies: LRUCache<string, CachedBody>;
  /** Bodies being computed, so that concurrent misses of one key wait for one computation. */
  private readonly filling = new Map<string, Promise<CachedBody>>();

  constructor(
    readonly version: CacheVersion,
    options: ResponseCacheOptions = {},
  ) {
    const now = options.now;
    this.bodies = new LRUCache<string, CachedBody>({
      maxSize: options.maxSize ?? 32 * 1024 * 1024,
      sizeCalculation: (entry, key) => entry.body.length + key.length + 64,
      ttl: options.ttlMs ?? 10_000,
      // Ask the clock on every read: a test clock moves by days between two requests.
      ttlResolution: 0,
      ...(now && { perf: { now } }),
    });
  }

  /** The version a request should read and fill under, taken before it reads anything; null: do not cache. */
  currentVersion(): string | null {
    return this.version.current();
  }

  get(version: string, key: string): CachedBody | undefined {
    return this.bodies.get(`${version}\n${key}`);
  }

  set(version: string, key: string, entry: CachedBody): void {
    this.bodies.set(`${version}\n${key}`, entry);
  }

  /**
   * The body of `key` under `version`: from the LRU, from a computation already running for it in this process
   * (`shared`), or from `make`, whose body is stored. When a popular body ages out under load, fifty requests
   * arriving at once would each run the same queries; they wait for the first instead. A failed `make` fails
   * everyone waiting for it, as it would have failed each of them (bodies here are the same for every caller),
   * and is not stored.
   */
  async getOrFill(
    version: string,
    key: string,
    make: () => Promise<CachedBody>,
  ): Promise<{ entry: CachedBody; from: 'hit' | 'shared' | 'miss' }> {
    const id = `${version}\n${key}`;
    const hit = this.bodies.get(id);
    if (hit) return { entry: hit, from: 'hit' };
    const running = this.filling.get(id);
    if (running) return { entry: await running, from: 'shared' };
    const computing = make().then((entry) => {
      this.bodies.set(id, entry);
      return entry;
    });
    this.filling.set(id, computing);
    try {
      return { entry: await computing, from: 'miss' };
    } finally {
      this.filling.delete(id);
    }
  }

  get size(): number {
    return this.bodies.size;
  }

  async close(): Promise<void> {
    this.bodies.clear();
    await this.version.close();
  }
}

/** A request's query as a cache key: parameters sorted, undefined ones left out. */
export function normalizedKey(route: string, query: Readonly<Record<string, unknown>>): string {
  const parts = Object.keys(query)
    .filter((k) => query[k] !== undefined)
    .sort()
    .map((k) => `${k}=${JSON.stringify(query[k])}`);
  return `${route}?${parts.join('&')}`;
}
