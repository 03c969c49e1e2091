import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { contentSecurityPolicyHeader } from '../../src/http/security.js';
import { call } from '../support/http.js';
import type { Stack } from '../support/stack.js';

const ALLOWED = 'https://admin.example.edu.cn';

/** Security headers, CORS and the API docs, on a stack of the caller's (embedded SQLite: platform.test.ts). */
export function hardeningScenarios(get: () => Stack): void {
  describe('HTTP hardening: security headers, CORS and the API docs', () => {
    let s: Stack;
    beforeAll(() => {
      s = get();
    });

    it('sends the security headers and the Content-Security-Policy on every answer, errors included', async () => {
      const csp =
        "default-src 'self';base-uri 'self';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';" +
        "img-src 'self' data: blob:;font-src 'self' data:;connect-src 'self' blob:;object-src 'none';frame-ancestors 'self';form-action 'self'";
      expect(contentSecurityPolicyHeader(s.config)).toBe(csp);
      for (const url of ['/v1/catalog?campusId=demo', '/v1/no-such-route', '/healthz']) {
        const res = await call(s.app, { method: 'GET', url });
        expect(res.headers, url).toMatchObject({
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'SAMEORIGIN',
          'referrer-policy': 'no-referrer',
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-resource-policy': 'same-origin',
        });
        // HSTS is the TLS terminator's (Nginx) to send.
        expect(res.headers['strict-transport-security'], url).toBeUndefined();
        expect(res.headers['x-powered-by'], url).toBeUndefined();
      }
      // Photos from a public bucket are allowed as images, from its origin only.
      const withBucket = contentSecurityPolicyHeader({
        photos: { ...s.config.photos, s3: { publicUrl: 'https://cdn.example.edu.cn/photos' } as never },
      });
      expect(withBucket).toContain("img-src 'self' data: blob: https://cdn.example.edu.cn;");
    });

    it('sends no CORS headers by default, not even to a preflight', async () => {
      const get = await call(s.app, { method: 'GET', url: '/v1/campuses', headers: { origin: ALLOWED } });
      expect(get.status).toBe(200);
      expect(Object.keys(get.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      const preflight = await s.app.inject({
        method: 'OPTIONS',
        url: '/v1/listings',
        headers: { origin: ALLOWED, 'access-control-request-method': 'POST' },
      });
      expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    });

    it('with XZ_CORS_ORIGINS: the listed origins get CORS headers (preflight included), any other none', async () => {
      const app = await s.anotherApp({ env: { XZ_CORS_ORIGINS: `${ALLOWED}, http://127.0.0.1:5173` } });
      const preflight = await app.inject({
        method: 'OPTIONS',
        url: '/v1/listings',
        headers: {
          origin: ALLOWED,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers).toMatchObject({
        'access-control-allow-origin': ALLOWED,
        'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': 'Authorization, Content-Type, X-Request-Id',
        'access-control-max-age': '600',
      });
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
      const get = await call(app, { method: 'GET', url: '/v1/campuses', headers: { origin: 'http://127.0.0.1:5173' } });
      expect(get.headers).toMatchObject({
        'access-control-allow-origin': 'http://127.0.0.1:5173',
        'access-control-expose-headers': 'X-Request-Id, Retry-After',
        vary: expect.stringContaining('Origin'),
        // Pages of the allowed origin show our photos.
        'cross-origin-resource-policy': 'cross-origin',
      });

      for (const origin of ['https://evil.example.com', 'https://admin.example.edu.cn.evil.com', 'null']) {
        const other = await call(app, { method: 'GET', url: '/v1/campuses', headers: { origin } });
        expect(other.status, origin).toBe(200);
        expect(
          Object.keys(other.headers).filter((h) => h.startsWith('access-control-')),
          origin,
        ).toEqual([]);
        const refused = await app.inject({
          method: 'OPTIONS',
          url: '/v1/listings',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
        expect(refused.statusCode, origin).toBe(404);
        expect(
          Object.keys(refused.headers).filter((h) => h.startsWith('access-control-')),
          origin,
        ).toEqual([]);
      }
    });

    it('checks XZ_CORS_ORIGINS: origins only, no wildcard, no path', () => {
      const cwd = mkdtempSync(join(tmpdir(), 'xz-cors-'));
      const config = loadConfig({ XZ_CORS_ORIGINS: 'HTTPS://Admin.Example.edu.cn , http://[::1]:8080,' }, { cwd });
      expect(config.operations.corsOrigins).toEqual(['https://admin.example.edu.cn', 'http://[::1]:8080']);
      for (const bad of [
        '*',
        'admin.example.edu.cn',
        'https://a.example.edu.cn/',
        'https://a.example.edu.cn/admin',
        'ftp://x.cn',
        'https://x.cn:99999',
      ]) {
        expect(() => loadConfig({ XZ_CORS_ORIGINS: bad }, { cwd }), bad).toThrow(ConfigError);
      }
      expect(() => loadConfig({ XZ_METRICS_PORT: 'nine' }, { cwd })).toThrow(/XZ_METRICS_PORT must be a whole number/);
      expect(() => loadConfig({ XZ_METRICS_PORT: '8080' }, { cwd })).toThrow(
        /XZ_METRICS_PORT must differ from XZ_PORT/,
      );
      expect(() => loadConfig({ XZ_METRICS_PORT: '9464', XZ_WORKER_METRICS_PORT: '9464' }, { cwd })).toThrow(
        /XZ_WORKER_METRICS_PORT must differ/,
      );
      expect(
        loadConfig({ XZ_METRICS_PORT: '9464', XZ_WORKER_METRICS_PORT: '9474', XZ_METRICS_HOST: '10.0.0.5' }, { cwd })
          .operations.metrics,
      ).toEqual({ host: '10.0.0.5', apiPort: 9464, workerPort: 9474 });
      expect(loadConfig({}, { cwd }).operations).toEqual({
        corsOrigins: [],
        docs: true,
        metrics: { host: '127.0.0.1', apiPort: null, workerPort: null },
      });
    });

    it('serves /docs and its JSON in embedded mode; in production only with XZ_DOCS=on', async () => {
      const pages = async (app: typeof s.app) =>
        Promise.all(
          ['/docs', '/docs/json', '/docs/static/index.html'].map(async (url) => (await app.inject(url)).statusCode),
        );
      expect(await pages(s.app)).toEqual([200, 200, 302]);
      expect((await s.app.inject('/docs/json')).json()).toMatchObject({ openapi: '3.1.0' });
      const production = await s.anotherApp({ env: { XZ_ENV: 'production' } });
      expect(await pages(production)).toEqual([404, 404, 404]);
      const off = await s.anotherApp({ env: { XZ_DOCS: 'off' } });
      expect(await pages(off)).toEqual([404, 404, 404]);
      const enabled = await s.anotherApp({ env: { XZ_ENV: 'production', XZ_DOCS: 'on' } });
      expect(await pages(enabled)).toEqual([200, 200, 302]);
      // The document itself is still built (the routes' schemas are checked against it in every mode).
      const document = (production as unknown as { swagger(): { paths?: object } }).swagger();
      expect(Object.keys(document.paths ?? {})).toContain('/v1/listings');
    });
  });
}
