import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logging.js';
import { startStack, type Stack } from './support/stack.js';

describe('embedded mode serves the front ends', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack('sqlite');
    const h5 = join(stack.db.dir, 'h5');
    mkdirSync(join(h5, 'js'), { recursive: true });
    writeFileSync(join(h5, 'index.html'), '<!doctype html><title>闲置 H5</title><div id="app"></div>');
    writeFileSync(join(h5, 'js', 'app.js'), 'console.log("h5")');
  });
  afterAll(() => stack?.close());

  const appWith = (env: Record<string, string>) =>
    stack.anotherApp({ env: { XZ_H5_DIST: join(stack.db.dir, 'h5'), ...env } });

  it('redirects / to the H5 app and serves its files, falling back to index.html for app routes', async () => {
    const app = await appWith({});
    const root = await app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/h5/');
    expect((await app.inject({ method: 'GET', url: '/h5' })).headers.location).toBe('/h5/');

    const index = await app.inject({ method: 'GET', url: '/h5/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('闲置 H5');
    const asset = await app.inject({ method: 'GET', url: '/h5/js/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);

    const deepLink = await app.inject({ method: 'GET', url: '/h5/pages/detail/index?id=42' });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.body).toContain('闲置 H5');
    const missingAsset = await app.inject({ method: 'GET', url: '/h5/js/missing.js' });
    expect(missingAsset.statusCode).toBe(404);
    expect(missingAsset.json().error.code).toBe('ROUTE_NOT_FOUND');
    const traversal = await app.inject({ method: 'GET', url: '/h5/../../secret.key' });
    expect(traversal.body).not.toContain(stack.config.jwtSecret);
  });

  it('explains in Chinese how to build a front end that is missing', async () => {
    const app = await appWith({});
    const page = await app.inject({ method: 'GET', url: '/admin/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('管理后台尚未构建');
    expect(page.body).toContain('pnpm --filter @xianzhi/admin build');
    expect((await app.inject({ method: 'GET', url: '/admin/listings' })).body).toContain('尚未构建');
  });

  it('serves no front end and no redirect in production', async () => {
    const app = await appWith({ XZ_ENV: 'production' });
    expect((await app.inject({ method: 'GET', url: '/' })).json().error.code).toBe('ROUTE_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: '/h5/' })).json().error.code).toBe('ROUTE_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: '/v1/catalog' })).statusCode).toBe(200);
  });
});

describe('logs', () => {
  it('redact authorization headers, passwords, secrets and tokens wherever they appear', () => {
    const lines: string[] = [];
    const logger = createLogger({ logLevel: 'info' }, { write: (line: string) => void lines.push(line) });
    logger.info({ headers: { authorization: 'Bearer eyJhbGciOi.secret.sig', host: 'x' } }, 'outgoing call');
    logger.info(
      {
        req: {
          method: 'GET',
          url: '/v1/me',
          headers: { authorization: 'Bearer eyJhbGciOi.other.sig' },
          ip: '203.0.113.9',
        },
      },
      'request',
    );
    logger.info(
      { password: 'hunter2', nested: { secret: 's3cr3t', token: 'tok-123' }, deep: { a: { password: 'pw-deep' } } },
      'login',
    );
    logger.info(
      {
        req: {
          method: 'GET',
          url: '/v1/campuses/north/cas-callback?ticket=ST-9-abc&lang=zh&code=qq-code-1&refreshToken=rt-1&Password=pw-url&access_token=at-1',
        },
      },
      'incoming request',
    );
    const text = lines.join('\n');
    for (const leaked of [
      'eyJhbGciOi',
      'hunter2',
      's3cr3t',
      'tok-123',
      'pw-deep',
      'ST-9-abc',
      'qq-code-1',
      'rt-1',
      'pw-url',
      'at-1',
    ])
      expect(text).not.toContain(leaked);
    expect(JSON.parse(lines[3]!).req.url).toBe(
      '/v1/campuses/north/cas-callback?ticket=[redacted]&lang=zh&code=[redacted]&refreshToken=[redacted]&Password=[redacted]&access_token=[redacted]',
    );
    expect(text).toContain('[redacted]');
    expect(JSON.parse(lines[0]!).headers.host).toBe('x');
    expect(JSON.parse(lines[1]!).req).toEqual({ method: 'GET', url: '/v1/me' });
    expect(text).not.toContain('203.0.113.9');
  });
});
