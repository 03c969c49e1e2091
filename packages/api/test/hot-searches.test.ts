import { BufferedSearchLog, type ProjectSearchIndex, type SearchLog } from '@xianzhi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Search } from '../src/composition/search-tokens.js';
import { resolve } from '../src/composition/token.js';
import type { DatabaseKind } from './support/databases.js';
import { call, categoryIds, expectError, itemBody, publishAs } from './support/http.js';
import { startStack, type Stack } from './support/stack.js';
import { rootAdmin } from './support/announcements.js';

/** Hot searches and their block list over HTTP, on each database the platform supports. */
for (const kind of ['sqlite', 'mariadb'] as DatabaseKind[]) {
  describe(`hot searches on ${kind}`, () => {
    let s: Stack;
    let projector: ProjectSearchIndex;
    let superAdmin: { authorization: string };
    // The main app's counts in memory: the tests write them out before reading the table.
    let counts: BufferedSearchLog;

    beforeAll(async () => {
      s = await startStack(kind, {
        customize: (c) => {
          counts = resolve(c, Search.Counts);
        },
      });
      await s.anotherApp({
        customize: (c) => {
          projector = resolve(c, Search.Projector);
        },
      });
      const cats = await categoryIds(s.app);
      await publishAs(
        s,
        'alice',
        itemBody(cats, { title: '二手自行车 捷安特', description: '骑了一年', categoryId: cats['transport-bike'] }),
      );
      await publishAs(s, 'alice', itemBody(cats, { title: '护眼台灯', description: '宿舍用', price: 3_000 }));
      s.clock.advance(60_000);
      await publishAs(s, 'alice', itemBody(cats, { title: '宿舍小台灯', description: '可充电', price: 1_500 }));
      s.clock.advance(60_000);
      await publishAs(
        s,
        'alice',
        itemBody(cats, {
          kind: 'wanted',
          title: '求购台灯',
          description: '价格面议',
          price: null,
          originalPrice: null,
          condition: null,
        }),
      );
      await publishAs(s, 'alice', itemBody(cats, { title: '代写作业本', description: '空白本子' }));
      await projector.execute();
      superAdmin = (await rootAdmin(s)).auth;
    }, 60_000);
    afterAll(async () => {
      await s?.close();
    });

    const search = async (q: string, who: { headers?: Record<string, string>; ip?: string } = {}, extra = '') => {
      const res = await s.app.inject({
        method: 'GET',
        url: `/v1/search?q=${encodeURIComponent(q)}${extra}`,
        headers: { 'user-agent': 'test-phone', ...who.headers },
        remoteAddress: who.ip ?? '10.1.1.1',
      });
      expect(res.statusCode, res.body).toBe(200);
      return JSON.parse(res.body) as { items: unknown[]; nextCursor: string | null };
    };
    const hot = async () => {
      await counts.flush();
      const res = await call(s.app, { method: 'GET', url: '/v1/search/hot' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      return res.body.terms as string[];
    };

    it('a term becomes hot when several people search it; one person searching often does not make it hot', async () => {
      expect(await hot()).toEqual([]);
      for (let i = 0; i < 15; i++) await search('台灯', { headers: s.auth('alice') });
      expect(await hot()).toEqual([]);
      await search('自行车', { headers: s.auth('alice') });
      await search('自行车', { headers: s.auth('bob') });
      await search('ZiXingChe', { headers: s.auth('carol') });
      expect(await hot()).toEqual([]);
      // A fourth student searching twice counts as one more searcher.
      await search(' 自行车 ', { headers: s.auth('dave') });
      await search('自行车', { headers: s.auth('dave') });
      expect(await hot()).toEqual(['自行车']);
      await counts.flush();
      const [row] = (await s.persistence.raw('select searches, searchers from search_term_day where term = ?', [
        '自行车',
      ])) as { searches: number; searchers: number }[];
      expect({ searches: Number(row!.searches), searchers: Number(row!.searchers) }).toEqual({
        searches: 4,
        searchers: 3,
      });
    });

    it('visitors never count: 40 searches from one address with 40 user agents leave the term out (issue 16)', async () => {
      for (let i = 0; i < 40; i++) await search('捷安特', { headers: { 'user-agent': `phone-${i}` }, ip: '10.6.6.6' });
      for (let i = 0; i < 40; i++)
        await search('捷安特', { headers: { 'user-agent': `phone-${i}` }, ip: `10.7.0.${i}` });
      expect(await hot()).not.toContain('捷安特');
    });

    it('does not count searches that found nothing, next pages, admins or long numbers', async () => {
      await counts.flush();
      const before = (await s.persistence.raw('select count(*) as n from search_searcher')) as { n: number }[];
      await search('不存在的东西xyz', { headers: s.auth('bob') });
      await search('台灯', { headers: s.auth('admin') });
      const page = await s.app.inject({
        method: 'GET',
        url: `/v1/search?q=${encodeURIComponent('台灯')}&limit=1`,
        headers: s.auth('dave'),
      });
      expect(page.statusCode).toBe(200);
      const next = JSON.parse(page.body).nextCursor as string;
      expect(next).toEqual(expect.any(String));
      await search('台灯', { headers: s.auth('bob') }, `&limit=1&cursor=${encodeURIComponent(next)}`);
      await counts.flush();
      const after = (await s.persistence.raw('select count(*) as n from search_searcher')) as { n: number }[];
      // dave's first page is the only new searcher.
      expect(Number(after[0]!.n) - Number(before[0]!.n)).toBe(1);
    });

    it('stores no user id, address or query beyond the folded term', async () => {
      await counts.flush();
      const rows = (await s.persistence.raw('select * from search_searcher')) as Record<string, unknown>[];
      expect(rows.length).toBeGreaterThan(0);
      const dump = JSON.stringify(rows) + JSON.stringify(await s.persistence.raw('select * from search_term_day'));
      for (const secret of [s.users.alice.id, s.users.bob.id, '10.9.9.1', 'ZiXingChe'])
        expect(dump).not.toContain(secret);
      expect(Object.keys(rows[0]!).sort()).toEqual(['campus_id', 'day', 'searcher_key', 'term']);
    });

    it('an admin blocks a term (and terms containing it); it leaves the hot searches and the audit log says who', async () => {
      for (const who of ['alice', 'bob', 'dave'] as const) await search('代写作业', { headers: s.auth(who) });
      expect((await hot()).sort()).toEqual(['代写作业', '自行车']);
      const blocked = await call(s.app, {
        method: 'POST',
        url: '/v1/admin/search/blocked-terms',
        headers: s.auth('admin'),
        payload: { term: ' 代写 ' },
      });
      expect(blocked.status, JSON.stringify(blocked.body)).toBe(201);
      expect(blocked.body).toMatchObject({ campusId: 'demo', term: '代写', createdBy: s.admin.id });
      for (const term of ['代\u0007写', '代\u200b写', '代']) {
        const refused = await call(s.app, {
          method: 'POST',
          url: '/v1/admin/search/blocked-terms',
          headers: s.auth('admin'),
          payload: { term },
        });
        expect(expectError(refused, 400, 'VALIDATION_FAILED').map((d: { field: string }) => d.field)).toEqual(['term']);
      }
      const again = await call(s.app, {
        method: 'POST',
        url: '/v1/admin/search/blocked-terms',
        headers: s.auth('admin'),
        payload: { campusId: 'demo', term: '代写' },
      });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(blocked.body.id);
      expect(await hot()).toEqual(['自行车']);
      const list = await call(s.app, {
        method: 'GET',
        url: '/v1/admin/search/blocked-terms',
        headers: s.auth('admin'),
      });
      expect(list.body.items.map((b: { term: string }) => b.term)).toEqual(['代写']);
      const audit = await call(s.app, {
        method: 'GET',
        url: '/v1/admin/audit-log?action=search_term.block',
        headers: s.auth('admin'),
      });
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({
        actor: { kind: 'admin', id: s.admin.id },
        targetId: blocked.body.id,
        details: { term: '代写' },
      });

      const lifted = await call(s.app, {
        method: 'DELETE',
        url: `/v1/admin/search/blocked-terms/${blocked.body.id}`,
        headers: s.auth('admin'),
      });
      expect(lifted.status).toBe(200);
      expect((await hot()).sort()).toEqual(['代写作业', '自行车']);
      expectError(
        await call(s.app, {
          method: 'DELETE',
          url: `/v1/admin/search/blocked-terms/${blocked.body.id}`,
          headers: s.auth('admin'),
        }),
        404,
        'BLOCKED_SEARCH_TERM_NOT_FOUND',
      );
    });

    it('refuses bad terms, other campuses and unknown campuses', async () => {
      expectError(
        await call(s.app, {
          method: 'POST',
          url: '/v1/admin/search/blocked-terms',
          headers: s.auth('admin'),
          payload: { term: '   ' },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await call(s.app, {
          method: 'POST',
          url: '/v1/admin/search/blocked-terms',
          headers: s.auth('admin'),
          payload: { term: '长'.repeat(21) },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await call(s.app, {
          method: 'POST',
          url: '/v1/admin/search/blocked-terms',
          headers: s.auth('admin'),
          payload: {},
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await call(s.app, {
          method: 'POST',
          url: '/v1/admin/search/blocked-terms',
          headers: s.auth('admin'),
          payload: { campusId: 'north', term: '代写' },
        }),
        403,
        'ADMIN_SCOPE',
      );
      expectError(
        await call(s.app, {
          method: 'POST',
          url: '/v1/admin/search/blocked-terms',
          headers: superAdmin,
          payload: { campusId: 'nowhere', term: '代写' },
        }),
        404,
        'CAMPUS_NOT_FOUND',
      );
      expectError(
        await call(s.app, {
          method: 'GET',
          url: '/v1/admin/search/blocked-terms?campusId=nowhere',
          headers: superAdmin,
        }),
        404,
        'CAMPUS_NOT_FOUND',
      );
      expectError(
        await call(s.app, {
          method: 'POST',
          url: '/v1/admin/search/blocked-terms',
          headers: s.auth('alice'),
          payload: { term: '代写' },
        }),
        403,
        'ADMIN_ONLY',
      );
      expectError(await call(s.app, { method: 'GET', url: '/v1/search/hot?campusId=' }), 400, 'VALIDATION_FAILED');
    });

    it('orders the matches by price (面议 left out, as in the feed) or newest when asked', async () => {
      const titles = async (sort: string) =>
        ((await search('台灯', {}, `&sort=${sort}`)).items as { listing: { title: string } }[]).map(
          (i) => i.listing.title,
        );
      expect(await titles('price_asc')).toEqual(['宿舍小台灯', '护眼台灯']);
      expect(await titles('price_desc')).toEqual(['护眼台灯', '宿舍小台灯']);
      expect(await titles('newest')).toEqual(['求购台灯', '宿舍小台灯', '护眼台灯']);
      expect((await titles('relevance')).sort()).toEqual(['求购台灯', '宿舍小台灯', '护眼台灯'].sort());
      expectError(
        await call(s.app, { method: 'GET', url: `/v1/search?q=${encodeURIComponent('台灯')}&sort=cheapest` }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('a search request writes no hot-search row; the counts are written by the flush, and when the app closes', async () => {
      let writes = 0;
      const real = s.persistence.searchLog;
      const countingLog: SearchLog = {
        record: async (entry) => {
          writes++;
          await real.record(entry);
        },
        termDays: (q) => real.termDays(q),
        forget: (b) => real.forget(b),
      };
      // As the composition builds it, less the 5 s timer, which could fire in the middle of this test on a busy machine.
      const other = new BufferedSearchLog(countingLog);
      const app = await s.anotherApp({
        customize: (c) => {
          c.rebind(Search.Counts).toConstantValue(other);
        },
      });
      const rows = async () =>
        Number(
          (
            (await s.persistence.raw('select sum(searches) as n from search_term_day where term = ?', ['台灯'])) as {
              n: number | string | null;
            }[]
          )[0]!.n ?? 0,
        );
      const before = await rows();
      const ask = async (who: 'alice' | 'bob') => {
        const res = await app.inject({
          method: 'GET',
          url: `/v1/search?q=${encodeURIComponent('台灯')}`,
          headers: s.auth(who),
        });
        expect(res.statusCode).toBe(200);
      };
      for (let i = 0; i < 3; i++) await ask('alice');
      expect([writes, await rows()]).toEqual([0, before]);
      // One write for alice's three searches.
      await other.flush();
      expect([writes, await rows()]).toEqual([1, before + 3]);
      await ask('bob');
      expect(writes).toBe(1);
      // A graceful stop loses nothing: closing the app writes what it still holds.
      await app.close();
      expect([writes, await rows()]).toEqual([2, before + 4]);
    });

    it('still answers the search when counting it fails', async () => {
      const app = await s.anotherApp({
        customize: (c) => {
          c.rebind(Search.RecordSearch).toConstantValue({
            execute: async () => {
              throw new Error('search log unavailable');
            },
          });
        },
      });
      const res = await app.inject({ method: 'GET', url: `/v1/search?q=${encodeURIComponent('台灯')}` });
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body).items).toHaveLength(3);
      expect(s.logs.some((l) => l['msg'] === 'search not counted towards hot searches')).toBe(true);
    });
  });
}
