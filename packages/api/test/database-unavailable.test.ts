import { openPersistence, type Persistence } from '@xianzhi/adapters';
import { freePort } from '@xianzhi/adapters/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ports } from '../src/composition/tokens.js';
import { call, expectError } from './support/http.js';
import { startStack, type Stack } from './support/stack.js';

/**
 * Issue 16: a database that cannot be reached is an outage, not a bug. The driver's real error (a
 * MariaDB port nobody listens on) answers 503 DATABASE_UNAVAILABLE with Retry-After and a message for
 * people, and is logged once, at error level, by its reason and without a stack. The whole outage,
 * against the compiled server, is test/e2e/database-outage.e2e.test.ts.
 */
describe('a database that cannot be reached', () => {
  let s: Stack;
  let unreachable: Persistence;
  let app: FastifyInstance;

  beforeAll(async () => {
    s = await startStack('sqlite');
    unreachable = await openPersistence({ url: `mariadb://xianzhi:secret@127.0.0.1:${await freePort()}/xianzhi` });
    // The feed's and the accounts' store are the unreachable one; the rest of the app is as usual.
    app = await s.anotherApp({
      customize: (c) => {
        c.rebind(Ports.Listings).toConstantValue(unreachable.listings);
        c.rebind(Ports.Users).toConstantValue(unreachable.users);
      },
    });
  });
  afterAll(async () => {
    await unreachable?.close();
    await s?.close();
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After, telling nothing of the inside', async () => {
    for (const request of [
      { method: 'GET' as const, url: '/v1/listings?campusId=demo' },
      // A signed-in request fails earlier, when its account is read.
      { method: 'GET' as const, url: '/v1/me', headers: s.auth('alice') },
    ]) {
      const res = await call(app, request);
      const details = expectError(res, 503, 'DATABASE_UNAVAILABLE');
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.error.message).toMatch(/请稍后再试/);
      expect(Object.keys(details)).toEqual(['requestId']);
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|mariadb| {4}at /i);
    }
  });

  it('logs each refused request once, at error level, with the reason and no stack', async () => {
    const before = s.logs.length;
    const res = await call(app, { method: 'GET', url: '/v1/listings?campusId=demo' });
    const requestId = res.body.error.details.requestId as string;
    const lines = s.logs.slice(before).filter((l) => l['reqId'] === requestId && (l['level'] as number) >= 40);
    expect(lines.map((l) => [l['level'], l['msg']])).toEqual([[50, 'database unavailable']]);
    expect(lines[0]!['reason']).toEqual({ code: 'ECONNREFUSED', message: expect.stringMatching(/ECONNREFUSED/) });
    expect(JSON.stringify(lines[0])).not.toMatch(/stack| {4}at /);
  });

  it('still answers a bug as 500 INTERNAL: only outages become 503', async () => {
    const broken = await s.anotherApp({
      customize: (c) =>
        void c.rebind(Ports.Listings).toConstantValue({
          ...unreachable.listings,
          feed: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'id')")),
        }),
    });
    expectError(await call(broken, { method: 'GET', url: '/v1/listings?campusId=demo' }), 500, 'INTERNAL');
  });
});
