import { Campus } from '@xianzhi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminStats } from '../src/contract.js';
import type { DatabaseKind } from './support/databases.js';
import { call, categoryIds, expectError, isbn13, itemBody, publishAs } from './support/http.js';
import { startStack, type Stack } from './support/stack.js';
import { rootAdmin } from './support/announcements.js';

/** GET /v1/admin/stats over HTTP, on each database the platform supports. */
for (const kind of ['sqlite', 'mariadb'] as DatabaseKind[]) {
  describe(`admin statistics on ${kind}`, () => {
    let s: Stack;
    let superAdmin: { authorization: string };
    let listingIds: string[];

    beforeAll(async () => {
      s = await startStack(kind);
      await s.persistence.campuses.save(Campus.create({ id: 'north', name: '北方大学', areas: [] }));
      superAdmin = (await rootAdmin(s)).auth;
      const cats = await categoryIds(s.app);
      const phone = await publishAs(s, 'alice', itemBody(cats));
      const bike = await publishAs(
        s,
        'bob',
        itemBody(cats, { title: '二手自行车', categoryId: cats['transport-bike'] }),
      );
      const book = await publishAs(
        s,
        'alice',
        itemBody(cats, {
          kind: 'book',
          title: '高等数学 上册',
          categoryId: cats['books-textbook'],
          book: { isbn: isbn13('978704039663') },
        }),
      );
      listingIds = [phone.id, bike.id, book.id];
      expect(
        (
          await call(s.app, {
            method: 'POST',
            url: `/v1/listings/${bike.id}/status`,
            headers: s.auth('bob'),
            payload: { status: 'sold' },
          })
        ).status,
      ).toBe(200);
      for (const who of ['bob', 'dave'] as const) {
        expect(
          (await call(s.app, { method: 'PUT', url: `/v1/listings/${phone.id}/favorite`, headers: s.auth(who) })).status,
        ).toBe(200);
      }
      // A new student signs in today (the seeded ones joined 60 days ago, before the window).
      expect(
        (await call(s.app, { method: 'POST', url: '/v1/auth/qq-login', payload: { code: 'demo:erin' } })).status,
      ).toBe(200);
      expect(
        (
          await call(s.app, {
            method: 'POST',
            url: `/v1/listings/${phone.id}/comments`,
            headers: s.auth('dave'),
            payload: { body: '还在吗？' },
          })
        ).status,
      ).toBe(201);
    }, 60_000);
    afterAll(async () => {
      await s?.close();
    });

    const stats = async (headers: Record<string, string>, query = '') =>
      call<AdminStats>(s.app, { method: 'GET', url: `/v1/admin/stats${query}`, headers });

    it("shows a campus admin their campus's listings, users, daily activity and categories", async () => {
      const res = await stats(s.auth('admin'));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const v = res.body;
      expect(v.campusId).toBe('demo');
      expect(v.campuses.map((c) => c.id)).toEqual(['demo']);
      expect(v.listings.total).toBe(3);
      expect(v.listings.byStatus).toEqual({ active: 2, sold: 1 });
      expect(v.listings.byKind).toEqual({ item: 2, book: 1 });
      // The seeded demo students (alice, bob and dave verified, carol not) and erin, new and unverified.
      expect(v.users).toEqual({ total: 5, verified: 3, unverified: 2 });
      expect(v.daily).toHaveLength(30);
      const today = v.daily.at(-1)!;
      expect(today).toMatchObject({ newListings: 3, newUsers: 1, favorites: 2, comments: 1 });
      expect(v.daily.reduce((n, d) => n + d.newUsers + d.newListings, 0)).toBe(4);
      expect(v.topCategories.map((c) => [c.name, c.count])).toEqual(
        expect.arrayContaining([
          ['自行车', 1],
          ['教材', 1],
        ]),
      );
      expect(v.topCategories).toHaveLength(3);
      expect(v.hotSearches).toEqual([]);
      expect(Date.parse(v.generatedAt)).not.toBeNaN();
      // Only aggregates leave the server: no user id or openid, and no listing id (nothing was viewed, so
      // topViewed, the one place a listing is named, is empty).
      const text = JSON.stringify(v);
      for (const id of [...listingIds, s.users.alice.id, s.users.alice.qqOpenId]) expect(text).not.toContain(id);
    });

    it('lets a super admin choose the campus; refuses other campuses to a campus admin, and non-admins', async () => {
      const north = await stats(superAdmin, '?campusId=north');
      expect(north.status).toBe(200);
      expect(north.body).toMatchObject({
        campusId: 'north',
        campusName: '北方大学',
        listings: { total: 0 },
        users: { total: 0 },
      });
      expect(north.body.campuses.map((c) => c.id)).toEqual(['demo', 'north']);
      expect(north.body.daily.every((d) => d.newListings === 0 && d.favorites === 0)).toBe(true);
      expectError(await stats(superAdmin, '?campusId=nowhere'), 404, 'CAMPUS_NOT_FOUND');
      expectError(await stats(s.auth('admin'), '?campusId=north'), 403, 'ADMIN_SCOPE');
      expectError(await stats(s.auth('alice')), 403, 'ADMIN_ONLY');
      expectError(await stats({}), 401, 'UNAUTHENTICATED');
    });

    it('counts views and active students per day, the funnel and the most viewed; `all` for super admins only', async () => {
      const [phone, , book] = listingIds as [string, string, string];
      for (const who of ['bob', 'dave'] as const)
        expect((await call(s.app, { method: 'GET', url: `/v1/listings/${phone}`, headers: s.auth(who) })).status).toBe(
          200,
        );
      // A second look the same day is not a second view; the owner's own look is none, nor a look at a sold one.
      await call(s.app, { method: 'GET', url: `/v1/listings/${listingIds[1]!}`, headers: s.auth('dave') });
      await call(s.app, { method: 'GET', url: `/v1/listings/${phone}`, headers: s.auth('bob') });
      await call(s.app, { method: 'GET', url: `/v1/listings/${phone}`, headers: s.auth('alice') });
      await call(s.app, { method: 'GET', url: `/v1/listings/${book}`, headers: s.auth('dave') });
      const v = (await stats(s.auth('admin'))).body;
      const today = v.daily.at(-1)!;
      expect(today.views).toBe(3);
      // alice, bob and dave made signed-in requests today (erin signed in, which needs no token).
      expect(today.activeUsers).toBeGreaterThanOrEqual(3);
      expect(v.funnel).toEqual({ listed: 3, favorited: 1, commented: 1, sold: 1 });
      expect(v.topViewed).toEqual([
        { listingId: phone, title: expect.any(String) as string, views: 2 },
        { listingId: book, title: '高等数学 上册', views: 1 },
      ]);

      const all = await stats(superAdmin, '?campusId=all');
      expect(all.status, JSON.stringify(all.body)).toBe(200);
      expect(all.body).toMatchObject({ campusId: 'all', campusName: '全部校区', funnel: v.funnel, hotSearches: [] });
      expect(all.body.daily.at(-1)).toMatchObject({ views: 3 });
      expectError(await stats(s.auth('admin'), '?campusId=all'), 403, 'ADMIN_SCOPE');
    });
  });
}
