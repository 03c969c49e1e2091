import { User } from '@xianzhi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminListingDetail, AdminUserDetail, AdminUsersPage } from '../src/contract.js';
import { call, categoryIds, expectError, itemBody, publishAs } from './support/http.js';
import { startStack, type Stack } from './support/stack.js';
import { northCampus, rootAdmin } from './support/announcements.js';

/** Issue 12's back office reads and the restore, over HTTP on SQLite (the ports' contracts cover MariaDB). */
describe('admin users, listings and audit filters', () => {
  let s: Stack;
  let northAdmin: { authorization: string };
  let superAdmin: { authorization: string };
  let cats: Record<string, string>;
  const get = (url: string, headers: Record<string, string> = s.auth('admin')) =>
    call(s.app, { method: 'GET', url, headers });
  const post = (url: string, payload: object, headers: Record<string, string> = s.auth('admin')) =>
    call(s.app, { method: 'POST', url, headers, payload });

  beforeAll(async () => {
    s = await startStack('sqlite');
    cats = await categoryIds(s.app);
    northAdmin = (await northCampus(s)).auth;
    superAdmin = (await rootAdmin(s)).auth;
    const northStudent = User.register({
      id: '01NORTHSTUDENT000000000000',
      qqOpenId: 'OPENID-NORTH-STUDENT',
      nickname: '北方同学',
      avatarUrl: null,
      campusId: 'north',
      now: new Date(),
    });
    await s.persistence.users.save(northStudent);
    await s.persistence.verifications.save({
      userId: s.users.alice.id,
      campusId: 'demo',
      studentNumberHash: 'HASH-OF-ALICES-STUDENT-NUMBER',
      verifiedAt: new Date(),
    });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  describe('GET /v1/admin/users', () => {
    it('lists the campus students with listing counts; never the student number or the QQ openid', async () => {
      await publishAs(s, 'alice', itemBody(cats, { title: '计数用台灯' }));
      const page = (await get('/v1/admin/users?limit=50')).body as AdminUsersPage;
      const alice = page.items.find((u) => u.id === s.users.alice.id)!;
      expect(alice).toMatchObject({
        nickname: s.users.alice.nickname,
        campusId: 'demo',
        verified: true,
        banned: false,
      });
      expect(alice.listingCount).toBeGreaterThanOrEqual(1);
      expect(page.items.every((u) => u.campusId === 'demo')).toBe(true);
      const detail = (await get(`/v1/admin/users/${s.users.alice.id}`)).body as AdminUserDetail;
      const superPage = (await get('/v1/admin/users?limit=50', superAdmin)).body as AdminUsersPage;
      expect(superPage.items.map((u) => u.id)).toContain('01NORTHSTUDENT000000000000');
      for (const body of [page, detail, superPage]) {
        const json = JSON.stringify(body);
        for (const secret of [
          ...Object.values(s.users).map((u) => u.qqOpenId),
          'OPENID-NORTH-STUDENT',
          'HASH-OF-ALICES-STUDENT-NUMBER',
        ])
          expect(json).not.toContain(secret);
        expect(json).not.toMatch(/openid|studentNumber/i);
      }
    });

    it('filters by nickname part or exact id, verification and ban, a page at a time', async () => {
      const byId = (await get(`/v1/admin/users?q=${s.users.bob.id}`)).body as AdminUsersPage;
      expect(byId.items.map((u) => u.id)).toEqual([s.users.bob.id]);
      const part = s.users.bob.nickname.slice(1);
      const byName = (await get(`/v1/admin/users?q=${encodeURIComponent(part)}`)).body as AdminUsersPage;
      expect(byName.items.map((u) => u.id)).toContain(s.users.bob.id);
      const unverified = (await get('/v1/admin/users?verified=false')).body as AdminUsersPage;
      expect(unverified.items.length).toBeGreaterThan(0);
      expect(unverified.items.every((u) => !u.verified)).toBe(true);
      const first = (await get('/v1/admin/users?limit=1')).body as AdminUsersPage;
      expect(first.items).toHaveLength(1);
      const second = (await get(`/v1/admin/users?limit=1&cursor=${first.nextCursor!}`)).body as AdminUsersPage;
      expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
    });

    it('refuses another campus (403), bad filters (400 naming them) and bad cursors', async () => {
      expectError(await get('/v1/admin/users?campusId=demo', northAdmin), 403, 'ADMIN_SCOPE');
      const details = expectError(await get('/v1/admin/users?verified=maybe&limit=500'), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(details)).toContain('verified');
      expect(JSON.stringify(details)).toContain('limit');
      expectError(await get('/v1/admin/users?cursor=nonsense'), 400, 'INVALID_CURSOR');
      expectError(await get('/v1/admin/users?sort=name'), 400, 'VALIDATION_FAILED');
    });
  });

  describe('GET /v1/admin/users/:id', () => {
    it('shows verification, listings of every status, reports and bans', async () => {
      const bob = s.users.bob.id;
      const listing = await publishAs(s, 'bob', itemBody(cats, { title: '鲍勃的书桌' }));
      expect((await post(`/v1/listings/${listing.id}/withdraw`, {}, s.auth('bob'))).status).toBe(200);
      expect(
        (await post('/v1/reports', { targetType: 'user', targetId: bob, reason: 'scam' }, s.auth('dave'))).status,
      ).toBe(201);
      expect((await post(`/v1/admin/users/${bob}/ban`, { reason: '诈骗' })).status).toBe(200);
      expect((await post(`/v1/admin/users/${bob}/unban`, { reason: '申诉成功' })).status).toBe(200);
      const detail = (await get(`/v1/admin/users/${bob}`)).body as AdminUserDetail;
      expect(detail.user).toMatchObject({ id: bob, banned: false });
      expect(detail.verification.state).toBe('verified');
      expect(detail.listings.find((l) => l.id === listing.id)).toMatchObject({
        status: 'withdrawn',
        title: '鲍勃的书桌',
      });
      expect(detail.reports).toEqual([
        expect.objectContaining({ reason: 'scam', state: 'open', caseId: expect.any(String) as string }),
      ]);
      expect(detail.bans.map((b) => [b.banned, b.reason, b.actorId])).toEqual([
        [false, '申诉成功', s.admin.id],
        [true, '诈骗', s.admin.id],
      ]);
    });

    it('answers 404 for an unknown id and 403 for another campus', async () => {
      expectError(await get('/v1/admin/users/01NOBODY000000000000000000'), 404, 'USER_NOT_FOUND');
      expectError(await get(`/v1/admin/users/${s.users.bob.id}`, northAdmin), 403, 'ADMIN_SCOPE');
      expect((await get(`/v1/admin/users/${s.users.bob.id}`, superAdmin)).status).toBe(200);
    });
  });

  describe('admin listings and restore', () => {
    it('lists every status newest first, by status, kind and title part', async () => {
      const lamp = await publishAs(s, 'dave', itemBody(cats, { title: '复古 Lamp 台灯' }));
      expect((await post(`/v1/admin/listings/${lamp.id}/remove`, { reason: '重复发布' })).status).toBe(200);
      const removed = (await get('/v1/admin/listings?status=removed')).body;
      expect(removed.items.map((l: { id: string }) => l.id)).toContain(lamp.id);
      expect(removed.items.every((l: { status: string }) => l.status === 'removed')).toBe(true);
      const byTitle = (await get('/v1/admin/listings?q=lamp')).body;
      expect(byTitle.items.map((l: { id: string }) => l.id)).toEqual([lamp.id]);
      expect(byTitle.items[0]).toMatchObject({ seller: { id: s.users.dave.id }, kind: 'item', campusId: 'demo' });
      const all = (await get('/v1/admin/listings?limit=50')).body.items as { createdAt: string }[];
      expect(all.map((l) => l.createdAt)).toEqual([...all.map((l) => l.createdAt)].sort().reverse());
      expect((await get('/v1/admin/listings?kind=wanted')).body.items).toEqual([]);
    });

    it('shows price and status history and views per day; restore takes the removal back', async () => {
      const listing = await publishAs(s, 'alice', itemBody(cats, { title: '要降价的耳机', price: 20_000 }));
      const current = (await get(`/v1/listings/${listing.id}`, s.auth('alice'))).body;
      expect(
        (
          await call(s.app, {
            method: 'PATCH',
            url: `/v1/listings/${listing.id}`,
            headers: s.auth('alice'),
            payload: { price: 15_000, version: current.version },
          })
        ).status,
      ).toBe(200);
      expect((await post(`/v1/listings/${listing.id}/status`, { status: 'reserved' }, s.auth('alice'))).status).toBe(
        200,
      );
      await get(`/v1/listings/${listing.id}`, s.auth('bob'));
      expect((await post(`/v1/admin/listings/${listing.id}/remove`, { reason: '违规' })).status).toBe(200);

      const restored = await post(`/v1/admin/listings/${listing.id}/restore`, { reason: '误判' });
      expect(restored.status, JSON.stringify(restored.body)).toBe(200);
      const detail = restored.body as AdminListingDetail;
      expect(detail.listing).toMatchObject({ id: listing.id, status: 'reserved', description: expect.any(String) });
      expect(detail.priceHistory.map((p) => p.price)).toEqual([20_000, 15_000]);
      expect(detail.statusHistory.map((h) => [h.from, h.to, h.reason])).toEqual([
        [null, 'active', null],
        ['active', 'reserved', null],
        ['reserved', 'removed', '违规'],
        ['removed', 'reserved', '误判'],
      ]);
      expect(detail.statusHistory.at(-1)!.actorId).toBe(s.admin.id);
      expect(detail.viewsPerDay).toHaveLength(1);
      expect(detail.viewsPerDay[0]!.count).toBe(1);

      const audit = (await get(`/v1/admin/audit-log?action=listing.restore&targetId=${listing.id}`)).body;
      expect(audit.items).toEqual([
        expect.objectContaining({ targetType: 'listing', details: { reason: '误判', to: 'reserved' } }),
      ]);
    });

    it('refuses a restore of a listing that is not removed (409), unknown ids (404) and another campus (403)', async () => {
      const listing = await publishAs(s, 'alice', itemBody(cats, { title: '好好的椅子' }));
      expectError(await post(`/v1/admin/listings/${listing.id}/restore`, { reason: '无' }), 409, 'LISTING_NOT_REMOVED');
      expectError(
        await post('/v1/admin/listings/01NOLISTING000000000000000/restore', { reason: '无' }),
        404,
        'LISTING_NOT_FOUND',
      );
      expectError(await get('/v1/admin/listings/01NOLISTING000000000000000'), 404, 'LISTING_NOT_FOUND');
      expectError(await get(`/v1/admin/listings/${listing.id}`, northAdmin), 403, 'ADMIN_SCOPE');
      expectError(await get('/v1/admin/listings?campusId=demo', northAdmin), 403, 'ADMIN_SCOPE');
      const bad = expectError(await get('/v1/admin/listings?status=gone&kind=car'), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(bad)).toContain('status');
      const empty = expectError(await post(`/v1/admin/listings/${listing.id}/restore`, {}), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(empty)).toContain('reason');
    });
  });

  describe('GET /v1/admin/audit-log filters', () => {
    it('filters by actor, target and time window, and names a bad time', async () => {
      const bob = s.users.bob.id;
      const byTarget = (await get(`/v1/admin/audit-log?targetType=user&targetId=${bob}`)).body;
      expect(byTarget.items.length).toBeGreaterThan(0);
      expect(byTarget.items.every((e: { targetId: string }) => e.targetId === bob)).toBe(true);
      const byActor = (await get(`/v1/admin/audit-log?actorId=${s.admin.id}&action=user.ban`)).body;
      expect(byActor.items.map((e: { targetId: string }) => e.targetId)).toContain(bob);
      const future = new Date(Date.now() + 86_400_000).toISOString();
      expect((await get(`/v1/admin/audit-log?from=${future}`)).body.items).toEqual([]);
      const past = new Date(Date.now() - 86_400_000).toISOString();
      expect((await get(`/v1/admin/audit-log?to=${past}`)).body.items).toEqual([]);
      const bad = expectError(await get('/v1/admin/audit-log?from=yesterday'), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(bad)).toContain('from');
    });
  });

  // Last: it takes alice's verification away.
  describe('verification state', () => {
    it('says released after an admin released the student number', async () => {
      const alice = s.users.alice.id;
      expect((await post(`/v1/admin/verifications/${alice}/release`, { reason: '换号' })).status).toBe(200);
      const detail = (await get(`/v1/admin/users/${alice}`)).body as AdminUserDetail;
      expect(detail.verification).toEqual({ state: 'released', at: expect.any(String) as string });
      expect(detail.user.verified).toBe(false);
    });
  });
});
