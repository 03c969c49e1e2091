import { describe, expect, it } from 'vitest';
import type { AdminActor, UserActor } from '../identity/actor.js';
import { anonymous } from '../identity/actor.js';
import { aCampus, inMemoryPersistence, SequentialIds, TestClock } from '../testing/index.js';
import { InMemoryBlockedSearchTerms, InMemorySearchLog } from '../testing/in-memory-search-log.js';
import { searchLogContract } from '../testing/search-log-contract.js';
import { BlockSearchTerm, ListBlockedSearchTerms, UnblockSearchTerm } from './blocked-search-terms.js';
import { GetHotSearches, RecordSearch } from './hot-searches.js';
import { normaliseSearchTerm, rankHotTerms, type SearcherKeys } from './search-log.js';

searchLogContract('in-memory', async () => ({
  log: new InMemorySearchLog(),
  blocked: new InMemoryBlockedSearchTerms(),
  dispose: async () => {},
}));

/** Stands in for the HMAC: keeps the inputs visible so the tests can see what would be hashed. */
const keys: SearcherKeys = { keyFor: (identity, day, term) => `${identity}|${day}|${term}` };
const user = (n: number): UserActor => ({
  kind: 'user',
  userId: `u${n}`,
  campusId: 'demo',
  role: 'student',
  verified: true,
  banned: false,
});
const campusAdmin: AdminActor = { kind: 'admin', adminId: 'admin-1', role: 'campus_admin', campusId: 'demo' };
const otherAdmin: AdminActor = { kind: 'admin', adminId: 'admin-2', role: 'campus_admin', campusId: 'other-campus' };

function world() {
  const clock = new TestClock(new Date('2026-09-10T04:00:00.000Z'));
  const log = new InMemorySearchLog();
  const blocked = new InMemoryBlockedSearchTerms();
  const p = inMemoryPersistence();
  const record = new RecordSearch(log, keys, clock);
  const hot = new GetHotSearches(log, blocked, clock);
  const search = (
    actor: UserActor | typeof anonymous,
    text: string,
    extra: Partial<Parameters<RecordSearch['execute']>[0]> = {},
  ) => record.execute({ actor, campusId: 'demo', text, found: 3, firstPage: true, ...extra });
  return { clock, log, blocked, p, record, hot, search };
}

describe('normaliseSearchTerm', () => {
  it('folds width, case and spaces', () => {
    expect(normaliseSearchTerm('  ＩＰａｄ   Pro ')).toBe('ipad pro');
    expect(normaliseSearchTerm('自行车')).toBe('自行车');
    expect(normaliseSearchTerm('书')).toBe('书');
  });

  it('refuses what must not be counted', () => {
    for (const q of [
      '',
      '   ',
      'a',
      'Ｚ',
      '7',
      '!!',
      '？？',
      '13812345678',
      'qq 123456',
      '9787040396638',
      '一二三四五六七八九十一二三四五六七八九十一',
    ]) {
      expect(normaliseSearchTerm(q), q).toBeNull();
    }
    expect(normaliseSearchTerm('zxc')).toBe('zxc');
    expect(normaliseSearchTerm('iphone 13')).toBe('iphone 13');
  });
});

describe('rankHotTerms', () => {
  it('weighs each day back by the decay and hides blocked terms and terms containing them', () => {
    const rows = [
      { term: '自行车', day: '2026-09-10', searches: 4, searchers: 3 },
      { term: '台灯', day: '2026-09-04', searches: 9, searchers: 6 }, // six days ago: 6 × 0.8^6 ≈ 1.57
      { term: '风扇', day: '2026-09-09', searches: 2, searchers: 2 }, // 1.6
      { term: '代写论文', day: '2026-09-10', searches: 9, searchers: 9 },
    ];
    const ranked = rankHotTerms(rows, '2026-09-10', ['代写'], 10);
    expect(ranked.map((r) => r.term)).toEqual(['自行车', '风扇', '台灯']);
    expect(ranked[2]).toEqual({ term: '台灯', score: 1.573, searchers: 6, searches: 9 });
    expect(rankHotTerms(rows, '2026-09-10', [], 2).map((r) => r.term)).toEqual(['代写论文', '自行车']);
  });
});

