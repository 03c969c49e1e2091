import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../packages/adapters/src/queue/testing/redis.js';
import { multipartFile, noiseJpeg } from '../../packages/api/test/support/photos.js';
import { contentSecurityPolicyHeader } from '../../packages/api/src/http/security.js';
import { startNginx, type RunningNginx } from './nginx-server.js';
import {
  CAMPUS,
  SUPER_ADMIN,
  caller,
  categoryId,
  expectStatus,
  listingBody,
  publish,
  request,
  signInStudent,
  startSite,
  superAdminToken,
  type ApiProcess,
  type Call,
  type Site,
} from './production.js';

const MiB = 1024 * 1024;

/**
 * The deployment kit on this machine (issue 13): Debian's nginx with deploy/nginx/xianzhi.conf and a certificate
 * made on the fly, in front of two compiled API processes in production mode on MariaDB and Redis, the database
 * migrated and the first super admin created by the CLI as the runbook says.
 */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('nginx in front of two API processes in production', () => {
  let site: Site;
  let apis: [ApiProcess, ApiProcess];
  let nginx: RunningNginx;
  /** Through nginx over HTTPS, trusting its certificate. */
  let viaNginx: Call;
  let alice: string;
  let photo: Buffer;

  beforeAll(async () => {
    const [httpsPort, httpPort] = [await freePort(), await freePort()];
    site = await startSite({ publicUrl: `https://localhost:${httpsPort}` });
    const install = async () => {
      // The runbook's first steps: migrate, then the first super admin (the password on standard input).
      const migrated = await site.cli(['migrate']);
      expect(migrated.code, migrated.stderr).toBe(0);
      expect(migrated.stdout).toMatch(/Applied \d+ migration/);
      const created = await site.cli(
        ['create-admin', '--username', SUPER_ADMIN.username, '--role', 'super_admin'],
        `${SUPER_ADMIN.password}\n`,
      );
      expect(created.code, created.stderr + created.stdout).toBe(0);
      return Promise.all([site.startApi(), site.startApi()]);
    };
    [apis, photo] = await Promise.all([install(), noiseJpeg(9 * MiB)]);
    nginx = await startNginx({ httpsPort, httpPort, apiPorts: [apis[0].port, apis[1].port] });
    viaNginx = caller(nginx.httpsUrl, { ca: nginx.certificate, servername: 'localhost' });
    alice = await signInStudent(viaNginx, site, 'alice');
  }, 120_000);

  afterAll(async () => {
    await nginx?.stop();
    await site?.close();
  });

  it('takes a 9 MB photo through nginx and refuses one over the limit before the API sees it', async () => {
    expect(photo.length).toBeGreaterThanOrEqual(9 * MiB);
    const upload = multipartFile(photo, 'camera.jpg');
    const uploaded = expectStatus(
      await viaNginx('/v1/photos', { method: 'POST', token: alice, headers: upload.headers, body: upload.payload }),
      201,
      '9 MB upload',
    ).json<{ id: string; urls: { medium: string } }>();

    // Served from /media/ with the API's cache header; the second time from nginx's own cache.
    const first = await viaNginx(uploaded.urls.medium);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('image/webp');
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(first.headers['x-cache-status']).toBe('MISS');
    expect((await viaNginx(uploaded.urls.medium)).headers['x-cache-status']).toBe('HIT');

    // 12 MB announced: nginx answers 413 in the API's error shape without taking the body.
    const tooLarge = await viaNginx('/v1/photos', {
      method: 'POST',
      token: alice,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: Buffer.alloc(12 * MiB),
      expectContinue: true,
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json().error.code).toBe('PHOTO_TOO_LARGE');
  }, 60_000);

  it('answers the feed and a listing detail over HTTPS', async () => {
    const title = `部署测试 台灯 ${randomBytes(3).toString('hex')}`;
    const id = await publish(viaNginx, alice, listingBody(await categoryId(viaNginx), { title }));
    const feed = expectStatus(await viaNginx(`/v1/listings?campusId=${CAMPUS}`), 200, 'feed');
    expect(feed.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
    expect(feed.json().items.map((i: { id: string }) => i.id)).toContain(id);
    const detail = expectStatus(await viaNginx(`/v1/listings/${id}`), 200, 'detail').json();
    expect(detail).toMatchObject({ id, title, price: 45_000 });
  });

  it('redirects plain HTTP to the HTTPS address, path and query kept', async () => {
    const answer = await request(`${nginx.httpUrl}/h5/?from=qq`);
    expect(answer.status).toBe(301);
    expect(answer.headers.location).toBe(`${site.env['XZ_PUBLIC_URL']}/h5/?from=qq`);
    expect((await request(`${nginx.httpUrl}/v1/listings`)).status).toBe(301);
  });

  it('speaks HTTP/2', async () => {
    const session = http2.connect(nginx.httpsUrl, { ca: nginx.certificate, servername: 'localhost' });
    try {
      await new Promise<void>((resolve, reject) => {
        session.once('connect', () => resolve());
        session.once('error', reject);
      });
      expect(session.alpnProtocol).toBe('h2');
      const status = await new Promise<number>((resolve, reject) => {
        const stream = session.request({ ':path': `/v1/catalog?campusId=${CAMPUS}` });
        stream.once('response', (headers) => resolve(Number(headers[':status'])));
        stream.once('error', reject);
        stream.resume();
      });
      expect(status).toBe(200);
    } finally {
      session.close();
    }
  });

  it('offers TLS 1.2 and 1.3 only', async () => {
    const handshake = (version: tls.SecureVersion) =>
      new Promise<string>((resolve, reject) => {
        const socket = tls.connect({
          host: '127.0.0.1',
          port: Number(new URL(nginx.httpsUrl).port),
          servername: 'localhost',
          ca: nginx.certificate,
          minVersion: version,
          maxVersion: version,
          // Lets this client offer the old protocols, so a refusal is the server's.
          ciphers: 'DEFAULT@SECLEVEL=0',
        });
        socket.once('secureConnect', () => {
          resolve(socket.getProtocol() ?? '');
          socket.destroy();
        });
        socket.once('error', reject);
      });
    expect(await handshake('TLSv1.3')).toBe('TLSv1.3');
    expect(await handshake('TLSv1.2')).toBe('TLSv1.2');
    await expect(handshake('TLSv1.1')).rejects.toThrow();
    await expect(handshake('TLSv1')).rejects.toThrow();
  });

  it('serves the H5 and admin builds: pages revalidated, hashed assets cached for a year and gzipped', async () => {
    const builds = [
      { page: '/h5/', dir: 'h5', asset: /src="(\/h5\/js\/app\.[0-9a-f]{8}\.js)"/ },
      { page: '/admin/', dir: 'admin', asset: /src="(\/admin\/assets\/index-[\w-]{8}\.js)"/ },
    ];
    for (const build of builds) {
      const page = expectStatus(await viaNginx(build.page), 200, build.page);
      expect(page.headers['content-type']).toBe('text/html');
      expect(page.headers['cache-control'], build.page).toBe('no-cache');
      expect(page.body.toString()).toBe(readFileSync(join(nginx.webRoot, build.dir, 'index.html'), 'utf8'));

      const assetPath = build.asset.exec(page.body.toString())?.[1];
      expect(assetPath, `a hashed script in ${build.page}`).toBeDefined();
      const plain = expectStatus(await viaNginx(assetPath!), 200, assetPath!);
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const gzipped = expectStatus(await viaNginx(assetPath!, { headers: { 'accept-encoding': 'gzip' } }), 200, 'gzip');
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers['vary']).toBe('Accept-Encoding');
      expect(gzipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(gzipped.body.length).toBeLessThan(plain.body.length / 2);
    }
    expect((await viaNginx('/h5')).headers.location).toMatch(/\/h5\/$/);
    expect((await viaNginx('/')).headers.location).toMatch(/\/h5\/$/);
    // Only /v1/, /media/ and /docs reach the API: its health and metrics stay on its own port.
    expect((await viaNginx('/healthz')).status).toBe(404);
    expect((await viaNginx('/metrics')).status).toBe(404);
  });

  /**
   * The headers this kit's nginx sets, per kind of answer. The API's own (helmet's) come through on /v1/ and
   * /media/: add them here as rows when asserting them end to end.
   */
  const SECURITY_HEADERS: readonly { path: string; header: string; value: RegExp }[] = [
    ...['/h5/', '/admin/', `/v1/catalog?campusId=${CAMPUS}`, '/v1/no-such-route'].map((path) => ({
      path,
      header: 'strict-transport-security',
      value: /^max-age=63072000; includeSubDomains$/,
    })),
    ...['/h5/', '/admin/'].flatMap((path) => [
      { path, header: 'x-content-type-options', value: /^nosniff$/ },
      { path, header: 'referrer-policy', value: /^strict-origin-when-cross-origin$/ },
      { path, header: 'x-frame-options', value: /^SAMEORIGIN$/ },
      { path, header: 'cross-origin-opener-policy', value: /^same-origin$/ },
      { path, header: 'cross-origin-resource-policy', value: /^same-origin$/ },
    ]),
    // nginx serves the builds itself: its policy must be the one the browser suites check the builds under, and the
    // API's own answers keep theirs (one header, not two).
    ...['/h5/', '/admin/', `/v1/catalog?campusId=${CAMPUS}`].map((path) => ({
      path,
      header: 'content-security-policy',
      value: new RegExp(
        `^${escapeRegExp(contentSecurityPolicyHeader({ photos: { dir: '', maxBytes: 0, s3: null } }))}$`,
      ),
    })),
  ];

  it('sends the security headers, each once', async () => {
    for (const { path, header, value } of SECURITY_HEADERS) {
      const answer = await viaNginx(path);
      expect(answer.headers[header], `${header} on ${path}`).toMatch(value);
    }
    const raw = (await viaNginx(`/v1/catalog?campusId=${CAMPUS}`)).headers;
    expect(raw['strict-transport-security']).not.toContain(',');
    expect(raw['server']).toBe('nginx');
  });

  it('passes X-Request-Id to the API, which echoes it and logs with it, as nginx does; makes one when none came', async () => {
    const logsOf = () => [...apis[0].logs, ...apis[1].logs];
    const sent = `deploy-${randomBytes(8).toString('hex')}`;
    const echoed = await viaNginx(`/v1/catalog?campusId=${CAMPUS}`, { headers: { 'x-request-id': sent } });
    expect(echoed.headers['x-request-id']).toBe(sent);

    const made = await viaNginx(`/v1/catalog?campusId=${CAMPUS}`);
    const id = String(made.headers['x-request-id']);
    expect(id).toMatch(/^[0-9a-f]{32}$/);

    for (const requestId of [sent, id]) {
      const linesOf = () =>
        logsOf()
          .filter((l) => l.includes(requestId))
          .map((l) => JSON.parse(l) as { reqId: string; msg: string });
      // "request completed" is written once the answer is on its way: give the pipe a moment.
      for (let i = 0; i < 40 && linesOf().length < 2; i++) await new Promise((r) => setTimeout(r, 50));
      const lines = linesOf();
      expect(lines.map((l) => [l.reqId, l.msg])).toEqual([
        [requestId, 'incoming request'],
        [requestId, 'request completed'],
      ]);
      const access = nginx
        .accessLog()
        .split('\n')
        .filter((l) => l.includes(requestId));
      expect(access, nginx.accessLog().slice(-2000)).toHaveLength(1);
      expect(JSON.parse(access[0]!)).toMatchObject({ requestId, status: 200, protocol: 'HTTP/1.1' });
    }
  });

  it("takes the client's address from nginx, and never from a client's own X-Forwarded-For", async () => {
    const admin = await superAdminToken(viaNginx);
    /** A failed sign-in records the address the API saw in the audit log. */
    const addressSeen = async (call: Call, from: string) => {
      const failed = await call('/v1/admin/auth/login', {
        method: 'POST',
        localAddress: from,
        headers: { 'x-forwarded-for': '203.0.113.50' },
        json: { username: `nobody-${randomBytes(3).toString('hex')}`, password: 'wrong-password' },
      });
      expect(failed.status).toBe(401);
      const log = expectStatus(
        await viaNginx('/v1/admin/audit-log?action=admin.login_failed&limit=1', { token: admin }),
        200,
        'audit log',
      );
      return log.json().items[0].details.address as string;
    };
    // Through nginx from 127.0.0.2: nginx replaced the client's X-Forwarded-For with the address it saw.
    expect(await addressSeen(viaNginx, '127.0.0.2')).toBe('127.0.0.2');
    // Straight to an API process from 127.0.0.3 (not a trusted proxy): its X-Forwarded-For is ignored.
    expect(await addressSeen(caller(apis[1].url), '127.0.0.3')).toBe('127.0.0.3');
  });

  it('spreads requests over both processes and keeps answering while one stops gracefully (SIGTERM)', async () => {
    const served = (api: ApiProcess) => api.logs.filter((l) => l.includes('"msg":"request completed"')).length;
    const before = [served(apis[0]), served(apis[1])];
    for (let i = 0; i < 6; i++) expectStatus(await viaNginx(`/v1/catalog?campusId=${CAMPUS}`), 200, 'catalog');
    expect(served(apis[0])).toBeGreaterThan(before[0]!);
    expect(served(apis[1])).toBeGreaterThan(before[1]!);

    // Four clients keep asking while the first process is told to stop, as a rolling restart does.
    const statuses: number[] = [];
    let stopping = true;
    const client = async () => {
      while (stopping) statuses.push((await viaNginx(`/v1/catalog?campusId=${CAMPUS}`)).status);
    };
    const clients = [client(), client(), client(), client()];
    await new Promise((r) => setTimeout(r, 300));
    const code = await apis[0].stop();
    await new Promise((r) => setTimeout(r, 300));
    stopping = false;
    await Promise.all(clients);

    expect(code, apis[0].logs.slice(-5).join('\n')).toBe(0);
    expect(apis[0].logs.some((l) => l.includes('"msg":"shutting down"'))).toBe(true);
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(nginx.errorLog()).not.toMatch(/\[(emerg|alert|crit)\]/);
  });
});
