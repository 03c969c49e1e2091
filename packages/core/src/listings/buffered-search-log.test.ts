import { describe, expect, it } from 'vitest';
import { InMemorySearchLog } from '../testing/in-memory-search-log.js';
import { BufferedSearchLog } from './buffered-search-log.js';
import type { SearchLog, SearchRecord } from './search-log.js';

const open = { campusId: 'c1', sinceDay: '2026-09-01', minSearchersOnADay: 1, minSearchers: 1 };
const at = (term: string, searcherKey: string, day = '2026-09-01'): SearchRecord => ({
  campusId: 'c1',
  day,
  term,
  searcherKey,
});

/** Counts the writes that reach the real log. */
class CountingLog implements SearchLog {
  writes = 0;
  failNext = 0;
  constructor(readonly inner = new InMemorySearchLog()) {}
  async record(entry: SearchRecord): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('store away');
    }
    this.writes++;
    await this.inner.record(entry);
  }
  termDays = (q: Parameters<SearchLog['termDays']>[0]) => this.inner.termDays(q);
  forget = (b: Parameters<SearchLog['forget']>[0]) => this.inner.forget(b);
}

describe('BufferedSearchLog', () => {
  it('writes nothing until a flush, then one record per searcher and term with the count', async () => {
    const inner = new CountingLog();
    const log = new BufferedSearchLog(inner);
    for (let i = 0; i < 5; i++) await log.record(at('台灯', 'k1'));
    await log.record(at('台灯', 'k2'));
    await log.record(at('自行车', 'k1'));
    expect(inner.writes).toBe(0);
    expect(await log.termDays(open)).toEqual([]);
    await log.flush();
    expect(inner.writes).toBe(3);
    const rows = (await log.termDays(open)).sort((a, b) => (a.term < b.term ? -1 : 1));
    expect(rows).toEqual([
      { term: '台灯', day: '2026-09-01', searches: 6, searchers: 2 },
      { term: '自行车', day: '2026-09-01', searches: 1, searchers: 1 },
    ]);
    await log.flush();
    expect(inner.writes).toBe(3);
  });

  it('close writes what is left; a failed flush keeps the rest for the next one', async () => {
    const inner = new CountingLog();
    const errors: unknown[] = [];
    const log = new BufferedSearchLog(inner, { onError: (e) => errors.push(e) }).start(60_000);
    await log.record(at('台灯', 'k1'));
    await log.record(at('台灯', 'k2'));
    inner.failNext = 1;
    await log.flush();
    expect(errors).toHaveLength(1);
    expect(log.backlog.entries).toBe(2);
    await log.record(at('台灯', 'k1'));
    await log.close();
    expect(await log.termDays(open)).toEqual([{ term: '台灯', day: '2026-09-01', searches: 3, searchers: 2 }]);
    expect(log.backlog.entries).toBe(0);
  });

  it('forgets after writing, so keys of a day that ended in memory are not kept', async () => {
    const inner = new CountingLog();
    const log = new BufferedSearchLog(inner);
    await log.record(at('风扇', 'k1', '2026-09-01'));
    await log.forget({ searchersBefore: '2026-09-02', countsBefore: '2026-08-01' });
    await log.record(at('风扇', 'k1', '2026-09-02'));
    await log.flush();
    // The key of 09-01 was written, then forgotten: the same key counts as a new searcher on 09-01 again.
    await inner.inner.record(at('风扇', 'k1', '2026-09-01'));
    expect((await log.termDays(open)).sort((a, b) => (a.day < b.day ? -1 : 1))).toEqual([
      { term: '风扇', day: '2026-09-01', searches: 2, searchers: 2 },
      { term: '风扇', day: '2026-09-02', searches: 1, searchers: 1 },
    ]);
  });

  it('drops new entries past its bound and says how many searches it dropped', async () => {
    const inner = new CountingLog();
    const log = new BufferedSearchLog(inner, { maxEntries: 2 });
    await log.record(at('a1', 'k1'));
    await log.record(at('a2', 'k1'));
    await log.record(at('a3', 'k1'));
    await log.record(at('a1', 'k1'));
    expect(log.backlog).toEqual({ entries: 2, dropped: 1 });
  });
});
