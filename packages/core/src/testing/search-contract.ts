import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CategoryRepository } from '../catalog/ports.js';
import type { Listing } from '../listings/listing.js';
import type { ListingRepository } from '../listings/ports.js';
import { IndexedListingSearch, type SearchIndexStore, type SearchTokenizer } from '../listings/search.js';
import { aCategoryTree, aListing, TestClock, TEST_CAMPUS_ID } from './builders.js';

/** What a search adapter family provides: one fresh store holding the campuses `demo` and `other-campus` and the user `user-owner`. */
export interface SearchPorts {
  store: SearchIndexStore;
  listings: ListingRepository;
  categories: CategoryRepository;
  dispose(): Promise<void>;
}

/**
 * The search contract: the same queries find the same listings in the same order on every store.
 * It needs the production tokenizer (pinyin, bigrams), so adapters run it, not core.
 */
export function searchContract(
  adapterName: string,
  tokenizer: SearchTokenizer,
  factory: () => Promise<SearchPorts>,
): void {
  describe(`${adapterName}: ListingSearch`, () => {
    let ports: SearchPorts;
    let search: IndexedListingSearch;
    const clock = new TestClock(new Date('2026-09-02T02:00:00.000Z'));
    const T = (days: number) => new Date(Date.UTC(2026, 8, 1, 2) - days * 86_400_000);

    beforeEach(async () => {
      ports = await factory();
      for (const c of [...aCategoryTree().all, ...aCategoryTree('other-campus').all]) await ports.categories.save(c);
      search = new IndexedListingSearch({
        tokenizer,
        store: ports.store,
        listings: ports.listings,
        categories: ports.categories,
        clock,
      });
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
    const ids = async (text: string, filters = {}) =>
      (await search.search({ campusId: TEST_CAMPUS_ID, text, filters, limit: 10 })).hits.map((h) => h.listingId);

    it('finds Chinese words inside titles, by whole word, part of a word, pinyin and initials', async () => {
      await put(
        aListing({
          id: 's-bike',
          title: '二手自行车 九成新',
          description: '骑了一学期，刹车灵敏',
          categoryId: `${TEST_CAMPUS_ID}-other`,
          rootCategoryId: `${TEST_CAMPUS_ID}-other`,
        }),
        aListing({ id: 's-lamp', title: '台灯', description: '宿舍用，可调光' }),
      );
      expect(await ids('自行车')).toEqual(['s-bike']);
      expect(await ids('自行')).toEqual(['s-bike']);
      expect(await ids('zixingche')).toEqual(['s-bike']);
      expect(await ids('zxc')).toEqual(['s-bike']);
      expect(await ids('台灯')).toEqual(['s-lamp']);
    });

    it('matches Latin brands in any case and forgives one typo', async () => {
      await put(aListing({ id: 's-ipad', title: 'iPad Air 4 64G', description: '屏幕无划痕' }));
      expect(await ids('ipad')).toEqual(['s-ipad']);
      expect(await ids('IPAD')).toEqual(['s-ipad']);
      expect(await ids('ipda')).toEqual(['s-ipad']);
      expect(await ids('iphone')).toEqual([]);
    });

    it('finds a book by its exact ISBN-13', async () => {
      await put(
        aListing({
          id: 's-book',
          kind: 'book',
          title: '高等数学 第七版',
          categoryId: `${TEST_CAMPUS_ID}-textbooks`,
          rootCategoryId: `${TEST_CAMPUS_ID}-books`,
          book: { isbn: '9787040396638', author: '同济大学', publisher: null, course: null },
        }),
      );
      expect(await ids('9787040396638')).toEqual(['s-book']);
      expect(await ids('978-7-04-039663-8')).toEqual(['s-book']);
    });

    it('ranks a title match above a category or description match, fresher first among equals', async () => {
      await put(
        aListing({ id: 's-desc', title: '耳机', description: '配手机用的耳机', now: T(0) }),
        aListing({ id: 's-title-old', title: '手机 小米', description: '好用', now: T(10) }),
        aListing({ id: 's-title-new', title: '手机 华为', description: '好用', now: T(1) }),
      );
      const order = await ids('手机');
      expect(order.slice(0, 2)).toEqual(['s-title-new', 's-title-old']);
      expect(order).toContain('s-desc');
    });

    it('leaves sold, withdrawn and removed listings out, and other campuses', async () => {
      const sold = aListing({ id: 's-sold', title: '电饭煲' });
      await put(
        sold,
        aListing({
          id: 's-other',
          campusId: 'other-campus',
          title: '电饭煲',
          categoryId: 'other-campus-phones',
          rootCategoryId: 'other-campus-digital',
        }),
      );
      expect(await ids('电饭煲')).toEqual(['s-sold']);
      sold.status = 'sold';
      await put(sold);
      expect(await ids('电饭煲')).toEqual([]);
      const removed = aListing({ id: 's-removed', title: '电饭煲 大号' });
      await put(removed);
      await ports.listings.save(Object.assign(removed, { status: 'removed' }));
      expect(await ids('电饭煲')).toEqual([]);
    });

    it('combines filters with the query and highlights what matched', async () => {
      await put(
        aListing({ id: 's-cheap', title: '考研英语 真题', price: 2_000, condition: 'new' }),
        aListing({
          id: 's-dear',
          title: '考研英语 词汇',
          price: 9_000,
          condition: 'lightly_used',
          tradeMethods: ['face_to_face', 'express'],
        }),
      );
      expect(await ids('考研', { tradeMethod: 'express' })).toEqual(['s-dear']);
      expect(await ids('考研', { tradeMethod: 'delivery' })).toEqual([]);
      expect(await ids('考研', { maxPrice: 5_000 })).toEqual(['s-cheap']);
      expect(await ids('考研', { condition: 'lightly_used' })).toEqual(['s-dear']);
      expect((await ids('考研', { categoryId: `${TEST_CAMPUS_ID}-digital` })).sort()).toEqual(['s-cheap', 's-dear']);
      const { hits } = await search.search({ campusId: TEST_CAMPUS_ID, text: '英语', limit: 1 });
      expect(hits[0]!.title.filter((p) => p.match).map((p) => p.text)).toEqual(['英语']);
    });

    it('pages by offset and suggests titles and category names by prefix', async () => {
      for (let i = 0; i < 5; i++) await put(aListing({ id: `s-chair-${i}`, title: `椅子 ${i}号`, now: T(i) }));
      const first = await search.search({ campusId: TEST_CAMPUS_ID, text: '椅子', limit: 3 });
      const second = await search.search({ campusId: TEST_CAMPUS_ID, text: '椅子', limit: 3, offset: 3 });
      expect(first.hasMore).toBe(true);
      expect(second.hasMore).toBe(false);
      expect([...first.hits, ...second.hits].map((h) => h.listingId)).toEqual([
        's-chair-0',
        's-chair-1',
        's-chair-2',
        's-chair-3',
        's-chair-4',
      ]);
      expect(await search.suggest(TEST_CAMPUS_ID, '椅', 3)).toHaveLength(3);
      expect(await search.suggest(TEST_CAMPUS_ID, '手', 5)).toContain('手机');
    });

    it('reads at most N postings per token and field, of the newest listings, and skips tokens nobody has', async () => {
      await put(
        aListing({ id: 's-cap-1', title: '台灯 护眼', description: '台灯' }),
        aListing({ id: 's-cap-2', title: '台灯 宿舍' }),
        aListing({ id: 's-cap-3', title: '台灯 白色' }),
      );
      const postings = await ports.store.lookup(TEST_CAMPUS_ID, ['台灯', 'zzzz', 'taideng'], 2);
      const of = (token: string, field: string) =>
        postings
          .filter((p) => p.token === token && p.field === field)
          .map((p) => p.listingId)
          .sort();
      expect(of('台灯', 'title')).toEqual(['s-cap-2', 's-cap-3']);
      expect(of('台灯', 'description')).toEqual(['s-cap-1']);
      expect(of('taideng', 'title')).toEqual(['s-cap-2', 's-cap-3']);
      expect(postings.filter((p) => p.token === 'zzzz')).toEqual([]);
      expect(await ports.store.lookup(TEST_CAMPUS_ID, ['台灯'], 2).then((ps) => ps.length)).toBe(3);
      expect(await ports.store.lookup('other-campus', ['台灯'], 2)).toEqual([]);
    });

    it('ranks equal matches by when they were last listed: a renewal, once indexed, moves an old post up', async () => {
      const old = aListing({ id: 's-lamp-old', title: '护眼台灯', now: T(20) });
      await put(old, aListing({ id: 's-lamp-new', title: '护眼台灯 白色', now: T(5) }));
      expect(await ids('台灯')).toEqual(['s-lamp-new', 's-lamp-old']);
      old.listedAt = T(1);
      await put(old);
      expect(await ids('台灯')).toEqual(['s-lamp-old', 's-lamp-new']);
      const freshest = await ports.store.lookup(TEST_CAMPUS_ID, ['台灯'], 1);
      expect(freshest.map((p) => [p.listingId, p.listedAt.toISOString()])).toEqual([
        ['s-lamp-old', T(1).toISOString()],
      ]);
    });

    it('reflects a price change in filtered results once the listing is indexed again', async () => {
      const desk = aListing({ id: 's-desk', title: '书桌 实木', price: 2_000 });
      await put(desk);
      expect(await ids('书桌', { maxPrice: 5_000 })).toEqual(['s-desk']);
      desk.price = 9_000;
      await put(desk);
      expect(await ids('书桌', { maxPrice: 5_000 })).toEqual([]);
      expect(await ids('书桌', { minPrice: 8_000 })).toEqual(['s-desk']);
    });

    it('leaves out a listing sold or edited after it was indexed, before the index catches up', async () => {
      const fan = aListing({ id: 's-fan', title: '小风扇', condition: 'new' });
      const other = aListing({ id: 's-fan-2', title: '小风扇 静音', condition: 'new', now: T(3) });
      await put(fan, other);
      expect(await ids('风扇', { condition: 'new' })).toEqual(['s-fan', 's-fan-2']);
      await ports.listings.save(Object.assign(fan, { status: 'sold' }));
      await ports.listings.save(Object.assign(other, { condition: 'heavily_used' }));
      expect(await ids('风扇', { condition: 'new' })).toEqual([]);
      expect(await ids('风扇')).toEqual(['s-fan-2']);
    });

    it('keeps looking past candidates that are no longer hits to fill the page', async () => {
      for (let i = 0; i < 25; i++) {
        const gone = aListing({ id: `s-mug-${String(i).padStart(2, '0')}`, title: `马克杯 ${i}`, now: T(i) });
        await put(gone);
        await ports.listings.save(Object.assign(gone, { status: 'withdrawn' }));
      }
      await put(aListing({ id: 's-mug-live', title: '马克杯 陶瓷', now: T(40), lifetimeDays: 60 }));
      const { hits, hasMore } = await search.search({ campusId: TEST_CAMPUS_ID, text: '马克杯', limit: 10 });
      expect(hits.map((h) => h.listingId)).toEqual(['s-mug-live']);
      expect(hasMore).toBe(false);
    });

    it('forgets a removed listing', async () => {
      await put(aListing({ id: 's-gone', title: '吉他' }));
      await search.remove('s-gone');
      expect(await ids('吉他')).toEqual([]);
    });
  });
}
