import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SavedSearch } from '../trades/saved-search.js';
import type { SavedSearchRepository } from '../trades/saved-search-ports.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';

export interface SavedSearchPorts {
  readonly savedSearches: SavedSearchRepository;
  readonly uow: UnitOfWork;
  /** Creates the students saved searches reference (real databases check the foreign key). */
  prepareUsers(ids: readonly string[]): Promise<void>;
  dispose(): Promise<void>;
}

const T0 = new Date('2026-09-01T02:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function aSearch(id: string, userId: string, minute: number, overrides: Partial<SavedSearch> = {}): SavedSearch {
  return { id, userId, campusId: 'demo', text: `自行车 ${id}`, filters: {}, createdAt: at(minute), ...overrides };
}

const ids = (rows: readonly SavedSearch[]) => rows.map((s) => s.id);

/** Saved searches, their keys and the daily alert slots. */
export function savedSearchContract(name: string, factory: () => Promise<SavedSearchPorts>): void {
  describe(`${name}: saved searches`, () => {
    let p: SavedSearchPorts;
    beforeEach(async () => {
      p = await factory();
      await p.prepareUsers(['u1', 'u2', 'u3']);
    });
    afterEach(async () => {
      await p.dispose();
    });

    it('keeps every field, lists newest first, and deletes only the owner’s', async () => {
      const full = aSearch('S1', 'u1', 0, {
        text: 'iPad 😀 二手',
        filters: {
          kind: 'item',
          categoryId: 'digital',
          condition: 'like_new',
          minPrice: 0,
          maxPrice: 250_000,
          areaId: 'east',
          tradeMethod: 'face_to_face',
        },
      });
      expect(await p.savedSearches.add(full, ['=ipad'], 20)).toBe(true);
      expect(await p.savedSearches.add(aSearch('S2', 'u1', 5), ['=自行'], 20)).toBe(true);
      expect(await p.savedSearches.add(aSearch('S3', 'u2', 9), ['=自行'], 20)).toBe(true);
      expect(await p.savedSearches.byUser('u1')).toEqual([aSearch('S2', 'u1', 5), full]);
      expect(await p.savedSearches.byUser('u3')).toEqual([]);

      expect(await p.savedSearches.remove('u2', 'S1')).toBe(false);
      expect(await p.savedSearches.remove('u1', 'nope')).toBe(false);
      expect(await p.savedSearches.remove('u1', 'S1')).toBe(true);
      expect(await p.savedSearches.remove('u1', 'S1')).toBe(false);
      expect(ids(await p.savedSearches.byUser('u1'))).toEqual(['S2']);
      expect(await p.savedSearches.withAnyKey('demo', ['=ipad'], null, 10)).toEqual([]);
    });

    it('refuses a search beyond the maximum of its owner, not of anybody else', async () => {
      for (let i = 0; i < 3; i++) expect(await p.savedSearches.add(aSearch(`S${i}`, 'u1', i), ['=a'], 3)).toBe(true);
      expect(await p.savedSearches.add(aSearch('S9', 'u1', 9), ['=a'], 3)).toBe(false);
      expect(await p.savedSearches.add(aSearch('T1', 'u2', 9), ['=a'], 3)).toBe(true);
      expect(ids(await p.savedSearches.byUser('u1'))).toEqual(['S2', 'S1', 'S0']);
      expect(await p.savedSearches.withAnyKey('demo', ['=a'], null, 10)).toHaveLength(4);
    });

    it('two saves at once never pass the maximum', async () => {
      await p.savedSearches.add(aSearch('S0', 'u1', 0), ['=a'], 2);
      const results = await Promise.all(
        ['S1', 'S2'].map((id, i) => p.uow.run(() => p.savedSearches.add(aSearch(id, 'u1', i + 1), ['=a', '=b'], 2))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await p.savedSearches.byUser('u1')).toHaveLength(2);
    });

    it('finds the searches of a campus filed under any of the keys, each once, by id, a page at a time', async () => {
      await p.savedSearches.add(aSearch('A', 'u1', 0), ['=自行', '=行车', '~ipad', '~pad'], 20);
      await p.savedSearches.add(aSearch('B', 'u2', 1), ['=书'], 20);
      await p.savedSearches.add(aSearch('C', 'u3', 2), ['=行车'], 20);
      await p.savedSearches.add(aSearch('D', 'u1', 3, { campusId: 'north' }), ['=行车'], 20);
      await p.savedSearches.add(aSearch('E', 'u2', 4), ['=行车', '=自行'], 20);

      expect(ids(await p.savedSearches.withAnyKey('demo', ['=自行', '=行车', '=山地'], null, 10))).toEqual([
        'A',
        'C',
        'E',
      ]);
      expect(ids(await p.savedSearches.withAnyKey('north', ['=行车'], null, 10))).toEqual(['D']);
      expect(ids(await p.savedSearches.withAnyKey('demo', ['~pad'], null, 10))).toEqual(['A']);
      expect(await p.savedSearches.withAnyKey('demo', ['=电脑'], null, 10)).toEqual([]);
      expect(await p.savedSearches.withAnyKey('demo', [], null, 10)).toEqual([]);
      const first = await p.savedSearches.withAnyKey('demo', ['=自行', '=行车', '=书'], null, 2);
      expect(ids(first)).toEqual(['A', 'B']);
      expect(first[0]).toEqual(aSearch('A', 'u1', 0));
      expect(ids(await p.savedSearches.withAnyKey('demo', ['=自行', '=行车', '=书'], 'B', 2))).toEqual(['C', 'E']);
    });

    it('finds a search by any of many keys (more than one statement holds)', async () => {
      const keys = Array.from({ length: 1500 }, (_, i) => `=k${i}`);
      await p.savedSearches.add(aSearch('A', 'u1', 0), ['=k1499'], 20);
      expect(ids(await p.savedSearches.withAnyKey('demo', keys, null, 10))).toEqual(['A']);
    });

    it('takes at most the daily number of alerts per student, once per listing, again the next day', async () => {
      const now = at(0);
      expect(await p.savedSearches.takeAlert('u1', 'L1', '2026-09-01', 2, now)).toBe(true);
      expect(await p.savedSearches.takeAlert('u1', 'L1', '2026-09-01', 2, now)).toBe(true);
      expect(await p.savedSearches.takeAlert('u1', 'L2', '2026-09-01', 2, now)).toBe(true);
      expect(await p.savedSearches.takeAlert('u1', 'L3', '2026-09-01', 2, now)).toBe(false);
      // Already taken for L1: a re-run still tells (the notification key keeps it one).
      expect(await p.savedSearches.takeAlert('u1', 'L1', '2026-09-01', 2, now)).toBe(true);
      expect(await p.savedSearches.takeAlert('u2', 'L3', '2026-09-01', 2, now)).toBe(true);
      expect(await p.savedSearches.takeAlert('u1', 'L3', '2026-09-02', 2, now)).toBe(true);
      expect(await p.savedSearches.takeAlert('u1', 'L1', '2026-09-02', 2, now)).toBe(true);
      expect(await p.savedSearches.takeAlert('u3', 'L1', '2026-09-01', 0, now)).toBe(false);
    });

    it('a unit of work that fails leaves no search and no alert behind', async () => {
      await expect(
        p.uow.run(async () => {
          await p.savedSearches.add(aSearch('S1', 'u1', 0), ['=a'], 20);
          await p.savedSearches.takeAlert('u1', 'L1', '2026-09-01', 1, at(0));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await p.savedSearches.byUser('u1')).toEqual([]);
      expect(await p.savedSearches.withAnyKey('demo', ['=a'], null, 10)).toEqual([]);
      expect(await p.savedSearches.takeAlert('u1', 'L2', '2026-09-01', 1, at(0))).toBe(true);
    });
  });
}
