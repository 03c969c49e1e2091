import { deleteKeys, testRedisUrl, uniquePrefix } from '@xianzhi/adapters/testing';
import type { ProjectSearchIndex } from '@xianzhi/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Search } from '../src/composition/search-tokens.js';
import { resolve } from '../src/composition/token.js';
import type { DatabaseKind } from './support/databases.js';
import { call, categoryIds, expectError, itemBody, publishAs } from './support/http.js';
import { startStack, type Stack } from './support/stack.js';
import { northCampus, rootAdmin } from './support/announcements.js';

const titles = async (app: FastifyInstance, q: string) => {
  const res = await call(app, { method: 'GET', url: `/v1/search?q=${encodeURIComponent(q)}` });
  expect(res.status).toBe(200);
  return (res.body.items as { listing: { title: string } }[]).map((i) => i.listing.title);
};

/** The synonym dictionary's admin routes and their effect on search, on each database the platform supports. */
for (const kind of ['sqlite', 'mariadb'] as DatabaseKind[]) {
  describe(`synonyms on ${kind}`, () => {
    let s: Stack;
    let projector: ProjectSearchIndex;
    let northAdmin: { authorization: string };
    let superAdmin: { authorization: string };

    beforeAll(async () => {
      s = await startStack(kind);
      await s.anotherApp({
        customize: (c) => {
          projector = resolve(c, Search.Projector);
        },
      });
      const cats = await categoryIds(s.app);
      await publishAs(s, 'alice', itemBody(cats, { title: '二手自行车 捷安特', description: '骑了一年' }));
      await publishAs(s, 'alice', itemBody(cats, { title: '小黄车 骑行卡', description: '还剩两个月' }));
      s.clock.advance(60_000);
      await publishAs(s, 'alice', itemBody(cats, { title: '单车 九成新', description: '送车锁' }));
      await projector.execute();
      northAdmin = (await northCampus(s)).auth;
      superAdmin = (await rootAdmin(s)).auth;
    }, 60_000);
    afterAll(async () => {
      await s?.close();
    });

    it('单车 finds the 自行车 listing after the one that says 单车, and suggests it', async () => {
      expect(await titles(s.app, '单车')).toEqual(['单车 九成新', '二手自行车 捷安特']);
      const suggest = await call(s.app, { method: 'GET', url: `/v1/search/suggest?q=${encodeURIComponent('单车')}` });
      expect(suggest.body.suggestions).toEqual(expect.arrayContaining(['单车 九成新', '二手自行车 捷安特']));
    });

    it('an admin adds, edits and deletes a campus group; search follows at once (no reindex) and each change is audited', async () => {
      const list = await call(s.app, { method: 'GET', url: '/v1/admin/search/synonyms', headers: s.auth('admin') });
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([]);
      expect(list.body.defaults.length).toBeGreaterThanOrEqual(150);
      expect(list.body.defaults).toContainEqual(['自行车', '单车', '脚踏车']);

      const made = await call(s.app, {
        method: 'POST',
        url: '/v1/admin/search/synonyms',
        headers: s.auth('admin'),
        payload: { terms: [' 单车 ', '小黄车'] },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body).toMatchObject({ campusId: 'demo', terms: ['单车', '小黄车'], createdBy: s.admin.id });
      // The campus group replaces 单车's shipped group: the next search (a cached first page before) follows it.
      expect(await titles(s.app, '单车')).toEqual(['单车 九成新', '小黄车 骑行卡']);

      s.clock.advance(1000);
      const edited = await call(s.app, {
        method: 'PATCH',
        url: `/v1/admin/search/synonyms/${made.body.id}`,
        headers: s.auth('admin'),
        payload: { terms: ['单车', '小黄车', '自行车'] },
      });
      expect(edited.status).toBe(200);
      expect((await titles(s.app, '单车')).sort()).toEqual(
        ['二手自行车 捷安特', '单车 九成新', '小黄车 骑行卡'].sort(),
      );

      s.clock.advance(1000);
      const gone = await call(s.app, {
        method: 'DELETE',
        url: `/v1/admin/search/synonyms/${made.body.id}`,
        headers: s.auth('admin'),
      });
      expect(gone.status).toBe(200);
      expect(await titles(s.app, '单车')).toEqual(['单车 九成新', '二手自行车 捷安特']);

      const audit = await call(s.app, {
        method: 'GET',
        url: `/v1/admin/audit-log?targetId=${made.body.id}`,
        headers: s.auth('admin'),
      });
      expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual([
        'search_synonym.delete',
        'search_synonym.update',
        'search_synonym.create',
      ]);
      expect(audit.body.items[1]).toMatchObject({
        actor: { kind: 'admin', id: s.admin.id },
        details: { before: ['单车', '小黄车'], terms: ['单车', '小黄车', '自行车'] },
      });
    });

    it('refuses bad groups with stable codes, never a 500', async () => {
      const post = (payload: object, headers = s.auth('admin')) =>
        call(s.app, { method: 'POST', url: '/v1/admin/search/synonyms', headers, payload });
      const fields = (res: Awaited<ReturnType<typeof post>>) =>
        expectError(res, 400, 'VALIDATION_FAILED').map((d: { field: string }) => d.field);
      expect(fields(await post({ terms: [] }))).toEqual(['terms']);
      expect(fields(await post({ terms: ['单车'] }))).toEqual(['terms']);
      expect(fields(await post({ terms: ['线代', 'ＸＤ', 'xd'] }))).toEqual(['terms[2]']);
      expect(fields(await post({ terms: ['线代', '线'.repeat(21)] }))).toEqual(['terms[1]']);
      expect(fields(await post({ terms: ['线代', '线\u200b代'] }))).toEqual(['terms[1]']);
      expect(fields(await post({ terms: ['线代', '  '] }))).toEqual(['terms[1]']);
      expect((await post({ terms: 'a,b' })).status).toBe(400);
      const first = await post({ terms: ['线代', '线性代数'] });
      expect(first.status).toBe(201);
      expectError(await post({ terms: ['线性代数', 'linear algebra'] }), 409, 'SYNONYM_TERM_TAKEN');
      expectError(
        await call(s.app, {
          method: 'PATCH',
          url: '/v1/admin/search/synonyms/01NOSUCHGROUP0000000000000',
          headers: s.auth('admin'),
          payload: { terms: ['a1', 'b1'] },
        }),
        404,
        'SYNONYM_GROUP_NOT_FOUND',
      );
      // Campus admins act on their own campus only; super admins on any.
      expectError(await post({ campusId: 'demo', terms: ['北方', '北边'] }, northAdmin), 403, 'ADMIN_SCOPE');
      expectError(
        await call(s.app, {
          method: 'DELETE',
          url: `/v1/admin/search/synonyms/${first.body.id}`,
          headers: northAdmin,
        }),
        403,
        'ADMIN_SCOPE',
      );
      const north = await post({ terms: ['线代', '线性代数'] }, northAdmin);
      expect(north.status).toBe(201);
      expect(north.body.campusId).toBe('north');
      expect((await post({ campusId: 'north', terms: ['高数', '高等数学'] }, superAdmin)).status).toBe(201);
      const northList = await call(s.app, { method: 'GET', url: '/v1/admin/search/synonyms', headers: northAdmin });
      expect(northList.body.items.map((g: { terms: string[] }) => g.terms[0]).sort()).toEqual(['线代', '高数']);
      expectError(await post({ campusId: 'nowhere', terms: ['甲乙', '丙丁'] }, superAdmin), 404, 'CAMPUS_NOT_FOUND');
      expectError(await post({ terms: ['甲乙', '丙丁'] }, s.auth('alice')), 403, 'ADMIN_ONLY');
    });
  });
}

/** Two API processes sharing Redis: a change made through one reaches the other's synonym table within its poll. */
describe('synonyms across processes (MariaDB + Redis)', () => {
  const prefix = uniquePrefix('xz-synonyms');
  const env = { XZ_REDIS_URL: testRedisUrl(), XZ_QUEUE_PREFIX: prefix };
  let s: Stack;
  let b: FastifyInstance;

  beforeAll(async () => {
    s = await startStack('mariadb', { env });
    b = await s.anotherApp({ env });
    let projector: ProjectSearchIndex | undefined;
    await s.anotherApp({ env, customize: (c) => void (projector = resolve(c, Search.Projector)) });
    const cats = await categoryIds(s.app);
    await publishAs(s, 'alice', itemBody(cats, { title: '小黄车 骑行卡', description: '还剩两个月' }));
    await projector!.execute();
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await deleteKeys(testRedisUrl(), prefix);
  });

  it('the other process searches with the new group without a restart', async () => {
    expect(await titles(b, '单车')).toEqual([]);
    const made = await call(s.app, {
      method: 'POST',
      url: '/v1/admin/search/synonyms',
      headers: s.auth('admin'),
      payload: { terms: ['单车', '小黄车'] },
    });
    expect(made.status).toBe(201);
    const deadline = Date.now() + 3_000;
    let found: string[] = [];
    while (Date.now() < deadline && found.length === 0) {
      found = await titles(b, '单车');
      if (found.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(found).toEqual(['小黄车 骑行卡']);
  });
});
