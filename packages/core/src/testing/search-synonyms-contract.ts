import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Listing } from '../listings/listing.js';
import { IndexedListingSearch, type SearchTokenizer } from '../listings/search.js';
import { StoredSynonyms } from '../listings/synonym-table.js';
import { aCategoryTree, aListing, TestClock, TEST_CAMPUS_ID } from './builders.js';
import { InMemorySynonyms } from './in-memory-synonyms.js';
import type { SearchPorts } from './search-contract.js';

/**
 * Synonyms on the real index: the production tokenizer and each adapter's token store, the shipped dictionary
 * plus a campus group. Nothing is reindexed when the dictionary changes: the query is expanded.
 */
export function searchSynonymsContract(
  adapterName: string,
  tokenizer: SearchTokenizer,
  factory: () => Promise<SearchPorts>,
): void {
  describe(`${adapterName}: ListingSearch with synonyms`, () => {
    let ports: SearchPorts;
    let groups: InMemorySynonyms;
    let search: IndexedListingSearch;
    let plain: IndexedListingSearch;
    const clock = new TestClock(new Date('2026-09-02T02:00:00.000Z'));
    const T = (days: number) => new Date(Date.UTC(2026, 8, 1, 2) - days * 86_400_000);

    beforeEach(async () => {
      ports = await factory();
      for (const c of [...aCategoryTree().all, ...aCategoryTree('other-campus').all]) await ports.categories.save(c);
      groups = new InMemorySynonyms();
      const deps = { tokenizer, store: ports.store, listings: ports.listings, categories: ports.categories, clock };
      search = new IndexedListingSearch({ ...deps, synonyms: new StoredSynonyms(groups) });
      plain = new IndexedListingSearch(deps);
    });
    afterEach(async () => {
      await ports.dispose();
    });

    const put = async (...ls: Listing[]) => {
      for (const l of ls) {
        await ports.listings.save(l);
        await search.index(l);
      }
    };
    const ids = async (text: string, s = search, campusId = TEST_CAMPUS_ID) =>
      (await s.search({ campusId, text, limit: 10 })).hits.map((h) => h.listingId);

    it('finds 自行车 listings for 单车, below the ones that say 单车, and marks the synonym', async () => {
      await put(
        aListing({ id: 'y-bike', title: '二手自行车 捷安特', description: '刹车灵敏', now: T(0) }),
        aListing({ id: 'y-danche', title: '单车 九成新', description: '骑了一学期', now: T(20) }),
        aListing({ id: 'y-record', title: '行车记录仪', description: '自行安装', now: T(0) }),
        aListing({ id: 'y-lamp', title: '台灯', now: T(0) }),
      );
      expect(await ids('单车', plain)).toEqual(['y-danche']);
      // The older listing that says the word searched still comes first; half a synonym (行车) is no match.
      expect(await ids('单车')).toEqual(['y-danche', 'y-bike']);
      const { hits } = await search.search({ campusId: TEST_CAMPUS_ID, text: '单车', limit: 10 });
      expect(hits[1]!.title.filter((p) => p.match).map((p) => p.text)).toEqual(['自行车']);
      expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
      // Both ways round (行车记录仪 shares a bigram with 自行车 itself, so it trails), and inside a longer query.
      expect((await ids('自行车')).slice(0, 2)).toEqual(['y-bike', 'y-danche']);
      expect(await ids('二手单车')).toContain('y-bike');
    });

    it('finds course nicknames, brands in either script and a title that says 椅 alone', async () => {
      await put(
        aListing({ id: 'y-gaoshu', title: '高等数学 同济第七版 上册', categoryId: `${TEST_CAMPUS_ID}-textbooks` }),
        aListing({ id: 'y-xiandai', title: '线代 复习笔记' }),
        aListing({ id: 'y-dell', title: 'Dell U2723QE 显示器' }),
        aListing({ id: 'y-lenovo', title: '联想小新 Air 14' }),
        aListing({ id: 'y-chair', title: '人体工学椅 网易严选' }),
        aListing({ id: 'y-apple', title: 'Apple Pencil 二代' }),
      );
      expect(await ids('高数')).toEqual(['y-gaoshu']);
      expect(await ids('线性代数')).toEqual(['y-xiandai']);
      expect(await ids('戴尔')).toEqual(['y-dell']);
      expect(await ids('lenovo')).toEqual(['y-lenovo']);
      expect(await ids('椅子')).toEqual(['y-chair']);
      expect(await ids('苹果笔')).toEqual(['y-apple']);
      expect(await ids('高数', plain)).toEqual([]);
    });

    it("uses the campus's own groups, on that campus only, over the shipped ones", async () => {
      await put(
        aListing({ id: 'y-yellow', title: '小黄车 年卡' }),
        aListing({ id: 'y-bike', title: '自行车 八成新' }),
        aListing({
          id: 'y-other',
          campusId: 'other-campus',
          title: '小黄车 月卡',
          categoryId: 'other-campus-phones',
          rootCategoryId: 'other-campus-digital',
        }),
      );
      expect(await ids('单车')).toEqual(['y-bike']);
      const at = clock.now();
      await groups.save({
        id: 'g1',
        campusId: TEST_CAMPUS_ID,
        terms: ['单车', '小黄车'],
        createdAt: at,
        createdBy: 'admin-1',
        updatedAt: at,
        updatedBy: 'admin-1',
      });
      // No reindex: the next query is expanded with the new group, which replaces 单车's shipped group.
      expect(await ids('单车')).toEqual(['y-yellow']);
      expect(await ids('单车', search, 'other-campus')).toEqual([]);
      expect(await ids('自行车')).toEqual(['y-bike']);
    });

    it('brings a word found only in a description into the top 10 when few titles match', async () => {
      for (let i = 0; i < 30; i++) await put(aListing({ id: `y-noise-${i}`, title: `台灯 ${i}号`, now: T(i % 5) }));
      await put(
        aListing({ id: 'y-t1', title: '单车 带锁', now: T(1) }),
        aListing({ id: 'y-t2', title: '公路自行车', now: T(2) }),
        aListing({ id: 'y-t3', title: '脚踏车 女款', now: T(3) }),
        aListing({ id: 'y-desc', title: '头盔 车筐 打包', description: '毕业出，之前配单车用的', now: T(25) }),
        aListing({ id: 'y-desc-syn', title: '车锁', description: '自行车用，带两把钥匙', now: T(25) }),
      );
      const top = await ids('单车');
      expect(top.slice(0, 3)).toEqual(['y-t1', 'y-t2', 'y-t3']);
      expect(top).toContain('y-desc');
      expect(top).toContain('y-desc-syn');
      // The word itself in a description ranks above its synonym in a description.
      expect(top.indexOf('y-desc')).toBeLessThan(top.indexOf('y-desc-syn'));
    });

    it('suggests titles that say a synonym, and a category named by one', async () => {
      await put(aListing({ id: 'y-bike', title: '自行车 捷安特' }));
      expect(await search.suggest(TEST_CAMPUS_ID, '单车', 5)).toEqual(['自行车 捷安特']);
      expect(await search.suggest(TEST_CAMPUS_ID, '数码', 5)).toEqual([]);
      await groups.save({
        id: 'g2',
        campusId: TEST_CAMPUS_ID,
        terms: ['数码', '电子产品'],
        createdAt: clock.now(),
        createdBy: 'admin-1',
        updatedAt: clock.now(),
        updatedBy: 'admin-1',
      });
      // 电子产品 is a category of the test tree: named by the group, it completes 数码.
      expect(await search.suggest(TEST_CAMPUS_ID, '数码', 5)).toContain('电子产品');
    });
  });
}
