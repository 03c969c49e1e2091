import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlockedSearchTermRepository } from '../listings/blocked-search-terms.js';
import type { SearchLog, TermDayCount } from '../listings/search-log.js';

export interface SearchLogPorts {
  readonly log: SearchLog;
  readonly blocked: BlockedSearchTermRepository;
  dispose(): Promise<void>;
}

const byDayTerm = (a: TermDayCount, b: TermDayCount) => (a.day + a.term < b.day + b.term ? -1 : 1);
const open = { minSearchersOnADay: 1, minSearchers: 1 };

/** The hot-search counts and the block list, the same on every adapter. */
export function searchLogContract(adapterName: string, factory: () => Promise<SearchLogPorts>): void {
  describe(`${adapterName}: SearchLog and BlockedSearchTermRepository`, () => {
    let ports: SearchLogPorts;
    beforeEach(async () => {
      ports = await factory();
    });
    afterEach(async () => {
      await ports.dispose();
    });

    it('counts searches and distinct searchers per campus, day and term', async () => {
      const { log } = ports;
      await log.record({ campusId: 'c1', day: '2026-09-01', term: '自行车', searcherKey: 'k1' });
      await log.record({ campusId: 'c1', day: '2026-09-01', term: '自行车', searcherKey: 'k1' });
      await log.record({ campusId: 'c1', day: '2026-09-01', term: '自行车', searcherKey: 'k2' });
      await log.record({ campusId: 'c1', day: '2026-09-02', term: '自行车', searcherKey: 'k1' });
      await log.record({ campusId: 'c2', day: '2026-09-01', term: '自行车', searcherKey: 'k3' });
      const rows = (await log.termDays({ campusId: 'c1', sinceDay: '2026-09-01', ...open })).sort(byDayTerm);
      expect(rows).toEqual([
        { term: '自行车', day: '2026-09-01', searches: 3, searchers: 2 },
        { term: '自行车', day: '2026-09-02', searches: 1, searchers: 1 },
      ]);
      expect(await log.termDays({ campusId: 'c2', sinceDay: '2026-09-01', ...open })).toEqual([
        { term: '自行车', day: '2026-09-01', searches: 1, searchers: 1 },
      ]);
    });

    it("counts a batch of one searcher's searches as that many searches and one searcher", async () => {
      const { log } = ports;
      await log.record({ campusId: 'c1', day: '2026-09-01', term: '台灯', searcherKey: 'k1', searches: 5 });
      await log.record({ campusId: 'c1', day: '2026-09-01', term: '台灯', searcherKey: 'k1', searches: 2 });
      await log.record({ campusId: 'c1', day: '2026-09-01', term: '台灯', searcherKey: 'k2' });
      expect(await log.termDays({ campusId: 'c1', sinceDay: '2026-09-01', ...open })).toEqual([
        { term: '台灯', day: '2026-09-01', searches: 8, searchers: 2 },
      ]);
    });

    it('keeps terms apart byte for byte (no accent or width folding by the database)', async () => {
      for (const term of ['cafe', 'café', 'ipad', 'ipad pro']) {
        await ports.log.record({ campusId: 'c1', day: '2026-09-01', term, searcherKey: 'k1' });
      }
      const rows = await ports.log.termDays({ campusId: 'c1', sinceDay: '2026-09-01', ...open });
      expect(rows.map((r) => r.term).sort()).toEqual(['cafe', 'café', 'ipad', 'ipad pro']);
      expect(rows.every((r) => r.searches === 1 && r.searchers === 1)).toBe(true);
    });

    it('answers only the days in range of the terms past both thresholds', async () => {
      const { log } = ports;
      const put = async (day: string, term: string, keys: string[]) => {
        for (const k of keys) await log.record({ campusId: 'c1', day, term, searcherKey: k });
      };
      await put('2026-08-20', '台灯', ['a', 'b', 'c']); // before the range
      await put('2026-09-01', '台灯', ['a']);
      await put('2026-09-01', '书架', ['a', 'b']);
      await put('2026-09-02', '书架', ['c']);
      // One searcher a day, every day: never two on one day.
      for (const day of ['2026-09-01', '2026-09-02', '2026-09-03', '2026-09-04']) await put(day, '刷单', ['x']);
      await put('2026-09-03', '耳机', ['a', 'b']); // two on a day, but three in total is not reached
      const rows = (
        await log.termDays({ campusId: 'c1', sinceDay: '2026-09-01', minSearchersOnADay: 2, minSearchers: 3 })
      ).sort(byDayTerm);
      expect(rows).toEqual([
        { term: '书架', day: '2026-09-01', searches: 2, searchers: 2 },
        { term: '书架', day: '2026-09-02', searches: 1, searchers: 1 },
      ]);
    });

    it('counts every searcher of concurrent searches', async () => {
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          ports.log.record({ campusId: 'c1', day: '2026-09-01', term: '雨伞', searcherKey: `k${i % 6}` }),
        ),
      );
      expect(await ports.log.termDays({ campusId: 'c1', sinceDay: '2026-09-01', ...open })).toEqual([
        { term: '雨伞', day: '2026-09-01', searches: 12, searchers: 6 },
      ]);
    });

    it('forgets searcher keys of past days and counts past the retention', async () => {
      const { log } = ports;
      await log.record({ campusId: 'c1', day: '2026-08-01', term: '风扇', searcherKey: 'k1' });
      await log.record({ campusId: 'c1', day: '2026-09-01', term: '风扇', searcherKey: 'k1' });
      await log.forget({ searchersBefore: '2026-09-02', countsBefore: '2026-08-15' });
      // The key of 09-01 is gone: the same key counts as a new searcher again.
      await log.record({ campusId: 'c1', day: '2026-09-01', term: '风扇', searcherKey: 'k1' });
      const rows = await log.termDays({ campusId: 'c1', sinceDay: '2026-07-01', ...open });
      expect(rows).toEqual([{ term: '风扇', day: '2026-09-01', searches: 2, searchers: 2 }]);
    });

    it('keeps one block entry per campus and term', async () => {
      const { blocked } = ports;
      const at = new Date('2026-09-01T02:00:00.000Z');
      const first = await blocked.add({ id: 'B1', campusId: 'c1', term: '代写', createdAt: at, createdBy: 'admin-1' });
      expect(first).toEqual({
        entry: { id: 'B1', campusId: 'c1', term: '代写', createdAt: at, createdBy: 'admin-1' },
        created: true,
      });
      const again = await blocked.add({
        id: 'B2',
        campusId: 'c1',
        term: '代写',
        createdAt: new Date(at.getTime() + 1000),
        createdBy: 'admin-2',
      });
      expect(again).toEqual({ entry: first.entry, created: false });
      expect(
        (await blocked.add({ id: 'B3', campusId: 'c2', term: '代写', createdAt: at, createdBy: 'admin-1' })).created,
      ).toBe(true);
      expect(
        (await blocked.add({ id: 'B4', campusId: 'c1', term: '代写论文', createdAt: at, createdBy: 'admin-1' }))
          .created,
      ).toBe(true);
      expect((await blocked.forCampus('c1')).map((b) => b.id).sort()).toEqual(['B1', 'B4']);
      expect(await blocked.byId('B3')).toEqual({
        id: 'B3',
        campusId: 'c2',
        term: '代写',
        createdAt: at,
        createdBy: 'admin-1',
      });
      await blocked.remove('B1');
      expect(await blocked.byId('B1')).toBeNull();
      expect((await blocked.forCampus('c1')).map((b) => b.id)).toEqual(['B4']);
      expect(await blocked.byId('nope')).toBeNull();
    });
  });
}
