import { describe, expect, it } from 'vitest';
import { FakeQqServer } from '../../../adapters/src/qq/fake-qq-server.js';
import { call, expectError } from '../support/http.js';
import { HttpParts } from '../../src/composition/http-tokens.js';
import { AccessTokens } from '../../src/http/auth.js';
import { Argon2idPasswordHasher, ScryptPasswordHasher } from '@xianzhi/adapters';
import { AdminAccount } from '@xianzhi/core';
import { Identity } from '../../src/composition/identity-tokens.js';
import { DEMO_ADMIN_PASSWORD, TEST_SECRET, type Stack } from '../support/stack.js';

const post = (s: Stack, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  call(s.app, { method: 'POST', url, payload: payload as object, headers });

/** Admin logins from a given client address, so failure counting in one test never spills into another. */
const adminLogin = (s: Stack, username: string, password: string, from: string) =>
  s.app
    .inject({ method: 'POST', url: '/v1/admin/auth/login', payload: { username, password }, remoteAddress: from })
    .then((r) => ({ status: r.statusCode, body: JSON.parse(r.body), headers: r.headers }));

export function sessionScenarios(get: () => Stack): void {
  describe('QQ login and sessions', () => {
    it('signs in with a demo QQ code: an existing student, or a new unverified one', async () => {
      const s = get();
      const alice = await post(s, '/v1/auth/qq-login', { code: 'demo:alice' });
      expect(alice.status).toBe(200);
      expect(alice.body.user.id).toBe(s.users.alice.id);
      expect(Object.keys(alice.body).sort()).toEqual([
        'accessToken',
        'expiresAt',
        'refreshExpiresAt',
        'refreshToken',
        'token',
        'user',
      ]);
      const me = await call(s.app, {
        method: 'GET',
        url: '/v1/me',
        headers: { authorization: `Bearer ${alice.body.accessToken}` },
      });
      expect(me.body.id).toBe(s.users.alice.id);

      const zoe = await post(s, '/v1/auth/qq-login', { code: 'demo:zoe', campusId: 'demo' });
      expect(zoe.body.user).toMatchObject({ verified: false, campusId: 'demo', status: 'active', role: 'student' });
      const again = await post(s, '/v1/auth/qq-login', { code: 'demo:zoe' });
      expect(again.body.user.id).toBe(zoe.body.user.id);
      expect(JSON.stringify(zoe.body)).not.toMatch(/session_?key/i);

      expectError(await post(s, '/v1/auth/qq-login', { code: 'not-a-demo-code' }), 401, 'QQ_CODE_INVALID');
      expectError(
        await post(s, '/v1/auth/qq-login', { code: 'demo:nowhere-man', campusId: 'atlantis' }),
        404,
        'CAMPUS_NOT_FOUND',
      );
      expectError(await post(s, '/v1/auth/qq-login', {}), 400, 'VALIDATION_FAILED');
    });

    it('refresh rotates the pair; replaying a rotated refresh token revokes the whole family', async () => {
      const s = get();
      const login = await post(s, '/v1/auth/qq-login', { code: 'demo:bob' });
      const first = login.body.refreshToken as string;
      const rotated = await post(s, '/v1/auth/refresh', { refreshToken: first });
      expect(rotated.status).toBe(200);
      expect(rotated.body.refreshToken).not.toBe(first);
      expect(rotated.body.user.id).toBe(s.users.bob.id);
      expect(
        (
          await call(s.app, {
            method: 'GET',
            url: '/v1/me',
            headers: { authorization: `Bearer ${rotated.body.accessToken}` },
          })
        ).status,
      ).toBe(200);

      expectError(await post(s, '/v1/auth/refresh', { refreshToken: first }), 401, 'REFRESH_TOKEN_INVALID');
      // The thief's replay also kills the legitimate client's current token.
      expectError(
        await post(s, '/v1/auth/refresh', { refreshToken: rotated.body.refreshToken }),
        401,
        'REFRESH_TOKEN_INVALID',
      );
      expectError(await post(s, '/v1/auth/refresh', { refreshToken: 'made-up-token' }), 401, 'REFRESH_TOKEN_INVALID');
      // Another login of the same user is another family, untouched.
      const other = await post(s, '/v1/auth/qq-login', { code: 'demo:bob' });
      expect((await post(s, '/v1/auth/refresh', { refreshToken: other.body.refreshToken })).status).toBe(200);
    });

    it('logout revokes the session; the raw refresh token is never stored, only its SHA-256', async () => {
      const s = get();
      const login = await post(s, '/v1/dev/login', { user: 'dave' });
      const token = login.body.refreshToken as string;
      const rows = JSON.stringify(await s.persistence.raw('select * from refresh_token'));
      expect(rows).not.toContain(token);
      const { createHash } = await import('node:crypto');
      expect(rows).toContain(createHash('sha256').update(token).digest('hex'));
      expect((await post(s, '/v1/auth/logout', { refreshToken: token })).status).toBe(204);
      expect((await post(s, '/v1/auth/logout', { refreshToken: token })).status).toBe(204);
      expectError(await post(s, '/v1/auth/refresh', { refreshToken: token }), 401, 'REFRESH_TOKEN_INVALID');
    });

    it('a tampered signature or payload, or an expired token, is 401', async () => {
      const s = get();
      const { accessToken } = (await post(s, '/v1/dev/login', { user: 'alice' })).body as { accessToken: string };
      const [header, payload, signature] = accessToken.split('.') as [string, string, string];
      const flip = (part: string, at: number) =>
        part.slice(0, at) + (part[at] === 'A' ? 'B' : 'A') + part.slice(at + 1);
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const otherSubject = Buffer.from(JSON.stringify({ ...claims, sub: s.users.bob.id })).toString('base64url');
      const adminAudience = Buffer.from(JSON.stringify({ ...claims, aud: 'xianzhi-admin', sub: s.admin.id })).toString(
        'base64url',
      );
      for (const forged of [
        `${header}.${payload}.${flip(signature, 5)}`,
        `${header}.${flip(payload, 10)}.${signature}`,
        `${header}.${otherSubject}.${signature}`,
        `${header}.${adminAudience}.${signature}`,
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`,
      ]) {
        expectError(
          await call(s.app, { method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${forged}` } }),
          401,
          'UNAUTHENTICATED',
        );
      }
      // Expiry: the same token read by an app whose token clock is 29 and then 31 minutes ahead.
      let skew = 0;
      const later = await s.anotherApp({
        customize: (c) =>
          c.rebind(HttpParts.Tokens).toConstantValue(new AccessTokens(TEST_SECRET, () => new Date(Date.now() + skew))),
      });
      const me = () =>
        call(later, { method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${accessToken}` } });
      skew = 29 * 60_000;
      expect((await me()).status).toBe(200);
      skew = 31 * 60_000;
      expectError(await me(), 401, 'UNAUTHENTICATED');
    });
  });

  describe('QQ login through the real client against a fake QQ server', () => {
    it('maps QQ error codes to API errors and keeps session_key, secrets and tokens out of responses and logs', async () => {
      const s = get();
      const qq = await new FakeQqServer('qq-app-id', 'qq-app-secret-NEVER-LOG-ME').start();
      try {
        const app = await s.anotherApp({
          env: { XZ_QQ_APP_ID: qq.appId, XZ_QQ_APP_SECRET: qq.appSecret, XZ_QQ_API_BASE: qq.baseUrl },
        });
        const logsBefore = s.logs.length;
        const login = (code: string) => call(app, { method: 'POST', url: '/v1/auth/qq-login', payload: { code } });
        const code = qq.issueCode('REAL-QQ-OPENID-0001');
        const ok = await login(code);
        expect(ok.status).toBe(200);
        expect(ok.body.user.verified).toBe(false);
        expectError(await login(code), 401, 'QQ_CODE_INVALID');
        expectError(await login('demo:alice'), 401, 'QQ_CODE_INVALID');
        qq.misbehave('rate_limited');
        expectError(await login(qq.issueCode('REAL-QQ-OPENID-0002')), 429, 'QQ_RATE_LIMITED');
        qq.misbehave('busy', 'busy');
        expectError(await login(qq.issueCode('REAL-QQ-OPENID-0002')), 503, 'QQ_UNAVAILABLE');
        qq.misbehave('busy');
        expect((await login(qq.issueCode('REAL-QQ-OPENID-0002'))).status).toBe(200);

        const refreshed = await call(app, {
          method: 'POST',
          url: '/v1/auth/refresh',
          payload: { refreshToken: ok.body.refreshToken },
        });
        expect(refreshed.status).toBe(200);
        const admin = await adminLogin(s, 'admin', DEMO_ADMIN_PASSWORD, '10.9.0.1');
        expect(admin.status).toBe(200);
        await adminLogin(s, 'admin', 'wrong-password-xyz', '10.9.0.1');

        const logs = JSON.stringify(s.logs.slice(logsBefore));
        expect(logs.length).toBeGreaterThan(100);
        for (const secret of [
          'SESSION-KEY-',
          qq.appSecret,
          ok.body.refreshToken,
          refreshed.body.refreshToken,
          ok.body.accessToken,
          DEMO_ADMIN_PASSWORD,
          'wrong-password-xyz',
          admin.body.accessToken,
          code,
        ])
          expect(logs, secret).not.toContain(secret);
        expect(JSON.stringify(ok.body)).not.toContain('SESSION-KEY-');
      } finally {
        await qq.stop();
      }
    });
  });

  describe('admin accounts', () => {
    it('admins sign in on their own route and audience; students and admins cannot cross over', async () => {
      const s = get();
      const login = await adminLogin(s, 'admin', DEMO_ADMIN_PASSWORD, '10.1.0.1');
      expect(login.status).toBe(200);
      expect(login.body.admin).toEqual({ id: s.admin.id, username: 'admin', role: 'campus_admin', campusId: 'demo' });
      const adminAuth = { authorization: `Bearer ${login.body.accessToken}` };
      expect((await call(s.app, { method: 'GET', url: '/v1/admin/me', headers: adminAuth })).body.username).toBe(
        'admin',
      );
      expectError(
        await call(s.app, { method: 'GET', url: '/v1/admin/me', headers: s.auth('alice') }),
        403,
        'ADMIN_ONLY',
      );
      expectError(await call(s.app, { method: 'GET', url: '/v1/admin/me' }), 401, 'UNAUTHENTICATED');
      expectError(await call(s.app, { method: 'GET', url: '/v1/me', headers: adminAuth }), 401, 'UNAUTHENTICATED');
      expectError(
        await call(s.app, { method: 'PATCH', url: '/v1/me', headers: adminAuth, payload: { nickname: '管理员' } }),
        401,
        'UNAUTHENTICATED',
      );
      // A disabled account's token stops working at once, like a banned student's.
      const { AdminAccount } = await import('@xianzhi/core');
      const gone = AdminAccount.create({
        id: '01DISABLEDADMIN00000000000',
        username: 'gone',
        passwordHash: 'scrypt$x',
        role: 'super_admin',
        campusId: null,
        now: new Date(),
      });
      await s.persistence.admins.save(gone);
      const goneAuth = { authorization: `Bearer ${(await s.tokens.issueAdmin(gone.id)).token}` };
      expect((await call(s.app, { method: 'GET', url: '/v1/admin/me', headers: goneAuth })).status).toBe(200);
      gone.status = 'disabled';
      await s.persistence.admins.save(gone);
      expectError(await call(s.app, { method: 'GET', url: '/v1/admin/me', headers: goneAuth }), 401, 'UNAUTHENTICATED');
      const wrong = await adminLogin(s, 'admin', 'not-the-password', '10.1.0.1');
      expectError(wrong as never, 401, 'INVALID_CREDENTIALS');
      expectError(
        (await adminLogin(s, 'nobody-here', 'whatever-pass', '10.1.0.1')) as never,
        401,
        'INVALID_CREDENTIALS',
      );
    });

    it('refuses a username at an address after 5 failures in 15 minutes, even with the right password, and says when to retry', async () => {
      const s = get();
      // A success clears the username's earlier failures.
      expect((await adminLogin(s, 'admin', DEMO_ADMIN_PASSWORD, '10.2.0.100')).status).toBe(200);
      for (let i = 0; i < 5; i++)
        expect((await adminLogin(s, 'admin', `guess-${i}-xxxxxx`, '10.2.0.1')).status).toBe(401);
      const locked = await adminLogin(s, 'admin', DEMO_ADMIN_PASSWORD, '10.2.0.1');
      expectError(locked as never, 429, 'TOO_MANY_ATTEMPTS');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
      // The attacker's address is locked out; the real admin elsewhere is not.
      expect((await adminLogin(s, 'admin', DEMO_ADMIN_PASSWORD, '10.2.0.99')).status).toBe(200);
      const start = s.clock.now();
      try {
        s.clock.advance(15 * 60_000 + 1000);
        expect((await adminLogin(s, 'admin', DEMO_ADMIN_PASSWORD, '10.2.0.1')).status).toBe(200);
      } finally {
        s.clock.set(start);
      }
      // And per client address, whatever usernames it tries.
      for (let i = 0; i < 20; i++) await adminLogin(s, `someone${i}`, 'x-wrong-password', '10.3.0.1');
      expectError((await adminLogin(s, 'admin', DEMO_ADMIN_PASSWORD, '10.3.0.1')) as never, 429, 'TOO_MANY_ATTEMPTS');
      const audit = await call(s.app, {
        method: 'GET',
        url: '/v1/admin/audit-log?action=admin.login_failed&limit=100',
        headers: s.auth('admin'),
      });
      expect(audit.body.items.length).toBeGreaterThanOrEqual(5);
      expect(JSON.stringify(audit.body)).not.toContain('guess-');
      // What was typed as a username is never kept (it may be a password typed in the wrong box).
      // Failures of unknown usernames belong to no campus: only the store shows them all.
      const failures = await s.persistence.auditLog.list({ action: 'admin.login_failed', limit: 100 });
      expect(JSON.stringify(failures)).not.toContain('someone0');
      const unknown = failures.filter((e) => !e.details['known']);
      expect(unknown.length).toBeGreaterThanOrEqual(20);
      expect(unknown.filter((e) => e.targetId !== '' || !e.details['address'])).toEqual([]);
    });

    it('keeps accepting a scrypt hash of before and replaces it with argon2id (OWASP parameters) on the next sign-in', async () => {
      const s = get();
      const real = await s.anotherApp({
        customize: (c) => c.rebind(Identity.PasswordHasher).toConstantValue(new Argon2idPasswordHasher()),
      });
      const legacy = AdminAccount.create({
        id: 'admin-legacy-hash',
        username: 'legacy.admin',
        passwordHash: await new ScryptPasswordHasher({ N: 2 ** 10, r: 8, p: 1 }).hash('legacy-password-1'),
        role: 'super_admin',
        campusId: null,
        now: s.clock.now(),
      });
      await s.persistence.admins.save(legacy);
      const login = (password: string) =>
        real.inject({
          method: 'POST',
          url: '/v1/admin/auth/login',
          payload: { username: 'legacy.admin', password },
          remoteAddress: '10.4.0.1',
        });
      const stored = async () => (await s.persistence.admins.byId(legacy.id))!.passwordHash;
      expect((await login('legacy-password-2')).statusCode).toBe(401);
      expect(await stored()).toBe(legacy.passwordHash);
      expect((await login('legacy-password-1')).statusCode).toBe(200);
      const upgraded = await stored();
      expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect((await login('legacy-password-1')).statusCode).toBe(200);
      expect(await stored()).toBe(upgraded);
      expect((await login('legacy-password-2')).statusCode).toBe(401);
    });

    it('bans with a reason: the student is locked out at once, refresh refused; unban restores; all audited', async () => {
      const s = get();
      const session = (await post(s, '/v1/dev/login', { user: 'carol' })).body;
      const carol = { authorization: `Bearer ${session.accessToken}` };
      expectError(
        await post(s, `/v1/admin/users/${s.users.carol.id}/ban`, { reason: '违规' }, s.auth('alice')),
        403,
        'ADMIN_ONLY',
      );
      expectError(
        await post(s, `/v1/admin/users/${s.users.carol.id}/ban`, { reason: ' ' }, s.auth('admin')),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await post(s, '/v1/admin/users/nobody/ban', { reason: '违规' }, s.auth('admin')),
        404,
        'USER_NOT_FOUND',
      );
      const banned = await post(
        s,
        `/v1/admin/users/${s.users.carol.id}/ban`,
        { reason: '多次发布违规信息' },
        s.auth('admin'),
      );
      expect(banned.body).toMatchObject({ id: s.users.carol.id, status: 'banned' });
      try {
        expectError(await call(s.app, { method: 'GET', url: '/v1/me', headers: carol }), 403, 'USER_BANNED');
        expectError(await call(s.app, { method: 'GET', url: '/v1/listings', headers: carol }), 403, 'USER_BANNED');
        expectError(await post(s, '/v1/auth/refresh', { refreshToken: session.refreshToken }), 403, 'USER_BANNED');
        expectError(await post(s, '/v1/dev/login', { user: 'carol' }), 403, 'USER_BANNED');
      } finally {
        const unbanned = await post(
          s,
          `/v1/admin/users/${s.users.carol.id}/unban`,
          { reason: '申诉通过' },
          s.auth('admin'),
        );
        expect(unbanned.body.status).toBe('active');
      }
      expect((await call(s.app, { method: 'GET', url: '/v1/me', headers: carol })).status).toBe(200);
      const all = await call(s.app, { method: 'GET', url: '/v1/admin/audit-log?limit=100', headers: s.auth('admin') });
      type Entry = { id: string; action: string; targetId: string; details: unknown; actor: unknown };
      expect(
        all.body.items
          .filter((e: Entry) => e.targetId === s.users.carol.id)
          .map((e: Entry) => [e.action, e.details, e.actor]),
      ).toEqual([
        ['user.unban', { reason: '申诉通过' }, { kind: 'admin', id: s.admin.id }],
        ['user.ban', { reason: '多次发布违规信息' }, { kind: 'admin', id: s.admin.id }],
      ]);
      const page1 = await call(s.app, { method: 'GET', url: '/v1/admin/audit-log?limit=2', headers: s.auth('admin') });
      const page2 = await call(s.app, {
        method: 'GET',
        url: `/v1/admin/audit-log?limit=2&cursor=${page1.body.nextCursor}`,
        headers: s.auth('admin'),
      });
      expect([...page1.body.items, ...page2.body.items].map((e: Entry) => e.id)).toEqual(
        all.body.items.slice(0, 4).map((e: Entry) => e.id),
      );
      expectError(
        await call(s.app, { method: 'GET', url: '/v1/admin/audit-log', headers: s.auth('alice') }),
        403,
        'ADMIN_ONLY',
      );
      const events = (await s.persistence.outbox.unpublished(10_000))
        .filter((e) => e.aggregateId === s.users.carol.id)
        .map((e) => e.type);
      expect(events.slice(-2)).toEqual(['UserBanned', 'UserUnbanned']);
    });
  });
}
