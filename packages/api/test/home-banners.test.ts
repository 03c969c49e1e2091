import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Banner, BannerList } from '../src/contract.js';
import { fieldsOf, northCampus, uploadPhoto } from './support/announcements.js';
import { call, categoryIds, expectError, itemBody, publishAs } from './support/http.js';
import { startStack, type Stack } from './support/stack.js';

describe('banners', () => {
  let s: Stack;
  let north: { authorization: string };
  let photoId: string;
  let listingId: string;
  const admin = () => s.auth('admin');
  const create = (payload: object, headers = admin()) =>
    call<Banner>(s.app, { method: 'POST', url: '/v1/admin/banners', headers, payload });
  const body = (extra: object = {}) => ({
    campusId: 'demo',
    title: '开学季',
    photoId,
    target: { kind: 'none' },
    ...extra,
  });

  beforeAll(async () => {
    s = await startStack('sqlite');
    north = (await northCampus(s)).auth;
    photoId = await uploadPhoto(s, admin());
    listingId = (await publishAs(s, 'alice', itemBody(await categoryIds(s.app)))).id;
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('an admin uploads a photo and puts it on the home page; everyone sees it while live', async () => {
    const res = await create(body({ position: 2, target: { kind: 'listing', listingId } }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      campusId: 'demo',
      title: '开学季',
      photoId,
      imageUrl: `/media/photos/${photoId}/large`,
      target: { kind: 'listing', listingId },
      position: 2,
      endsAt: null,
      state: 'live',
    });
    expect((await s.persistence.photos.byId(photoId))?.attachedAt).not.toBeNull();
    const live = await call<BannerList>(s.app, { method: 'GET', url: '/v1/banners?campusId=demo' });
    expect(live.body.items.map((b) => b.id)).toContain(res.body.id);
    const byDefault = await call<BannerList>(s.app, { method: 'GET', url: '/v1/banners' });
    expect(byDefault.body.items.map((b) => b.id)).toContain(res.body.id);
    const image = await s.app.inject({ method: 'GET', url: res.body.imageUrl });
    expect(image.statusCode).toBe(200);
  });

  it('refuses bad fields with 400 VALIDATION_FAILED naming each', async () => {
    const cases: [object, string[]][] = [
      [{ title: '' }, ['title']],
      [{ title: '长'.repeat(41) }, ['title']],
      [{ target: { kind: 'page', path: 'pages/secret/index' } }, ['target']],
      [{ target: { kind: 'listing', listingId: 'missing' } }, ['target']],
      [{ target: { kind: 'listing' } }, ['target']],
      [{ target: { kind: 'website', url: 'http://x' } }, ['target.kind']],
      [{ position: -1 }, ['position']],
      [{ startsAt: 'tomorrow' }, ['startsAt']],
      [{ startsAt: '2026-09-02T00:00:00Z', endsAt: '2026-09-01T00:00:00Z' }, ['endsAt']],
      [{ photoId: 'missing' }, ['photoId']],
      [{ title: 'a\u0000b' }, ['title']],
    ];
    for (const [extra, fields] of cases) {
      const details = expectError(await create(body(extra)), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(details), JSON.stringify(extra)).toEqual(fields);
    }
    const { campusId: _c, ...noCampus } = body();
    expect(fieldsOf(expectError(await create(noCampus), 400, 'VALIDATION_FAILED'))).toEqual(['campusId']);
  });

  it("takes only a photo the acting admin uploaded: not a student's, not another admin's", async () => {
    const students = await uploadPhoto(s, s.auth('alice'), { r: 1, g: 2, b: 3 });
    const norths = await uploadPhoto(s, north, { r: 4, g: 5, b: 6 });
    for (const id of [students, norths])
      expect(fieldsOf(expectError(await create(body({ photoId: id })), 400, 'VALIDATION_FAILED'))).toEqual(['photoId']);
  });

  it('keeps campus admins to their campus (403), and answers 404 for what does not exist', async () => {
    const mine = await create(body());
    expectError(await create(body(), north), 403, 'ADMIN_SCOPE');
    const url = `/v1/admin/banners/${mine.body.id}`;
    expectError(
      await call(s.app, { method: 'PATCH', url, headers: north, payload: { title: '改' } }),
      403,
      'ADMIN_SCOPE',
    );
    expectError(await call(s.app, { method: 'DELETE', url, headers: north }), 403, 'ADMIN_SCOPE');
    expectError(
      await call(s.app, { method: 'GET', url: '/v1/admin/banners?campusId=demo', headers: north }),
      403,
      'ADMIN_SCOPE',
    );
    const own = await call<BannerList>(s.app, { method: 'GET', url: '/v1/admin/banners', headers: north });
    expect(own).toMatchObject({ status: 200, body: { items: [] } });
    const missing = '/v1/admin/banners/01MISSING0000000000000000';
    expectError(
      await call(s.app, { method: 'PATCH', url: missing, headers: admin(), payload: {} }),
      404,
      'BANNER_NOT_FOUND',
    );
    expectError(await call(s.app, { method: 'DELETE', url: missing, headers: admin() }), 404, 'BANNER_NOT_FOUND');
    expectError(await call(s.app, { method: 'GET', url: '/v1/banners?campusId=nowhere' }), 404, 'CAMPUS_NOT_FOUND');
    expectError(await create(body({ campusId: 'nowhere' })), 403, 'ADMIN_SCOPE');
  });

  it('updates, schedules and deletes, each write in the audit log', async () => {
    const made = await create(body({ title: '旧标题' }));
    const url = `/v1/admin/banners/${made.body.id}`;
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const patched = await call<Banner>(s.app, {
      method: 'PATCH',
      url,
      headers: admin(),
      payload: { title: '新标题', startsAt: later, target: { kind: 'page', path: 'pages/rules/index' } },
    });
    expect(patched).toMatchObject({
      status: 200,
      body: {
        title: '新标题',
        state: 'scheduled',
        startsAt: later,
        target: { kind: 'page', path: 'pages/rules/index' },
      },
    });
    const live = await call<BannerList>(s.app, { method: 'GET', url: '/v1/banners' });
    expect(live.body.items.map((b) => b.id)).not.toContain(made.body.id);
    const all = await call<BannerList>(s.app, {
      method: 'GET',
      url: '/v1/admin/banners?campusId=demo',
      headers: admin(),
    });
    expect(all.body.items.find((b) => b.id === made.body.id)?.state).toBe('scheduled');
    const cleared = await call<Banner>(s.app, { method: 'PATCH', url, headers: admin(), payload: { endsAt: null } });
    expect(cleared.body.endsAt).toBeNull();
    const deleted = await s.app.inject({ method: 'DELETE', url, headers: admin() });
    expect([deleted.statusCode, deleted.body]).toEqual([204, '']);
    const audit = await call(s.app, { method: 'GET', url: '/v1/admin/audit-log?limit=50', headers: admin() });
    const mine = (audit.body.items as { action: string; targetId: string }[])
      .filter((e) => e.targetId === made.body.id)
      .map((e) => e.action);
    expect(mine).toEqual(['banner.delete', 'banner.update', 'banner.update', 'banner.create']);
  });
});
