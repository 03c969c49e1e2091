import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice, NoticeList } from '../src/contract.js';
import { fieldsOf, northCampus } from './support/announcements.js';
import { call, expectError } from './support/http.js';
import { startStack, type Stack } from './support/stack.js';

describe('notices', () => {
  let s: Stack;
  let north: { authorization: string };
  const admin = () => s.auth('admin');
  const create = (payload: object, headers = admin()) =>
    call<Notice>(s.app, { method: 'POST', url: '/v1/admin/notices', headers, payload });
  const body = (extra: object = {}) => ({
    campusId: 'demo',
    title: '期末二手书集市',
    body: '时间：周六\n地点：图书馆',
    ...extra,
  });
  const inAnHour = () => new Date(s.clock.now().getTime() + 3_600_000).toISOString();

  beforeAll(async () => {
    s = await startStack('sqlite');
    north = (await northCampus(s)).auth;
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('an admin publishes a notice; everyone reads it while live, pinned ones first', async () => {
    const plain = await create(body());
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({
      campusId: 'demo',
      title: '期末二手书集市',
      pinned: false,
      endsAt: null,
      state: 'live',
    });
    expect(plain.body.body).toBe('时间：周六\n地点：图书馆');
    const pinned = await create(body({ title: '置顶通知', pinned: true }));
    const list = await call<NoticeList>(s.app, { method: 'GET', url: '/v1/notices?campusId=demo' });
    expect(list.body.items.map((n) => n.id).slice(0, 2)).toEqual([pinned.body.id, plain.body.id]);
    const one = await call<Notice>(s.app, {
      method: 'GET',
      url: `/v1/notices/${plain.body.id}`,
      headers: s.auth('carol'),
    });
    expect(one).toMatchObject({ status: 200, body: { id: plain.body.id, state: 'live' } });
  });

  it('keeps a scheduled notice from students (404), not from its admins', async () => {
    const later = await create(body({ title: '下周停电', startsAt: inAnHour() }));
    expect(later.body.state).toBe('scheduled');
    const url = `/v1/notices/${later.body.id}`;
    for (const headers of [{}, s.auth('alice'), north])
      expectError(await call(s.app, { method: 'GET', url, headers }), 404, 'NOTICE_NOT_FOUND');
    expect((await call<Notice>(s.app, { method: 'GET', url, headers: admin() })).body.state).toBe('scheduled');
    const live = await call<NoticeList>(s.app, { method: 'GET', url: '/v1/notices' });
    expect(live.body.items.map((n) => n.id)).not.toContain(later.body.id);
    const all = await call<NoticeList>(s.app, { method: 'GET', url: '/v1/admin/notices', headers: admin() });
    expect(all.body.items.map((n) => n.id)).toContain(later.body.id);
    expectError(
      await call(s.app, { method: 'GET', url: '/v1/notices/01MISSING0000000000000000' }),
      404,
      'NOTICE_NOT_FOUND',
    );
  });

  it('refuses bad fields with 400 VALIDATION_FAILED naming each', async () => {
    const now = s.clock.now().toISOString();
    const cases: [object, string[]][] = [
      [{ title: ' ' }, ['title']],
      [{ title: '长'.repeat(61) }, ['title']],
      [{ body: '' }, ['body']],
      [{ body: '长'.repeat(5001) }, ['body']],
      [{ startsAt: now, endsAt: now }, ['endsAt']],
      [{ endsAt: 'soon' }, ['endsAt']],
      [{ pinned: 'yes' }, ['pinned']],
      [{ title: 'a\u0007' }, ['title']],
    ];
    for (const [extra, fields] of cases) {
      const details = expectError(await create(body(extra)), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(details), JSON.stringify(extra)).toEqual(fields);
    }
    expect(fieldsOf(expectError(await create({ campusId: 'demo' }), 400, 'VALIDATION_FAILED'))).toEqual([
      'body',
      'title',
    ]);
  });

  it('keeps campus admins to their campus (403), and answers 404 for what does not exist', async () => {
    const mine = await create(body());
    expectError(await create(body(), north), 403, 'ADMIN_SCOPE');
    const url = `/v1/admin/notices/${mine.body.id}`;
    expectError(
      await call(s.app, { method: 'PATCH', url, headers: north, payload: { pinned: true } }),
      403,
      'ADMIN_SCOPE',
    );
    expectError(await call(s.app, { method: 'DELETE', url, headers: north }), 403, 'ADMIN_SCOPE');
    expectError(
      await call(s.app, { method: 'GET', url: '/v1/admin/notices?campusId=demo', headers: north }),
      403,
      'ADMIN_SCOPE',
    );
    const missing = '/v1/admin/notices/01MISSING0000000000000000';
    expectError(
      await call(s.app, { method: 'PATCH', url: missing, headers: admin(), payload: {} }),
      404,
      'NOTICE_NOT_FOUND',
    );
    expectError(await call(s.app, { method: 'DELETE', url: missing, headers: admin() }), 404, 'NOTICE_NOT_FOUND');
    expectError(await call(s.app, { method: 'GET', url: '/v1/notices?campusId=nowhere' }), 404, 'CAMPUS_NOT_FOUND');
  });

  it('updates and deletes, each write in the audit log', async () => {
    const made = await create(body({ title: '旧' }));
    const url = `/v1/admin/notices/${made.body.id}`;
    const ends = inAnHour();
    const patched = await call<Notice>(s.app, {
      method: 'PATCH',
      url,
      headers: admin(),
      payload: { title: '新', pinned: true, endsAt: ends },
    });
    expect(patched).toMatchObject({ status: 200, body: { title: '新', pinned: true, endsAt: ends, state: 'live' } });
    const reread = await call<Notice>(s.app, { method: 'GET', url: `/v1/notices/${made.body.id}` });
    expect(reread.body).toMatchObject({ title: '新', pinned: true, endsAt: ends });
    const deleted = await s.app.inject({ method: 'DELETE', url, headers: admin() });
    expect(deleted.statusCode).toBe(204);
    expectError(await call(s.app, { method: 'GET', url: `/v1/notices/${made.body.id}` }), 404, 'NOTICE_NOT_FOUND');
    const audit = await call(s.app, { method: 'GET', url: '/v1/admin/audit-log?limit=50', headers: admin() });
    const mine = (audit.body.items as { action: string; targetId: string; details: object }[]).filter(
      (e) => e.targetId === made.body.id,
    );
    expect(mine.map((e) => e.action)).toEqual(['notice.delete', 'notice.update', 'notice.create']);
    expect(mine[1]?.details).toEqual({ changed: ['title', 'pinned', 'endsAt'] });
  });
});
