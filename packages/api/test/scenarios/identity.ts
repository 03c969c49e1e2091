import { beforeAll, describe, expect, it } from 'vitest';
import { AccessTokens } from '../../src/http/auth.js';
import { call, categoryIds, expectError, itemBody, publishAs } from '../support/http.js';
import { multipartFile, phoneJpeg } from '../support/photos.js';
import { TEST_SECRET, type Stack } from '../support/stack.js';

export function identityScenarios(get: () => Stack): void {
  let cats: Record<string, string>;
  beforeAll(async () => {
    cats = await categoryIds(get().app);
  });

  describe('authentication', () => {
    it('dev login issues a token for a demo user in embedded mode', async () => {
      const s = get();
      const res = await call(s.app, { method: 'POST', url: '/v1/dev/login', payload: { user: 'alice' } });
      expect(res.status).toBe(200);
      expect(res.body.user).toEqual({
        id: s.users.alice.id,
        nickname: s.users.alice.nickname,
        avatarUrl: null,
        campusId: 'demo',
        verified: true,
        verifiedAt: s.users.alice.verifiedAt!.toISOString(),
        status: 'active',
        role: 'student',
      });
      const me = await call(s.app, {
        method: 'GET',
        url: '/v1/me',
        headers: { authorization: `Bearer ${res.body.token}` },
      });
      expect(me.body.id).toBe(s.users.alice.id);
      const lifetime = new Date(res.body.expiresAt).getTime() - Date.now();
      expect(lifetime).toBeGreaterThan(29 * 60_000);
      expect(lifetime).toBeLessThanOrEqual(30 * 60_000);
      expect(res.body.accessToken).toBe(res.body.token);
      expect(res.body.refreshToken).toMatch(/^[\w-]{43}$/);
      expectError(
        await call(s.app, { method: 'POST', url: '/v1/dev/login', payload: { user: 'admin' } }),
        404,
        'USER_NOT_FOUND',
      );
      expectError(
        await call(s.app, { method: 'POST', url: '/v1/dev/login', payload: { user: 'mallory' } }),
        404,
        'USER_NOT_FOUND',
      );
    });

    it('dev login is refused outside embedded mode', async () => {
      const s = get();
      const production = await s.anotherApp({ env: { XZ_ENV: 'production' } });
      const res = await call(production, { method: 'POST', url: '/v1/dev/login', payload: { user: 'alice' } });
      expectError(res, 403, 'DEV_LOGIN_DISABLED');
      expect(res.body).not.toHaveProperty('token');
    });

    it('a bad, foreign, malformed or expired token is 401 even on a public route', async () => {
      const s = get();
      const expired = await new AccessTokens(TEST_SECRET, () => new Date(Date.now() - 3 * 3600_000)).issue(
        s.users.alice.id,
      );
      const foreign = await new AccessTokens('another-secret-that-is-long-enough-xxxxxx').issue(s.users.alice.id);
      for (const authorization of [
        'Bearer not-a-jwt',
        'Basic YWxpY2U6c2VjcmV0',
        `Bearer ${expired.token}`,
        `Bearer ${foreign.token}`,
      ]) {
        const res = await call(s.app, { method: 'GET', url: '/v1/listings', headers: { authorization } });
        expectError(res, 401, 'UNAUTHENTICATED');
      }
      const forDeleted = await s.tokens.issue('01HXDELETEDUSER00000000000');
      expectError(
        await call(s.app, { method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${forDeleted.token}` } }),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('the user is loaded fresh on every request: a ban applies to the next call, reads included', async () => {
      const s = get();
      const d = await publishAs(s, 'dave', itemBody(cats, { title: '封禁前发布的台灯' }));
      const dave = (await s.persistence.users.byId(s.users.dave.id))!;
      dave.status = 'banned';
      await s.persistence.users.save(dave);
      try {
        expectError(
          await call(s.app, { method: 'POST', url: '/v1/listings', headers: s.auth('dave'), payload: itemBody(cats) }),
          403,
          'USER_BANNED',
        );
        expectError(
          await call(s.app, {
            method: 'PATCH',
            url: `/v1/listings/${d.id}`,
            headers: s.auth('dave'),
            payload: { version: 1, title: '封禁后' },
          }),
          403,
          'USER_BANNED',
        );
        expectError(await call(s.app, { method: 'GET', url: '/v1/me', headers: s.auth('dave') }), 403, 'USER_BANNED');
        expectError(
          await call(s.app, { method: 'GET', url: '/v1/listings', headers: s.auth('dave') }),
          403,
          'USER_BANNED',
        );
        expect((await call(s.app, { method: 'GET', url: '/v1/listings' })).status).toBe(200);
      } finally {
        dave.status = 'active';
        await s.persistence.users.save(dave);
      }
    });
  });

  describe('my profile', () => {
    it('reads and edits my profile; anonymous callers get 401', async () => {
      const s = get();
      expectError(await call(s.app, { method: 'GET', url: '/v1/me' }), 401, 'UNAUTHENTICATED');
      const me = await call(s.app, { method: 'GET', url: '/v1/me', headers: s.auth('carol') });
      expect(me.body).toMatchObject({
        id: s.users.carol.id,
        verified: false,
        verifiedAt: null,
        role: 'student',
        status: 'active',
      });
      // An admin account is not a student: its token has no student profile.
      expectError(
        await call(s.app, { method: 'GET', url: '/v1/me', headers: s.auth('admin') }),
        401,
        'UNAUTHENTICATED',
      );

      // Only our own uploaded photo makes an avatar: any other address would learn every viewer's.
      const upload = async (handle: 'dave' | 'bob') => {
        const file = multipartFile(await phoneJpeg(400, 400), 'avatar.jpg');
        const r = await call(s.app, {
          method: 'POST',
          url: '/v1/photos',
          headers: { ...s.auth(handle), ...file.headers },
          payload: file.payload,
        });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        return r.body as { id: string; urls: { thumb: string } };
      };
      const [daves, bobs] = [await upload('dave'), await upload('bob')];
      for (const avatarUrl of ['https://example.com/a.png', bobs.id, bobs.urls.thumb]) {
        const refused = await call(s.app, {
          method: 'PATCH',
          url: '/v1/me',
          headers: s.auth('carol'),
          payload: { avatarUrl },
        });
        expect(expectError(refused, 400, 'VALIDATION_FAILED').map((d: { field: string }) => d.field)).toEqual([
          'avatarUrl',
        ]);
      }
      const changed = await call(s.app, {
        method: 'PATCH',
        url: '/v1/me',
        headers: s.auth('carol'),
        payload: { nickname: '  卡萝尔  ' },
      });
      expect(changed.body).toMatchObject({ nickname: '卡萝尔', avatarUrl: null });
      const own = await call(s.app, {
        method: 'PATCH',
        url: '/v1/me',
        headers: s.auth('dave'),
        payload: { avatarUrl: daves.urls.thumb },
      });
      expect(own.body).toMatchObject({ avatarUrl: `/media/photos/${daves.id}/thumb` });
      const cleared = await call(s.app, {
        method: 'PATCH',
        url: '/v1/me',
        headers: s.auth('dave'),
        payload: { avatarUrl: null },
      });
      expect(cleared.body.avatarUrl).toBeNull();
      expect((await s.persistence.users.byId(s.users.carol.id))?.nickname).toBe('卡萝尔');
      const bad = await call(s.app, {
        method: 'PATCH',
        url: '/v1/me',
        headers: s.auth('carol'),
        payload: { nickname: '', avatarUrl: 'https://example.com/a.png' },
      });
      expect(
        expectError(bad, 400, 'VALIDATION_FAILED')
          .map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(['avatarUrl', 'nickname']);
      expect((await s.persistence.users.byId(s.users.carol.id))?.nickname).toBe('卡萝尔');
    });
  });

  describe("the seller's QQ openid", () => {
    it('is shown to verified viewers of a detail, never to others, never in summaries', async () => {
      const s = get();
      const d = await publishAs(s, 'alice', itemBody(cats, { title: '联系方式测试 显示器' }));
      const detail = (headers: Record<string, string>) =>
        call(s.app, { method: 'GET', url: `/v1/listings/${d.id}`, headers });
      expect((await detail(s.auth('bob'))).body.seller.qqOpenId).toBe(s.users.alice.qqOpenId);
      expect((await detail({})).body.seller).not.toHaveProperty('qqOpenId');
      expect((await detail(s.auth('carol'))).body.seller).not.toHaveProperty('qqOpenId');

      for (const handle of ['bob', 'alice', 'admin'] as const) {
        const feed = await call(s.app, { method: 'GET', url: '/v1/listings?limit=50', headers: s.auth(handle) });
        expect(feed.body.items.length).toBeGreaterThan(0);
        expect(JSON.stringify(feed.body)).not.toContain('qqOpenId');
        expect(JSON.stringify(feed.body)).not.toContain(s.users.alice.qqOpenId);
      }
      const mine = await call(s.app, { method: 'GET', url: '/v1/me/listings', headers: s.auth('alice') });
      expect(JSON.stringify(mine.body)).not.toContain('qqOpenId');
    });
  });
}
