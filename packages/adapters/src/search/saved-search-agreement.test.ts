import {
  actorFor,
  IndexedListingSearch,
  NotificationRecorder,
  SavedSearchAlerts,
  SaveSearch,
  StoredSynonyms,
  type JobQueue,
  type Listing,
  type SaveSearchInput,
  type SearchFilters,
} from '@xianzhi/core';
import {
  aCampus,
  aCategoryTree,
  aListing,
  aUser,
  InMemoryNotificationRepository,
  inMemoryPersistence,
  InMemorySearchIndexStore,
  InMemorySynonyms,
  SequentialIds,
  TestClock,
} from '@xianzhi/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { PinyinSearchTokenizer } from './tokenizer.js';

/**
 * What the search page finds is what a saved search alerts: each query below is saved by its own
 * student, every listing is published to the alerts (through the production tokenizer, the keys and the
 * search's own match rule), and the listings each student was told of must be exactly the search's hits.
 */
const tokenizer = new PinyinSearchTokenizer();
const clock = new TestClock(new Date('2026-09-01T04:00:00.000Z'));
const noQueue: JobQueue = { enqueue: async () => {} };

const listings: Listing[] = [
  aListing({ id: 'L-bike', title: '二手自行车 九成新', description: '骑了一学期，刹车灵敏', price: 30_000 }),
  aListing({ id: 'L-mtb', title: '捷安特山地车', description: '变速正常', price: 80_000 }),
  aListing({ id: 'L-ipad', title: 'iPad Air 4 64G', description: '屏幕无划痕' }),
  aListing({ id: 'L-mac', title: 'MacBook Pro 2019', description: '电池循环 300 次', categoryId: 'demo-computers' }),
  aListing({
    id: 'L-math',
    kind: 'book',
    title: '高等数学 同济第七版',
    description: '有少量笔记',
    rootCategoryId: 'demo-books',
    categoryId: 'demo-textbooks',
    book: { isbn: '9787040396638', author: null, publisher: null, course: null },
  }),
  aListing({ id: 'L-lamp', title: '护眼台灯', description: 'LED 三档调光', price: 5_000 }),
  aListing({ id: 'L-cheap-bike', title: '折叠自行车', description: '小巧', price: 9_000 }),
];

type Query = Omit<SaveSearchInput, 'actor'>;
const queries: [Query, boolean][] = [
  [{ text: '自行车' }, true],
  [{ text: 'zixingche' }, true],
  [{ text: 'zxc' }, true],
  [{ text: '山地' }, true],
  [{ text: 'ipda' }, true],
  [{ text: 'macbok' }, true],
  [{ text: 'IPAD' }, true],
  [{ text: '数学' }, true],
  [{ text: '9787040396638' }, true],
  [{ text: '台灯 自行车' }, true],
  [{ text: '电脑' }, true],
  [{ text: '刹车' }, true],
  [{ text: '自行车', maxPrice: 10_000 }, true],
  [{ text: '自行车', kind: 'wanted' }, false],
  // Through the shipped synonym dictionary, on both sides: 高数 is 高等数学, 单车 and 脚踏车 are 自行车.
  [{ text: '高数' }, true],
  [{ text: '单车' }, true],
  [{ text: '脚踏车 台灯' }, true],
  [{ text: '单车', maxPrice: 10_000 }, true],
  [{ text: '冰箱' }, false],
  [{ text: 'bingxiang' }, false],
];

describe('saved-search alerts agree with the search page (production tokenizer)', () => {
  const found = new Map<number, string[]>();
  const told = new Map<number, string[]>();

  beforeAll(async () => {
    const p = inMemoryPersistence();
    await p.campuses.save(aCampus());
    for (const c of aCategoryTree().all) await p.categories.save(c);
    await p.users.save(aUser({ id: 'user-owner' }));
    const ids = new SequentialIds('ss');
    const synonyms = new StoredSynonyms(new InMemorySynonyms());
    const save = new SaveSearch({
      savedSearches: p.savedSearches,
      categories: p.categories,
      tokenizer,
      uow: p.uow,
      ids,
      clock,
    });
    const notifications = new InMemoryNotificationRepository();
    const recorder = new NotificationRecorder({ notifications, users: p.users, queue: noQueue, ids, clock });
    const alerts = new SavedSearchAlerts({
      savedSearches: p.savedSearches,
      listings: p.listings,
      categories: p.categories,
      users: p.users,
      tokenizer,
      recorder,
      uow: p.uow,
      clock,
      dailyLimit: 1000,
      synonyms,
    });
    const search = new IndexedListingSearch({
      synonyms,
      tokenizer,
      store: new InMemorySearchIndexStore(),
      listings: p.listings,
      categories: p.categories,
      clock,
    });
    for (const [i, q] of queries.entries()) {
      const student = aUser({ id: `student-${i}` });
      await p.users.save(student);
      const saved = await save.execute({ actor: actorFor(student), ...q[0] });
      expect(saved.ok, q[0].text).toBe(true);
    }
    for (const l of listings) {
      await p.listings.save(l);
      await search.index(l);
      await alerts.alert(l.id);
    }
    for (const [i, q] of queries.entries()) {
      const { text, ...filters } = q[0];
      const hits = await search.search({ campusId: 'demo', text, filters: filters as SearchFilters, limit: 100 });
      found.set(i, hits.hits.map((h) => h.listingId).sort());
      const inbox = await notifications.noticesOf(`student-${i}`);
      told.set(i, inbox.map((n) => n.listingId!).sort());
    }
  });

  for (const [i, [q, some]] of queries.entries()) {
    const name = `${q.text}${Object.keys(q).length > 1 ? ' (filtered)' : ''}`;
    it(`${name}: ${some ? 'finds and alerts' : 'neither finds nor alerts'}`, () => {
      expect(told.get(i)).toEqual(found.get(i));
      expect((found.get(i) ?? []).length > 0).toBe(some);
    });
  }
});