describe('RecordSearch and GetHotSearches', () => {
  it('one person searching again and again, even over days, never makes a term hot', async () => {
    const w = world();
    for (let day = 0; day < 7; day++) {
      for (let i = 0; i < 20; i++) await w.search(user(1), '刷单');
      w.clock.advance(24 * 3600_000);
    }
    expect(await w.hot.execute({ campusId: 'demo' })).toEqual([]);
  });

  it('terms several people search become hot, best first, at most ten', async () => {
    const w = world();
    for (let t = 0; t < 12; t++) {
      // 3 to 7 different searchers per term.
      for (let n = 0; n < (t % 5) + 3; n++) await w.search(user(n), `词${String.fromCharCode(0x4e00 + t)}`);
    }
    const hot = await w.hot.execute({ campusId: 'demo' });
    expect(hot).toHaveLength(10);
    expect(hot.slice(0, 2).map((h) => [h.term, h.searchers])).toEqual([
      ['词丄', 7],
      ['词三', 7],
    ]);
    expect(hot.every((h, i) => i === 0 || hot[i - 1]!.score >= h.score)).toBe(true);
  });

  it('counts signed-in students, not visitors, admins, later pages, empty results or unusable queries', async () => {
    const w = world();
    expect(await w.search(user(1), '自行车')).toBe(true);
    expect(await w.search(anonymous, '自行车')).toBe(false);
    expect(
      await w.record.execute({ actor: campusAdmin, campusId: 'demo', text: '自行车', found: 3, firstPage: true }),
    ).toBe(false);
    expect(await w.search(user(2), '自行车', { firstPage: false })).toBe(false);
    expect(await w.search(user(2), '自行车', { found: 0 })).toBe(false);
    expect(await w.search(user(2), 'x')).toBe(false);
    expect(await w.search(user(2), '13812345678')).toBe(false);
    const rows = await w.log.termDays({
      campusId: 'demo',
      sinceDay: '2026-09-01',
      minSearchersOnADay: 1,
      minSearchers: 1,
    });
    expect(rows).toEqual([{ term: '自行车', day: '2026-09-10', searches: 1, searchers: 1 }]);
  });

  it('drops the day-scoped searcher keys once the day is over, and old counts after 30 days', async () => {
    const w = world();
    await w.search(user(1), '自行车');
    await w.search(user(2), '台灯');
    expect(w.log.heldSearcherKeys).toBe(2);
    w.clock.advance(24 * 3600_000);
    await w.search(user(3), '自行车');
    expect(w.log.heldSearcherKeys).toBe(1);
    w.clock.advance(31 * 24 * 3600_000);
    await w.search(user(3), '风扇');
    expect(
      await w.log.termDays({ campusId: 'demo', sinceDay: '2026-01-01', minSearchersOnADay: 1, minSearchers: 1 }),
    ).toEqual([{ term: '风扇', day: '2026-10-12', searches: 1, searchers: 1 }]);
  });

  it('looks back seven days, today included', async () => {
    const w = world();
    for (let n = 0; n < 3; n++) await w.search(user(n), '台灯');
    w.clock.advance(6 * 24 * 3600_000);
    expect((await w.hot.execute({ campusId: 'demo' })).map((h) => h.term)).toEqual(['台灯']);
    w.clock.advance(24 * 3600_000);
    expect(await w.hot.execute({ campusId: 'demo' })).toEqual([]);
  });
});

