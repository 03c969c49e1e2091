import { describe, expect, it } from 'vitest';
import { Comment } from '../engagement/comment.js';
import type { AdminActor, UserActor } from '../identity/actor.js';
import { GetHotSearches, RecordSearch } from '../listings/hot-searches.js';
import { aCampus, aCategoryTree, aListing, aUser, inMemoryPersistence, TestClock } from '../testing/index.js';
import { InMemoryCampusStatistics } from '../testing/in-memory-campus-statistics.js';
import { campusStatisticsContract } from '../testing/campus-statistics-contract.js';
import { InMemoryBlockedSearchTerms, InMemorySearchLog } from '../testing/in-memory-search-log.js';
import { GetCampusStatistics, STATS_DAYS } from './campus-statistics.js';

campusStatisticsContract('in-memory', async () => {
  const p = inMemoryPersistence();
  return { ...p, stats: new InMemoryCampusStatistics(p.store), dispose: async () => {} };
});

const campusAdmin: AdminActor = { kind: 'admin', adminId: 'a1', role: 'campus_admin', campusId: 'demo' };
const superAdmin: AdminActor = { kind: 'admin', adminId: 'a0', role: 'super_admin', campusId: null };
const student: UserActor = {
  kind: 'user',
  userId: 'u1',
  campusId: 'demo',
  role: 'student',
  verified: true,
  banned: false,
};

async function world() {
  // 2026-09-30 10:00 in China.
  const clock = new TestClock(new Date('2026-09-30T02:00:00.000Z'));
  const p = inMemoryPersistence();
  await p.campuses.save(aCampus());
  await p.campuses.save(aCampus({ id: 'other-campus', name: '隔壁大学' }));
  for (const c of aCategoryTree().all) await p.categories.save(c);
  const log = new InMemorySearchLog();
  const hot = new GetHotSearches(log, new InMemoryBlockedSearchTerms(), clock);
  const record = new RecordSearch(log, { keyFor: (i, d, t) => `${i}|${d}|${t}` }, clock);
  const stats = new GetCampusStatistics({
    stats: new InMemoryCampusStatistics(p.store),
    campuses: p.campuses,
    categories: p.categories,
    hotSearches: hot,
    clock,
  });
  return { clock, p, stats, record };
}

describe('GetCampusStatistics', () => {
  it('gives a campus admin their campus: totals, 30 days with zeros, named categories and hot searches', async () => {
    const w = await world();
    await w.p.users.save(aUser({ id: 'user-owner', now: new Date('2026-09-29T02:00:00.000Z') }));
    await w.p.users.save(aUser({ id: 'U2', verified: false, now: new Date('2026-09-30T01:00:00.000Z') }));
    await w.p.listings.save(aListing({ id: 'L1', now: new Date('2026-09-29T02:00:00.000Z') }));
    await w.p.listings.save(
      aListing({
        id: 'L2',
        now: new Date('2026-09-30T01:00:00.000Z'),
        kind: 'book',
        categoryId: 'demo-textbooks',
        rootCategoryId: 'demo-books',
        status: 'sold',
      }),
    );
    await w.p.favorites.add('U2', 'L1', new Date('2026-09-30T01:30:00.000Z'));
    await w.p.comments.save(
      Comment.post({
        id: 'C1',
        listingId: 'L1',
        authorId: 'U2',
        body: '在吗',
        now: new Date('2026-09-30T01:40:00.000Z'),
      }),
    );
    for (const u of ['u1', 'u2', 'u3']) {
      await w.record.execute({
        actor: { ...student, userId: u },
        campusId: 'demo',
        text: '台灯',
        found: 1,
        firstPage: true,
      });
    }

    const r = await w.stats.execute({ actor: campusAdmin });
    if (!r.ok) throw new Error(r.error.code);
    const v = r.value;
    expect(v.campusId).toBe('demo');
    expect(v.campuses).toEqual([{ id: 'demo', name: aCampus().name }]);
    expect(v.listings).toMatchObject({ total: 2, byStatus: { active: 1, sold: 1 }, byKind: { item: 1, book: 1 } });
    expect(v.users).toEqual({ total: 2, verified: 1, unverified: 1 });
    expect(v.daily).toHaveLength(STATS_DAYS);
    expect(v.daily[0]!.day).toBe('2026-09-01');
    expect(v.daily.at(-1)).toEqual({
      day: '2026-09-30',
      newListings: 1,
      newUsers: 1,
      favorites: 1,
      comments: 1,
      views: 0,
      activeUsers: 0,
    });
    expect(v.daily.at(-2)).toEqual({
      day: '2026-09-29',
      newListings: 1,
      newUsers: 1,
      favorites: 0,
      comments: 0,
      views: 0,
      activeUsers: 0,
    });
    expect(v.daily.slice(0, -2).every((d) => d.newListings + d.newUsers + d.favorites + d.comments === 0)).toBe(true);
    expect(v.topCategories).toEqual([
      { categoryId: 'demo-phones', name: '手机', parentName: '电子产品', count: 1 },
      { categoryId: 'demo-textbooks', name: '教材', parentName: '旧书', count: 1 },
    ]);
    expect(v.hotSearches.map((h) => [h.term, h.searchers])).toEqual([['台灯', 3]]);
  });

  it('lets a super admin choose any campus, and refuses everyone else', async () => {
    const w = await world();
    const chosen = await w.stats.execute({ actor: superAdmin, campusId: 'other-campus' });
    expect(chosen.ok && [chosen.value.campusId, chosen.value.campuses.map((c) => c.id)]).toEqual([
      'other-campus',
      ['demo', 'other-campus'],
    ]);
    const first = await w.stats.execute({ actor: superAdmin });
    expect(first.ok && first.value.campusId).toBe('demo');
    await w.p.users.save(aUser({ id: 'U-north', campusId: 'other-campus' }));
    const all = await w.stats.execute({ actor: superAdmin, campusId: 'all' });
    expect(all.ok && [all.value.campusId, all.value.campusName, all.value.users.total, all.value.hotSearches]).toEqual([
      'all',
      '全部校区',
      1,
      [],
    ]);
    const code = async (input: Parameters<GetCampusStatistics['execute']>[0]) => {
      const r = await w.stats.execute(input);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code({ actor: superAdmin, campusId: 'nowhere' })).toBe('CAMPUS_NOT_FOUND');
    expect(await code({ actor: campusAdmin, campusId: 'other-campus' })).toBe('ADMIN_SCOPE');
    expect(await code({ actor: campusAdmin, campusId: 'all' })).toBe('ADMIN_SCOPE');
    expect(await code({ actor: student })).toBe('ADMIN_ONLY');
    expect(await code({ actor: { kind: 'anonymous' } })).toBe('UNAUTHENTICATED');
  });
});
