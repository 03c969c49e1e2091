import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SynonymGroup, SynonymRepository } from '../listings/synonyms.js';

export interface SynonymPorts {
  readonly synonyms: SynonymRepository;
  dispose(): Promise<void>;
}

const at = new Date('2026-09-01T02:00:00.123Z');
const group = (over: Partial<SynonymGroup> = {}): SynonymGroup => ({
  id: 'S1',
  campusId: 'c1',
  terms: ['单车', '自行车', '脚踏车'],
  createdAt: at,
  createdBy: 'admin-1',
  updatedAt: at,
  updatedBy: 'admin-1',
  ...over,
});
const byId = (a: SynonymGroup, b: SynonymGroup) => (a.id < b.id ? -1 : 1);

/** The synonym groups admins keep per campus, the same on every adapter. */
export function synonymsContract(adapterName: string, factory: () => Promise<SynonymPorts>): void {
  describe(`${adapterName}: SynonymRepository`, () => {
    let ports: SynonymPorts;
    beforeEach(async () => {
      ports = await factory();
    });
    afterEach(async () => {
      await ports.dispose();
    });

    it('stores a group and answers it as it was given, words in their order', async () => {
      await ports.synonyms.save(group());
      expect(await ports.synonyms.byId('S1')).toEqual(group());
      expect(await ports.synonyms.forCampus('c1')).toEqual([group()]);
      expect(await ports.synonyms.byId('nope')).toBeNull();
    });

    it('keeps every word byte for byte: Latin with spaces, symbols, long Chinese words, twelve of them', async () => {
      const terms = [
        'apple watch',
        'c++',
        'ｉｐａｄ',
        'café',
        '毛泽东思想和中国特色社会主义理论体系概论'.slice(0, 20),
        ...Array.from({ length: 7 }, (_, i) => `词${i}`.repeat(5)),
      ];
      await ports.synonyms.save(group({ terms }));
      expect((await ports.synonyms.byId('S1'))?.terms).toEqual(terms);
    });

    it('replaces a group by id; the campus it was made for stays', async () => {
      await ports.synonyms.save(group());
      const later = new Date(at.getTime() + 60_000);
      await ports.synonyms.save(
        group({ campusId: 'c2', terms: ['单车', '自行车'], updatedAt: later, updatedBy: 'admin-2' }),
      );
      expect(await ports.synonyms.byId('S1')).toEqual(
        group({ terms: ['单车', '自行车'], updatedAt: later, updatedBy: 'admin-2' }),
      );
      expect(await ports.synonyms.forCampus('c2')).toEqual([]);
    });

    it('keeps campuses apart', async () => {
      await ports.synonyms.save(group());
      await ports.synonyms.save(group({ id: 'S2', campusId: 'c2', terms: ['单车', '小黄车'] }));
      await ports.synonyms.save(group({ id: 'S3', terms: ['高数', '高等数学'] }));
      expect((await ports.synonyms.forCampus('c1')).sort(byId).map((g) => g.id)).toEqual(['S1', 'S3']);
      expect(await ports.synonyms.forCampus('c2')).toEqual([
        group({ id: 'S2', campusId: 'c2', terms: ['单车', '小黄车'] }),
      ]);
      expect(await ports.synonyms.forCampus('c3')).toEqual([]);
      await ports.synonyms.remove('S2');
      expect(await ports.synonyms.forCampus('c2')).toEqual([]);
      expect((await ports.synonyms.forCampus('c1')).length).toBe(2);
    });

    it('removes a group; removing one that is gone changes nothing', async () => {
      await ports.synonyms.save(group());
      await ports.synonyms.remove('S1');
      await ports.synonyms.remove('S1');
      expect(await ports.synonyms.byId('S1')).toBeNull();
      expect(await ports.synonyms.forCampus('c1')).toEqual([]);
    });

    it('answers copies: changing what it answered changes nothing stored', async () => {
      await ports.synonyms.save(group());
      const read = await ports.synonyms.byId('S1');
      (read!.terms as string[]).push('改了');
      expect((await ports.synonyms.byId('S1'))?.terms).toEqual(group().terms);
    });
  });
}
