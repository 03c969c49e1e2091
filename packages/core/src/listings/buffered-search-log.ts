import type { SearchLog, SearchRecord, TermDayCount, TermDayQuery } from './search-log.js';

export interface BufferedSearchLogOptions {
  /** Distinct (campus, day, term, searcher) entries held before new ones are dropped (the store is away). */
  readonly maxEntries?: number;
  /** A flush that failed: the entries not written are kept for the next flush. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Hot-search counts kept in this process's memory and written to the real log in batches, so a search
 * request never writes: `record` only adds to a map. The same searcher's searches of one (campus, day,
 * term) become one record with a count, so a flush costs two statements per distinct searcher and term.
 *
 * What a stop loses: nothing on a graceful one (`close` flushes); on a crash, the counts since the last
 * flush (at most one flush interval). That is accepted for a popularity statistic.
 *
 * `forget` is deferred as well, and runs after the records of the same flush: searcher keys of a day
 * that ended while they waited in memory are written and then forgotten, never kept past their day.
 */
export class BufferedSearchLog implements SearchLog {
  private pending = new Map<string, { entry: SearchRecord; searches: number }>();
  private pendingForget: { searchersBefore: string; countsBefore: string } | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private dropped = 0;
  private readonly maxEntries: number;
  private readonly onError: (error: unknown) => void;

  constructor(
    private readonly inner: SearchLog,
    options: BufferedSearchLogOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 100_000;
    this.onError = options.onError ?? (() => {});
  }

  /** Flushes every `everyMs`; the timer does not keep the process alive. */
  start(everyMs: number): this {
    if (!this.timer) {
      this.timer = setInterval(() => void this.flush(), everyMs);
      this.timer.unref();
    }
    return this;
  }

  async record(entry: SearchRecord): Promise<void> {
    this.add(entry, entry.searches ?? 1);
  }

  /** Reads what has been flushed: counts still in memory show after the next flush. */
  termDays(query: TermDayQuery): Promise<TermDayCount[]> {
    return this.inner.termDays(query);
  }

  async forget(before: { searchersBefore: string; countsBefore: string }): Promise<void> {
    this.pendingForget = before;
  }

  /** Entries waiting, and searches dropped because the buffer was full. */
  get backlog(): { entries: number; dropped: number } {
    return { entries: this.pending.size, dropped: this.dropped };
  }

  /** Writes what is in memory; concurrent calls run one after the other. Never throws (see `onError`). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeOut());
    return this.flushing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private add(entry: SearchRecord, searches: number): void {
    const key = JSON.stringify([entry.campusId, entry.day, entry.term, entry.searcherKey]);
    const held = this.pending.get(key);
    if (held) held.searches += searches;
    else if (this.pending.size < this.maxEntries) this.pending.set(key, { entry, searches });
    else this.dropped += searches;
  }

  private async writeOut(): Promise<void> {
    const batch = [...this.pending.values()];
    const forget = this.pendingForget;
    this.pending = new Map();
    this.pendingForget = null;
    let written = 0;
    try {
      for (const { entry, searches } of batch) {
        await this.inner.record({ ...entry, searches });
        written++;
      }
      if (forget) await this.inner.forget(forget);
    } catch (error) {
      // Keep what was not written (merged with what came meanwhile) for the next flush.
      for (const { entry, searches } of batch.slice(written)) this.add(entry, searches);
      if (forget && !this.pendingForget) this.pendingForget = forget;
      this.onError(error);
    }
  }
}
