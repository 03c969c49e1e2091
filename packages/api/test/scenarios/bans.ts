import { UlidGenerator, User, type ProjectSearchIndex } from '@xianzhi/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Search } from '../../src/composition/search-tokens.js';
import { resolve } from '../../src/composition/token.js';
import { demoOpenId } from '../../src/seed/demo-world.js';
import { call, categoryIds, expectError, itemBody, publishAs } from '../support/http.js';
import type { Stack } from '../support/stack.js';

/** A ban over HTTP: no new sessions, and the student's listings out of sight until the unban. */
export function banScenarios(get: () => Stack): void {
  let cats: Record<string, string>;
  let projector: ProjectSearchIndex;
  let gwen: User;
  let gwenAuth: { authorization: string };
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    call(get().app, { method: 'POST', url, headers, payload });

  beforeAll(async () => {
    const s = get();
    cats = await categoryIds(s.app);
    gwen = User.register({
      id: new UlidGenerator().next(),
      qqOpenId: demoOpenId('gwen'),
      nickname: '格温',
      avatarUrl: null,
      campusId: 'demo',
      now: s.clock.now(),
    });
    gwen.markVerified(s.clock.now());
    await s.persistence.users.save(gwen);
    gwenAuth = { authorization: `Bearer ${(await s.tokens.issue(gwen.id)).token}` };
    await s.anotherApp({
      customize: (c) => {
        projector = resolve(c, Search.Projector);
      },
    });
  });

  describe('bans', () => {
    it("refuses a banned student's QQ sign-in and refresh with 403 USER_BANNED, and hides their listings until the unban", async () => {
      const s = get();
      const body = (title: string) => itemBody(cats, { title, categoryId: cats['home-lamp'] ?? cats['digital-phone'] });
      const mine = await publishAs(s, 'alice', body('封禁测试 护眼台灯 白色'));
      const published = await post('/v1/listings', body('封禁测试 护眼台灯 黑色'), gwenAuth);
      expect(published.status, JSON.stringify(published.body)).toBe(201);
      const theirs = published.body as { id: string };
      const shown = async () => {
        await projector.execute();
        const feed = await call(s.app, { method: 'GET', url: '/v1/listings?limit=50' });
        const found = await call(s.app, { method: 'GET', url: `/v1/search?q=${encodeURIComponent('封禁测试 台灯')}` });
        const similar = await call(s.app, {
          method: 'GET',
          url: `/v1/listings/${mine.id}/similar?limit=50`,
          headers: s.auth('bob'),
        });
        const forYou = await call(s.app, {
          method: 'GET',
          url: '/v1/recommendations?limit=50',
          headers: s.auth('bob'),
        });
        const has = (items: { id?: string; listing?: { id: string } }[]) =>
          items.some((i) => (i.listing?.id ?? i.id) === theirs.id);
        return {
          feed: has(feed.body.items),
          search: has(found.body.items),
          similar: has(similar.body.items),
          forYou: has(forYou.body.items),
          detailToOwner: (
            await call(s.app, { method: 'GET', url: `/v1/listings/${theirs.id}`, headers: s.auth('admin') })
          ).status,
        };
      };
      const before = await shown();
      expect(before).toMatchObject({ feed: true, search: true, similar: true });

      const session = await post('/v1/auth/qq-login', { code: 'demo:gwen' });
      expect(session.status, JSON.stringify(session.body)).toBe(200);
      const banned = await post(`/v1/admin/users/${gwen.id}/ban`, { reason: '发布违规信息' }, s.auth('admin'));
      expect(banned.body).toMatchObject({ id: gwen.id, status: 'banned', listingsShown: false });
      try {
        expectError(await post('/v1/auth/qq-login', { code: 'demo:gwen' }), 403, 'USER_BANNED');
        expectError(await post('/v1/auth/refresh', { refreshToken: session.body.refreshToken }), 403, 'USER_BANNED');
        expectError(await call(s.app, { method: 'GET', url: '/v1/me', headers: gwenAuth }), 403, 'USER_BANNED');
        expect(await shown()).toMatchObject({ feed: false, search: false, similar: false, forYou: false });
      } finally {
        const unbanned = await post(`/v1/admin/users/${gwen.id}/unban`, { reason: '申诉通过' }, s.auth('admin'));
        expect(unbanned.body).toMatchObject({ status: 'active', listingsShown: true });
      }
      expect(await shown()).toEqual(before);
      expect((await post('/v1/auth/qq-login', { code: 'demo:gwen' })).status).toBe(200);
    });
  });
}
