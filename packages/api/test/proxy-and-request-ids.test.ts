import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './support/http.js';
import { startStack, type Stack } from './support/stack.js';

/**
 * Behind nginx (deploy/nginx): the client's address comes from X-Forwarded-For only when the request comes from
 * a proxy named in XZ_TRUST_PROXY, and the X-Request-Id nginx sends is the id of the request in our logs.
 */
describe('behind a proxy', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('sqlite');
  });
  afterAll(() => s?.close());

  /** The address the API saw, as a failed admin sign-in records it in the audit log. */
  const addressSeen = async (app: FastifyInstance, remoteAddress: string, forwardedFor?: string) => {
    const marker = `${Date.now()}-${Math.random()}`;
    const login = await call(app, {
      method: 'POST',
      url: '/v1/admin/auth/login',
      remoteAddress,
      headers: { 'x-request-id': `probe-${marker}`, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
      payload: { username: 'admin', password: `wrong-${marker}` },
    });
    expect(login.status).toBe(401);
    const log = await call(app, {
      method: 'GET',
      url: '/v1/admin/audit-log?action=admin.login_failed&limit=1',
      headers: s.auth('admin'),
    });
    return (log.body.items[0] as { details: { address?: string } }).details.address;
  };

  it('believes X-Forwarded-For only from the listed proxies', async () => {
    const app = await s.anotherApp({ env: { XZ_TRUST_PROXY: '127.0.0.1, 10.8.0.0/16' } });
    expect(await addressSeen(app, '127.0.0.1', '198.51.100.7')).toBe('198.51.100.7');
    expect(await addressSeen(app, '10.8.3.4', '198.51.100.8')).toBe('198.51.100.8');
    // A client that talks to the API directly and says it is someone else is not believed.
    expect(await addressSeen(app, '203.0.113.5', '198.51.100.9')).toBe('203.0.113.5');
    // Through a trusted proxy, an address the client put in front of the proxy's own is not believed either.
    expect(await addressSeen(app, '127.0.0.1', '198.51.100.10, 203.0.113.6')).toBe('203.0.113.6');
  });

  it('believes nobody by default, anybody with true', async () => {
    expect(await addressSeen(s.app, '127.0.0.1', '198.51.100.7')).toBe('127.0.0.1');
    const trusting = await s.anotherApp({ env: { XZ_TRUST_PROXY: 'true' } });
    expect(await addressSeen(trusting, '203.0.113.5', '198.51.100.11')).toBe('198.51.100.11');
  });

  it('refuses a trust list that is not addresses or ranges', async () => {
    await expect(s.anotherApp({ env: { XZ_TRUST_PROXY: '127.0.0.1, nginx.local' } })).rejects.toThrow(
      /XZ_TRUST_PROXY[^\n]*"nginx\.local"/,
    );
    await expect(s.anotherApp({ env: { XZ_TRUST_PROXY: '10.0.0.0/33' } })).rejects.toThrow(/XZ_TRUST_PROXY/);
  });

  it('takes the request id from X-Request-Id, echoes it and logs every line of the request with it', async () => {
    const id = 'a3f1c2d4e5b6a7980112233445566778';
    const res = await call(s.app, { method: 'GET', url: '/v1/catalog', headers: { 'x-request-id': id } });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe(id);
    const lines = s.logs.filter((l) => l['reqId'] === id);
    expect(lines.map((l) => l['msg'])).toEqual(['incoming request', 'request completed']);
  });

  it('makes its own id when none came or the one sent does not look like an id', async () => {
    for (const sent of [undefined, '', 'has spaces in it', 'x'.repeat(129), 'quote"and\\backslash']) {
      const res = await call(s.app, {
        method: 'GET',
        url: '/v1/catalog',
        headers: sent === undefined ? {} : { 'x-request-id': sent },
      });
      expect(res.headers['x-request-id'], String(sent)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-/);
    }
  });
});
