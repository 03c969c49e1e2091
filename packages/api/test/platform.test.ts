import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminSession, CampusList, ClientConfig } from '../src/contract.js';
import { call, expectError } from './support/http.js';
import { hardeningScenarios } from './scenarios/hardening.js';
import { startStack, type Stack } from './support/stack.js';

const CAMPUSES = JSON.stringify([
  {
    id: 'demo',
    name: '示例大学',
    contact: { qq: '123456789', email: 'xianzhi@demo.edu.cn', hours: '工作日 9:00–17:00' },
    auth: { kind: 'demo' },
  },
  { id: 'north', name: '北方大学', auth: { kind: 'cas', baseUrl: 'https://cas.north.edu.cn/cas', version: 3 } },
]);

describe('platform routes', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('sqlite');
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('GET /v1/client-config: embedded offers the demo sign-in and names the only campus', async () => {
    const res = await call<ClientConfig>(s.app, { method: 'GET', url: '/v1/client-config' });
    expect(res).toMatchObject({ status: 200, body: { mode: 'embedded', demoLogin: true, defaultCampusId: 'demo' } });
  });

  it('GET /v1/campuses: the one embedded campus, named by the seed, with no contact', async () => {
    const res = await call<CampusList>(s.app, { method: 'GET', url: '/v1/campuses' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [{ id: 'demo', name: expect.any(String), verification: 'demo', contact: null }],
      defaultCampusId: 'demo',
    });
  });

  it('with several campuses: each with its verification and contact, and no default', async () => {
    const app = await s.anotherApp({ env: { XZ_CAMPUSES: CAMPUSES } });
    const campuses = await call<CampusList>(app, { method: 'GET', url: '/v1/campuses' });
    expect(campuses.body).toEqual({
      items: [
        {
          id: 'demo',
          name: '示例大学',
          verification: 'demo',
          contact: { qq: '123456789', email: 'xianzhi@demo.edu.cn', hours: '工作日 9:00–17:00' },
        },
        { id: 'north', name: '北方大学', verification: 'cas', contact: null },
      ],
      defaultCampusId: null,
    });
    const config = await call<ClientConfig>(app, { method: 'GET', url: '/v1/client-config' });
    expect(config.body.defaultCampusId).toBeNull();
  });

  it('in production: no demo sign-in, and no campus until one is configured', async () => {
    const app = await s.anotherApp({ env: { XZ_ENV: 'production' } });
    const config = await call<ClientConfig>(app, { method: 'GET', url: '/v1/client-config' });
    expect(config.body).toEqual({ mode: 'production', demoLogin: false, defaultCampusId: null });
    expect((await call<CampusList>(app, { method: 'GET', url: '/v1/campuses' })).body).toEqual({
      items: [],
      defaultCampusId: null,
    });
    expectError(await call(app, { method: 'POST', url: '/v1/dev/admin-login' }), 403, 'DEV_LOGIN_DISABLED');
  });

  it('POST /v1/dev/admin-login signs in the seeded demo admin without a password, audited', async () => {
    const res = await call<AdminSession>(s.app, { method: 'POST', url: '/v1/dev/admin-login' });
    expect(res.status).toBe(200);
    expect(res.body.admin).toEqual({ id: s.admin.id, username: 'admin', role: s.admin.role, campusId: 'demo' });
    const me = await call(s.app, {
      method: 'GET',
      url: '/v1/admin/me',
      headers: { authorization: `Bearer ${res.body.accessToken}` },
    });
    expect(me.body).toMatchObject({ id: s.admin.id, username: 'admin' });
    const [entry] = await s.persistence.auditLog.list({ limit: 1, action: 'admin.login' });
    expect(entry).toMatchObject({ actor: { kind: 'admin', id: s.admin.id }, details: { dev: true } });
  });

  it('POST /v1/dev/admin-login refuses a disabled demo admin', async () => {
    const account = (await s.persistence.admins.byId(s.admin.id))!;
    account.status = 'disabled';
    await s.persistence.admins.save(account);
    try {
      expectError(await call(s.app, { method: 'POST', url: '/v1/dev/admin-login' }), 401, 'INVALID_CREDENTIALS');
    } finally {
      account.status = 'active';
      await s.persistence.admins.save(account);
    }
  });

  hardeningScenarios(() => s);
});