describe('the block list', () => {
  function admin() {
    const w = world();
    const ids = new SequentialIds();
    const block = new BlockSearchTerm({
      blocked: w.blocked,
      campuses: w.p.campuses,
      audit: w.p.auditLog,
      uow: w.p.uow,
      ids,
      clock: w.clock,
    });
    const unblock = new UnblockSearchTerm(w.blocked, w.p.auditLog, w.p.uow, w.clock);
    const list = new ListBlockedSearchTerms(w.blocked, w.p.campuses);
    return { ...w, block, unblock, list };
  }

  it('hides a blocked term from the hot searches, records who did it, and lifts it again', async () => {
    const w = admin();
    await w.p.campuses.save(aCampus());
    for (let n = 0; n < 3; n++) {
      await w.search(user(n), '代写论文');
      await w.search(user(n), '自行车');
    }
    const blocked = await w.block.execute({ actor: campusAdmin, campusId: 'demo', term: ' 代写 ' });
    expect(blocked.ok && blocked.value.created && blocked.value.entry.term).toBe('代写');
    const again = await w.block.execute({ actor: campusAdmin, campusId: 'demo', term: '代写' });
    expect(again.ok && !again.value.created).toBe(true);
    expect((await w.hot.execute({ campusId: 'demo' })).map((h) => h.term)).toEqual(['自行车']);
    const audit = await w.p.auditLog.list({ limit: 10 });
    expect(audit.map((a) => [a.action, a.details])).toEqual([['search_term.block', { term: '代写' }]]);

    const list = await w.list.execute({ actor: campusAdmin, campusId: 'demo' });
    expect(list.ok && list.value.map((b) => b.term)).toEqual(['代写']);
    const id = blocked.ok ? blocked.value.entry.id : '';
    expect((await w.unblock.execute({ actor: otherAdmin, id })).ok).toBe(false);
    expect((await w.unblock.execute({ actor: campusAdmin, id })).ok).toBe(true);
    expect((await w.hot.execute({ campusId: 'demo' })).map((h) => h.term).sort()).toEqual(['代写论文', '自行车']);
    const gone = await w.unblock.execute({ actor: campusAdmin, id });
    expect(!gone.ok && gone.error.code).toBe('BLOCKED_SEARCH_TERM_NOT_FOUND');
  });

  it('refuses students, other campuses, unknown campuses and empty or long terms', async () => {
    const w = admin();
    await w.p.campuses.save(aCampus());
    const code = async (r: Promise<{ ok: boolean; error?: { code: string } }>) => {
      const x = await r;
      return x.ok ? 'ok' : x.error!.code;
    };
    expect(await code(w.block.execute({ actor: user(1), campusId: 'demo', term: '代写' }))).toBe('ADMIN_ONLY');
    expect(await code(w.block.execute({ actor: anonymous, campusId: 'demo', term: '代写' }))).toBe('UNAUTHENTICATED');
    expect(await code(w.block.execute({ actor: otherAdmin, campusId: 'demo', term: '代写' }))).toBe('ADMIN_SCOPE');
    expect(
      await code(
        w.block.execute({
          actor: { ...campusAdmin, role: 'super_admin', campusId: null },
          campusId: 'nowhere',
          term: '代写',
        }),
      ),
    ).toBe('CAMPUS_NOT_FOUND');
    expect(await code(w.block.execute({ actor: campusAdmin, campusId: 'demo', term: '  ' }))).toBe('VALIDATION_FAILED');
    expect(await code(w.block.execute({ actor: campusAdmin, campusId: 'demo', term: '长'.repeat(21) }))).toBe(
      'VALIDATION_FAILED',
    );
    const field = async (term: string) => {
      const r = await w.block.execute({ actor: campusAdmin, campusId: 'demo', term });
      return r.ok ? 'ok' : r.error.code === 'VALIDATION_FAILED' && r.error.problems.map((p) => p.field);
    };
    expect(await field('代\u0000写')).toEqual(['term']);
    expect(await field('代写\u0007')).toEqual(['term']);
    expect(await field('代\u200b写')).toEqual(['term']);
    expect(await field('代\t写')).toEqual(['term']);
    expect(await field('a')).toEqual(['term']);
    expect(await field(' 枪 ')).toEqual(['term']);
    expect(await code(w.list.execute({ actor: otherAdmin, campusId: 'demo' }))).toBe('ADMIN_SCOPE');
    expect(await code(w.unblock.execute({ actor: user(1), id: 'x' }))).toBe('ADMIN_ONLY');
    expect(await w.p.auditLog.list({ limit: 10 })).toEqual([]);
  });
});
