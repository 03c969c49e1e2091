import { describe, expect, it } from 'vitest';
import type { ListingRepository, SearchHitQuery } from '../listings/ports.js';
import { aListing, TEST_CAMPUS_ID } from './builders.js';

const T0 = new Date('2026-09-01T02:00:00.000Z');
const HOUR = 3600_000;

/**
 * `ListingRepository.searchHits`, the check search runs on its ranked candidates; part of persistenceContract
 * (the test campus, 'other-campus', both category trees and 'user-owner' exist).
 */
export function searchHitsContract(adapterName: string, ports: () => { listings: ListingRepository }): void {
  describe(`${adapterName}: ListingRepository.searchHits`, () => {
    it('tells which candidates search may show: live, unexpired, in the campus, passing the filters', async () => {
      for (const l of [
        aListing({ id: 'H-phone', price: 9_000, condition: 'new', areaId: 'library' }),
        aListing({
          id: 'H-book',
          kind: 'book',
          categoryId: 'demo-textbooks',
          rootCategoryId: 'demo-books',
          price: 2_000,
          condition: 'like_new',
        }),
        aListing({ id: 'H-free', kind: 'wanted', price: null, condition: null }),
        aListing({ id: 'H-reserved', status: 'reserved', price: 5_000 }),
        aListing({ id: 'H-sold', status: 'sold' }),
        aListing({ id: 'H-old', now: new Date(T0.getTime() - 31 * 24 * HOUR) }),
        aListing({
          id: 'H-other',
          campusId: 'other-campus',
          categoryId: 'other-campus-phones',
          rootCategoryId: 'other-campus-digital',
        }),
      ])
        await ports().listings.save(l);
      const all = ['H-phone', 'H-book', 'H-free', 'H-reserved', 'H-sold', 'H-old', 'H-other', 'H-missing'];
      const hits = async (q: Omit<SearchHitQuery, 'campusId' | 'now'> = {}) =>
        (await ports().listings.searchHits(all, { campusId: TEST_CAMPUS_ID, now: T0, ...q })).map((h) => h.id).sort();
      expect(await hits()).toEqual(['H-book', 'H-free', 'H-phone', 'H-reserved']);
      expect(await hits({ priced: true })).toEqual(['H-book', 'H-phone', 'H-reserved']);
      expect(await hits({ kind: 'book' })).toEqual(['H-book']);
      expect(await hits({ categoryId: 'demo-books' })).toEqual(['H-book']);
      expect(await hits({ categoryId: 'demo-textbooks' })).toEqual(['H-book']);
      expect(await hits({ condition: 'new' })).toEqual(['H-phone']);
      expect(await hits({ areaId: 'library' })).toEqual(['H-phone']);
      expect(await hits({ minPrice: 3_000, maxPrice: 6_000 })).toEqual(['H-reserved']);
      expect(await hits({ maxPrice: 100_000 })).toEqual(['H-book', 'H-phone', 'H-reserved']);
      const rows = await ports().listings.searchHits(['H-phone', 'H-free'], { campusId: TEST_CAMPUS_ID, now: T0 });
      expect(Object.fromEntries(rows.map((r) => [r.id, r.price]))).toEqual({ 'H-phone': 9_000, 'H-free': null });
      expect(await ports().listings.searchHits([], { campusId: TEST_CAMPUS_ID, now: T0 })).toEqual([]);
    });
  });
}
