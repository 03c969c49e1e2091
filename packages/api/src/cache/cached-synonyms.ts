import type { SynonymSource, SynonymTable } from '@xianzhi/core';
import type { CacheVersion } from './version.js';

export interface CachedSynonymsOptions {
  /** While the shared version is unknown (Redis away), a table this young is still used. */
  readonly unknownVersionMaxAgeMs?: number;
  /** A monotonic clock in milliseconds. */
  readonly now?: () => number;
  /** Campuses held at most (the least recently searched goes first): a search names any campus id it likes. */
  readonly maxCampuses?: number;
}

/**
 * Each API process holds every campus's synonym table (the shipped dictionary with the campus's own groups)
 * in memory, built once per value of the synonym version, which moves only after a committed change to a
 * synonym group (in every process through Redis, within its poll interval). So a search costs no database
 * read for its synonyms; the first search of a campus after a change reads that campus's groups once.
 * While the version is unknown (Redis unreachable) a table is used for a few seconds, then read again.
 */
export class CachedSynonyms implements SynonymSource {
  private readonly held = new Map<string, { version: string | null; at: number; table: Promise<SynonymTable> }>();
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private readonly maxCampuses: number;

  constructor(
    private readonly inner: SynonymSource,
    private readonly version: CacheVersion,
    options: CachedSynonymsOptions = {},
  ) {
    this.maxAgeMs = options.unknownVersionMaxAgeMs ?? 5_000;
    this.now = options.now ?? (() => performance.now());
    this.maxCampuses = options.maxCampuses ?? 1_000;
  }

  forCampus(campusId: string): Promise<SynonymTable> {
    // Started on first use, so processes that never search (the worker, the CLI) never poll Redis for it.
    this.version.start();
    const version = this.version.current();
    const held = this.held.get(campusId);
    const fresh = held && (version !== null ? held.version === version : this.now() - held.at <= this.maxAgeMs);
    if (held && fresh) {
      // Most recently used last, so the oldest key is the one to drop.
      this.held.delete(campusId);
      this.held.set(campusId, held);
      return held.table;
    }
    // Read under the version seen before the read: a change committed meanwhile moves the version, so the
    // next search reads again rather than keeping what may predate it.
    const table = this.inner.forCampus(campusId);
    const entry = { version, at: this.now(), table };
    this.held.delete(campusId);
    this.held.set(campusId, entry);
    if (this.held.size > this.maxCampuses) this.held.delete(this.held.keys().next().value!);
    void table.catch(() => {
      if (this.held.get(campusId) === entry) this.held.delete(campusId);
    });
    return table;
  }

  /** Campuses whose table is held (for tests). */
  get size(): number {
    return this.held.size;
  }

  async close(): Promise<void> {
    this.held.clear();
    await this.version.close();
  }
}
