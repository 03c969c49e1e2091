import { createHash } from 'node:crypto';
import { HmacStudentNumberHasher } from '@xianzhi/adapters';
import { FakeCampusPortal, fakePortalSettings, FakeCasServer } from '@xianzhi/adapters/testing';
import { User } from '@xianzhi/core';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfiguredCampuses } from '../src/main/campuses.js';
import type { DatabaseKind } from './support/databases.js';
import { call, expectError } from './support/http.js';
import { startStack, TEST_SECRET, type Stack } from './support/stack.js';

/**
 * Student verification through the real adapters against fake campus servers on loopback: the
 * demo campus relays a password to a form-login portal; "north" validates CAS tickets.
 */
function campusVerification(kind: DatabaseKind): void {
  describe(`campus verification on ${kind}`, () => {
    let s: Stack;
    let portal: FakeCampusPortal;
    let cas: FakeCasServer;
    const SERVICE = () => `http://127.0.0.1:8080/v1/campuses/north/cas-callback`;
    let userSeq = 0;

    beforeAll(async () => {
      portal = await FakeCampusPortal.start({
        '2023100001': { password: 'Relayed-Secret-Pa55!', name: '陈同学' },
        '2023100002': { password: 'second-pw', name: '林同学' },
        '2023100666': { password: 'whatever', name: '被锁', locked: true },
        '2023100777': { password: 'rate-limit-pw', name: '赵同学' },
        '2023100778': { password: 'rate-limit-pw', name: '孙同学' },
        '2023100888': { password: 'release-pw', name: '钱同学' },
      });
      cas = await FakeCasServer.start({ user: 'north.student', attributes: { xh: 'N2023000042', cn: '北方同学' } });
      const campuses = [
        {
          id: 'demo',
          name: '示例大学',
          auth: { kind: 'form', ...fakePortalSettings(portal.loginUrl), timeoutMs: 1000 },
        },
        {
          id: 'north',
          name: '北方大学',
          areas: [{ id: 'north-gate', name: '北门' }],
          auth: {
            kind: 'cas',
            baseUrl: cas.baseUrl,
            version: 3,
            studentNumberAttribute: 'xh',
            nameAttribute: 'cn',
            timeoutMs: 1000,
          },
        },
      ];
      s = await startStack(kind, { env: { XZ_CAMPUSES: JSON.stringify(campuses) } });
      await syncConfiguredCampuses(s.config, s.persistence, pino({ level: 'silent' }));
    });
    afterAll(async () => {
      await s?.close();
      await portal?.close();
      await cas?.close();
    });

    /** A fresh, unverified student with a token, so cases do not share rate-limit counters. */
    async function newStudent(campusId = 'demo') {
      const id = `01HXCAMPUSTEST${String(++userSeq).padStart(12, '0')}`;
      await s.persistence.users.save(
        User.register({
          id,
          qqOpenId: `OPENID-CAMPUS-${kind}-${userSeq}`,
          nickname: `验证${userSeq}`,
          avatarUrl: null,
          campusId,
          now: s.clock.now(),
        }),
      );
      return { id, headers: { authorization: `Bearer ${(await s.tokens.issue(id)).token}` } };
    }
    let address = 0;
    const nextAddress = () => `10.0.${kind === 'sqlite' ? 1 : 2}.${++address}`;
    const verify = (headers: Record<string, string>, payload: object, remoteAddress = nextAddress()) =>
      call(s.app, { method: 'POST', url: '/v1/me/campus-verification', headers, payload, remoteAddress });

    it('tells the client how each campus verifies, and the catalog follows XZ_CAMPUSES', async () => {
      const demo = await call(s.app, { method: 'GET', url: '/v1/campuses/demo/login' });
      expect(demo.body).toEqual({
        campusId: 'demo',
        method: 'password',
        kind: 'form',
        loginUrl: null,
        service: null,
        hint: null,
      });
      const north = await call(s.app, { method: 'GET', url: '/v1/campuses/north/login' });
      expect(north.body).toEqual({
        campusId: 'north',
        method: 'cas',
        kind: 'cas',
        service: SERVICE(),
        loginUrl: `${cas.baseUrl}/login?service=${encodeURIComponent(SERVICE())}&renew=true`,
        hint: null,
      });
      expectError(await call(s.app, { method: 'GET', url: '/v1/campuses/nowhere/login' }), 404, 'CAMPUS_NOT_FOUND');
      const catalog = await call(s.app, { method: 'GET', url: '/v1/catalog?campusId=north' });
      expect(catalog.body.campus).toEqual({
        id: 'north',
        name: '北方大学',
        areas: [{ id: 'north-gate', name: '北门' }],
      });
      expect(catalog.body.categories.length).toBeGreaterThan(3);
      const callback = await s.app.inject({ method: 'GET', url: '/v1/campuses/north/cas-callback?ticket=ST-1' });
      expect([callback.statusCode, callback.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
      expect(callback.body).not.toContain('ST-1');
      expect(callback.body).toContain('qq.miniProgram.redirectTo');
    });

    it('verifies with a relayed password; neither the password, its md5 nor the student number is in the logs or any table', async () => {
      const student = await newStudent();
      const password = 'Relayed-Secret-Pa55!';
      const res = await verify(student.headers, { method: 'password', username: '2023100001', password });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: student.id, verified: true });
      expect(JSON.stringify(res.body)).not.toContain('2023100001');
      expect((await call(s.app, { method: 'GET', url: '/v1/me', headers: student.headers })).body.verified).toBe(true);

      const secrets = [password, createHash('md5').update(password).digest('hex'), encodeURIComponent(password)];
      const logs = JSON.stringify(s.logs);
      for (const secret of [...secrets, '2023100001']) expect(logs).not.toContain(secret);

      const dump = await everyTable(s);
      expect(Object.keys(dump)).toContain('student_verification');
      for (const secret of [...secrets, '2023100001']) expect(JSON.stringify(dump), secret).not.toContain(secret);
      const binding = (await s.persistence.verifications.byUser(student.id))!;
      expect(binding.studentNumberHash).toBe(new HmacStudentNumberHasher(TEST_SECRET).hash('demo', '2023100001'));
      expect(Object.keys(binding).sort()).toEqual(['campusId', 'studentNumberHash', 'userId', 'verifiedAt']);
    });

    it('one student number verifies one account per campus (409)', async () => {
      const first = await newStudent();
      const second = await newStudent();
      expect(
        (await verify(first.headers, { method: 'password', username: '2023100002', password: 'second-pw' })).status,
      ).toBe(200);
      const res = await verify(second.headers, { method: 'password', username: '2023100002', password: 'second-pw' });
      expectError(res, 409, 'STUDENT_NUMBER_IN_USE');
      expect((await s.persistence.users.byId(second.id))!.verified).toBe(false);
    });

    it('answers wrong passwords, locked accounts and portal outages with their own codes, never echoing the password', async () => {
      const student = await newStudent();
      const wrong = await verify(student.headers, {
        method: 'password',
        username: '2023100001',
        password: 'Not-The-Password-9',
      });
      expectError(wrong, 400, 'CAMPUS_CREDENTIALS_WRONG');
      expect(JSON.stringify(wrong.body)).not.toContain('Not-The-Password-9');
      expectError(
        await verify(student.headers, { method: 'password', username: '2023100666', password: 'whatever' }),
        423,
        'CAMPUS_ACCOUNT_LOCKED',
      );
      portal.mode = 'error';
      try {
        const down = await verify(student.headers, {
          method: 'password',
          username: '2023100001',
          password: 'Relayed-Secret-Pa55!',
        });
        expectError(down, 503, 'CAMPUS_PORTAL_UNAVAILABLE');
        expect(JSON.stringify(down.body)).not.toContain('Relayed-Secret-Pa55!');
      } finally {
        portal.mode = 'normal';
      }
      expectError(
        await verify(student.headers, { method: 'cas', ticket: 'ST-x', service: SERVICE() }),
        400,
        'CAMPUS_LOGIN_METHOD_MISMATCH',
      );
      expectError(
        await verify({}, { method: 'password', username: '2023100001', password: 'x' }),
        401,
        'UNAUTHENTICATED',
      );
      expectError(
        await verify(student.headers, { method: 'password', username: '2023100001' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('verifies a CAS ticket once; a replayed or foreign-service ticket is refused', async () => {
      const student = await newStudent('north');
      const ticket = await cas.login(SERVICE());
      const res = await verify(student.headers, { method: 'cas', ticket, service: SERVICE() });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ campusId: 'north', verified: true });
      expect(JSON.stringify(await everyTable(s))).not.toContain('N2023000042');

      const other = await newStudent('north');
      expect(
        expectError(
          await verify(other.headers, { method: 'cas', ticket, service: SERVICE() }),
          400,
          'CAMPUS_CREDENTIALS_WRONG',
        ),
      ).toEqual({ reason: 'INVALID_TICKET' });
      const foreign = await cas.login('https://elsewhere.example.com/cb');
      expect(
        expectError(
          await verify(other.headers, { method: 'cas', ticket: foreign, service: 'https://elsewhere.example.com/cb' }),
          400,
          'CAMPUS_CREDENTIALS_WRONG',
        ),
      ).toEqual({ reason: 'INVALID_SERVICE' });
      expectError(
        await verify(other.headers, { method: 'cas', ticket: await cas.login(SERVICE()), service: SERVICE() }),
        409,
        'STUDENT_NUMBER_IN_USE',
      );
    });

    it('refuses a ticket from a lingering CAS session that asked for no password (renew)', async () => {
      const student = await newStudent('north');
      const silent = await cas.login(SERVICE(), { renew: false });
      expect(
        expectError(
          await verify(student.headers, { method: 'cas', ticket: silent, service: SERVICE() }),
          400,
          'CAMPUS_CREDENTIALS_WRONG',
        ),
      ).toEqual({ reason: 'INVALID_TICKET' });
    });

    it('refuses a CAS answer without the student-number attribute, logs it for the campus, and never logs a ticket', async () => {
      const student = await newStudent('north');
      const logged = s.logs.length;
      const secret = 'ST-callback-secret-ticket';
      await s.app.inject({ method: 'GET', url: `/v1/campuses/north/cas-callback?ticket=${secret}&lang=zh` });
      cas.signedIn = { user: 'north.nobody', attributes: { cn: '无学号' } };
      try {
        const ticket = await cas.login(SERVICE());
        const res = await verify(student.headers, { method: 'cas', ticket, service: SERVICE() });
        expect(expectError(res, 502, 'CAMPUS_IDENTITY_INCOMPLETE')).toEqual({ campusId: 'north', missing: 'xh' });
        const lines = s.logs.slice(logged);
        const text = JSON.stringify(lines);
        for (const leaked of [secret, ticket, 'north.nobody']) expect(text).not.toContain(leaked);
        expect(text).toContain('/v1/campuses/north/cas-callback?ticket=[redacted]&lang=zh');
        expect(lines.find((l) => l['code'] === 'CAMPUS_IDENTITY_INCOMPLETE')).toMatchObject({
          campusId: 'north',
          missing: 'xh',
          level: 50,
        });
        const me = await call(s.app, { method: 'GET', url: '/v1/me', headers: student.headers });
        expect(me.body.verified).toBe(false);
      } finally {
        cas.signedIn = { user: 'north.student', attributes: { xh: 'N2023000042', cn: '北方同学' } };
      }
    });

    it('rate-limits per user: the 6th attempt in 15 minutes is 429 with Retry-After; later it is allowed', async () => {
      const student = await newStudent();
      const address = nextAddress();
      const start = s.clock.now();
      for (let i = 0; i < 5; i++) {
        expectError(
          await verify(
            student.headers,
            { method: 'password', username: '2023100777', password: `guess-${i}` },
            address,
          ),
          400,
          'CAMPUS_CREDENTIALS_WRONG',
        );
        s.clock.advance(1000);
      }
      const sixth = await verify(
        student.headers,
        { method: 'password', username: '2023100777', password: 'rate-limit-pw' },
        address,
      );
      const details = expectError(sixth, 429, 'VERIFICATION_RATE_LIMITED');
      expect(new Date(details.retryAt).getTime()).toBe(start.getTime() + 15 * 60_000);
      expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(14 * 60);
      expect(sixth.body.error.message).toMatch(/之后再试/);
      // Another address does not help the same user…
      expectError(
        await verify(student.headers, { method: 'password', username: '2023100777', password: 'rate-limit-pw' }),
        429,
        'VERIFICATION_RATE_LIMITED',
      );
      // …but another student behind the same address (a campus NAT) is not blocked by this one's failures.
      const neighbour = await newStudent();
      const next = await verify(
        neighbour.headers,
        { method: 'password', username: '2023100778', password: 'rate-limit-pw' },
        address,
      );
      expect(next.status, JSON.stringify(next.body)).toBe(200);
      s.clock.set(new Date(start.getTime() + 15 * 60_000 + 5000));
      const later = await verify(
        student.headers,
        { method: 'password', username: '2023100777', password: 'rate-limit-pw' },
        address,
      );
      expect(later.status, JSON.stringify(later.body)).toBe(200);
    });

    it('an admin releases a student number: the holder is unverified, another account may use it, and both are audited', async () => {
      const holder = await newStudent();
      const next = await newStudent();
      const creds = { method: 'password', username: '2023100888', password: 'release-pw' };
      expect((await verify(holder.headers, creds)).status).toBe(200);
      const url = `/v1/admin/verifications/${holder.id}/release`;
      expectError(await call(s.app, { method: 'POST', url, payload: {} }), 401, 'UNAUTHENTICATED');
      expectError(await call(s.app, { method: 'POST', url, headers: holder.headers, payload: {} }), 403, 'ADMIN_ONLY');
      const released = await call(s.app, {
        method: 'POST',
        url,
        headers: s.auth('admin'),
        payload: { reason: '学生换了 QQ 号' },
      });
      expect(released.status, JSON.stringify(released.body)).toBe(200);
      expect(released.body).toMatchObject({ id: holder.id, verified: false, verifiedAt: null });
      expectError(
        await call(s.app, { method: 'POST', url, headers: s.auth('admin'), payload: {} }),
        404,
        'VERIFICATION_NOT_FOUND',
      );
      expect((await verify(next.headers, creds)).status).toBe(200);
      const audit = await s.persistence.auditLog.list({ limit: 50 });
      expect(
        audit
          .filter((a) => a.targetId === holder.id)
          .map((a) => a.action)
          .sort(),
      ).toEqual(['student.release', 'student.verify']);
      expect(JSON.stringify(audit)).not.toContain('2023100888');
    });
  });
}

/** Every row of every table, as text: what someone with a copy of the database would have. */
async function everyTable(s: Stack): Promise<Record<string, unknown[]>> {
  const tables =
    s.persistence.dialect === 'sqlite'
      ? ((await s.persistence.raw("select name from sqlite_master where type = 'table'")) as { name: string }[])
      : ((await s.persistence.raw(
          'select table_name as name from information_schema.tables where table_schema = database()',
        )) as { name: string }[]);
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) dump[name] = (await s.persistence.raw(`select * from ${name}`)) as unknown[];
  return dump;
}

campusVerification('sqlite');
campusVerification('mariadb');
