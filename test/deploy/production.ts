import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import mysql from 'mysql2/promise';
import { FakeCampusPortal, fakePortalSettings } from '../../packages/adapters/src/campus/testing/fake-portal.js';
import { FakeQqServer } from '../../packages/adapters/src/qq/fake-qq-server.js';
import { deleteKeys, freePort, testRedisUrl, uniquePrefix } from '../../packages/adapters/src/queue/testing/redis.js';
import { mariadbServerUrl } from '../../packages/api/test/support/databases.js';

export const ROOT = join(import.meta.dirname, '..', '..');
const SERVER = join(ROOT, 'packages/api/dist/main/server.js');

/** The students of the fake campus portal: QQ openid, student number and portal password. */
export const STUDENTS = {
  alice: { openid: 'OPENID-DEPLOY-ALICE', number: '2023000001', password: 'alice-portal-pw', name: '张三' },
  bob: { openid: 'OPENID-DEPLOY-BOB', number: '2023000002', password: 'bob-portal-pw', name: '李四' },
} as const;
export type StudentName = keyof typeof STUDENTS;

export const CAMPUS = 'north';
export const SUPER_ADMIN = { username: 'ops', password: 'ops-password-for-the-deploy-test' };

/**
 * A production installation as the runbook makes it, on this machine: a fresh database of its own on the shared
 * MariaDB (never another's), the shared Redis under a key prefix of its own, an environment file in the format of
 * deploy/systemd/xianzhi.env.example, a campus verified through a portal form (a fake on loopback), the QQ app (a
 * fake on loopback), and the CLI run as the runbook runs it (deploy/bin/xianzhi).
 */
export interface Site {
  readonly dir: string;
  readonly databaseName: string;
  readonly env: Readonly<Record<string, string>>;
  readonly envFile: string;
  readonly qq: FakeQqServer;
  readonly portal: FakeCampusPortal;
  /** deploy/bin/xianzhi --env-file <envFile> ...args, with `input` on its standard input. */
  cli(args: readonly string[], input?: string): Promise<Run>;
  /** The compiled server (packages/api/dist/main/server.js) on a free port, as xianzhi-api@PORT runs it. */
  startApi(): Promise<ApiProcess>;
  /** Stops the API processes still running, drops the database, deletes the Redis keys and the folder. */
  close(): Promise<void>;
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ApiProcess {
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it wrote (JSON log lines), in order. */
  readonly logs: string[];
  /** SIGTERM, then its exit code. */
  stop(): Promise<number | null>;
}

/** Only what a service gets: no XZ_ variable of the test runner's leaks into the production processes. */
export function serviceEnv(): Record<string, string> {
  return {
    PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
    HOME: process.env['HOME'] ?? '/root',
    LANG: 'C.UTF-8',
  };
}

export async function startSite(options: { publicUrl: string; trustProxy?: string }): Promise<Site> {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: build first (pnpm exec tsc -b packages/api)`);
  const dir = mkdtempSync(join(tmpdir(), 'xz-deploy-'));
  const databaseName = `xz_deploy_${randomBytes(5).toString('hex')}`;
  const redisPrefix = uniquePrefix('xz-deploy');
  const qq = await new FakeQqServer('deploy-qq-app', 'deploy-qq-secret-0123456789').start();
  const portal = await FakeCampusPortal.start(
    Object.fromEntries(Object.values(STUDENTS).map((s) => [s.number, { password: s.password, name: s.name }])),
  );
  const campuses = join(dir, 'campuses.json');
  writeFileSync(
    campuses,
    JSON.stringify([
      {
        id: CAMPUS,
        name: '北方大学',
        areas: [{ id: 'east-dorm', name: '东区宿舍' }],
        auth: { kind: 'form', ...fakePortalSettings(portal.loginUrl) },
      },
    ]),
  );
  const env: Record<string, string> = {
    XZ_ENV: 'production',
    XZ_HOST: '127.0.0.1',
    XZ_TRUST_PROXY: options.trustProxy ?? '127.0.0.1',
    XZ_PUBLIC_URL: options.publicUrl,
    XZ_LOG_LEVEL: 'info',
    XZ_DATABASE_URL: `${mariadbServerUrl()}/${databaseName}`,
    XZ_JWT_SECRET: randomBytes(36).toString('base64'),
    XZ_REDIS_URL: testRedisUrl(),
    XZ_QUEUE_PREFIX: redisPrefix,
    XZ_CAMPUSES: campuses,
    XZ_DEFAULT_CAMPUS: CAMPUS,
    XZ_QQ_APP_ID: qq.appId,
    XZ_QQ_APP_SECRET: qq.appSecret,
    XZ_QQ_API_BASE: qq.baseUrl,
    XZ_DATA_DIR: join(dir, 'data'),
    XZ_PHOTOS_DIR: join(dir, 'data', 'photos'),
  };
  const envFile = join(dir, 'xianzhi.env');
  writeFileSync(
    envFile,
    Object.entries(env)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
    { mode: 0o640 },
  );
  mkdirSync(env['XZ_PHOTOS_DIR']!, { recursive: true });

  const apis: ApiProcess[] = [];
  return {
    dir,
    databaseName,
    env,
    envFile,
    qq,
    portal,
    cli: (args, input) => run('bash', [join(ROOT, 'deploy/bin/xianzhi'), '--env-file', envFile, ...args], input),
    startApi: async () => {
      const api = await startApi(env);
      apis.push(api);
      return api;
    },
    close: async () => {
      await Promise.all(apis.map((a) => a.stop()));
      await qq.stop();
      await portal.close();
      await dropDatabase(databaseName);
      await deleteKeys(testRedisUrl(), redisPrefix).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function run(command: string, args: readonly string[], input?: string, env = serviceEnv()): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

async function startApi(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: { ...serviceEnv(), ...env, XZ_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const collect = (d: Buffer) =>
    logs.push(
      ...d
        .toString()
        .split('\n')
        .filter((l) => l !== ''),
    );
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${logs.join('\n')}`);
    if ((await request(`${url}/healthz`).catch(() => null))?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`API not healthy within 60 s:\n${logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    url,
    child,
    logs,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Drops one database this suite created (its name is always xz_deploy_*: never anyone else's). */
export async function dropDatabase(name: string): Promise<void> {
  if (!/^xz_deploy_[0-9a-f]{10}$/.test(name)) throw new Error(`not a database of this suite: ${name}`);
  const connection = await mysql.createConnection(`${mariadbServerUrl()}/mysql`);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}

export interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  /** The TLS protocol of the connection (HTTPS only). */
  readonly tlsProtocol: string | null;
  json<T = any>(): T;
}

export interface RequestOptions {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer | string;
  readonly json?: unknown;
  readonly token?: string;
  /** Connect from this loopback address (127.0.0.2, …), to be another client. */
  readonly localAddress?: string;
  /** The certificate to trust (HTTPS), and the name to ask for. */
  readonly ca?: string;
  readonly servername?: string;
  /** Send the headers with `Expect: 100-continue` and the body only if the server asks for it. */
  readonly expectContinue?: boolean;
}

/** One HTTP/1.1 request, nothing decoded (gzip stays gzip), no connection reused. */
export function request(url: string, options: RequestOptions = {}): Promise<Answer> {
  const target = new URL(url);
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
  const headers: Record<string, string> = {
    ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    ...(options.expectContinue ? { expect: '100-continue' } : {}),
    ...options.headers,
  };
  const common = {
    method: options.method ?? 'GET',
    hostname: target.hostname,
    port: target.port,
    path: `${target.pathname}${target.search}`,
    headers,
    agent: false as const,
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
  };
  return new Promise((resolve, reject) => {
    const req =
      target.protocol === 'https:'
        ? https.request({ ...common, ...(options.ca ? { ca: options.ca } : {}), servername: options.servername })
        : http.request(common);
    req.setTimeout(30_000, () => req.destroy(new Error(`${common.method} ${url}: no answer in 30 s`)));
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('error', reject);
      res.once('end', () => {
        const bytes = Buffer.concat(chunks);
        const socket = res.socket as { getProtocol?: () => string | null } | null;
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: bytes,
          tlsProtocol: socket?.getProtocol?.() ?? null,
          json: () => JSON.parse(bytes.toString('utf8')),
        });
      });
    });
    if (options.expectContinue) {
      req.once('continue', () => req.end(body));
      req.flushHeaders();
    } else req.end(body);
  });
}

export type Call = (path: string, options?: RequestOptions) => Promise<Answer>;

/** Requests to one base address with the same defaults (the certificate to trust, the client's address…). */
export function caller(base: string, defaults: RequestOptions = {}): Call {
  return (path, options = {}) =>
    request(`${base}${path}`, { ...defaults, ...options, headers: { ...defaults.headers, ...options.headers } });
}

/** The answer, or an error that shows what came back instead. */
export function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status)
    throw new Error(`${what}: expected ${status}, got ${answer.status}: ${answer.body.toString('utf8').slice(0, 500)}`);
  return answer;
}

/** Signs a student in with a QQ code and verifies them through the campus portal; their access token. */
export async function signInStudent(call: Call, site: Site, who: StudentName): Promise<string> {
  const student = STUDENTS[who];
  const login = expectStatus(
    await call('/v1/auth/qq-login', {
      method: 'POST',
      json: { code: site.qq.issueCode(student.openid), campusId: CAMPUS },
    }),
    200,
    `QQ sign-in of ${who}`,
  );
  const token = login.json<{ accessToken: string }>().accessToken;
  expectStatus(
    await call('/v1/me/campus-verification', {
      method: 'POST',
      token,
      json: { method: 'password', username: student.number, password: student.password },
    }),
    200,
    `campus verification of ${who}`,
  );
  return token;
}

/** A token of the super admin the runbook creates with `xianzhi create-admin`. */
export async function superAdminToken(call: Call): Promise<string> {
  const login = expectStatus(
    await call('/v1/admin/auth/login', { method: 'POST', json: SUPER_ADMIN }),
    200,
    'super admin sign-in',
  );
  return login.json<{ accessToken: string }>().accessToken;
}

/** The id of a second-level category of the campus (the default tree's 手机 unless told). */
export async function categoryId(call: Call, code = 'digital-phone'): Promise<string> {
  const catalog = expectStatus(await call(`/v1/catalog?campusId=${CAMPUS}`), 200, 'catalog').json<{
    categories: { code: string; id: string; children: { code: string; id: string }[] }[];
  }>();
  const found = catalog.categories.flatMap((root) => [root, ...root.children]).find((c) => c.code === code);
  if (!found) throw new Error(`no category ${code} in the catalog`);
  return found.id;
}

export function listingBody(category: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'item',
    title: '九成新 自行车 捷安特 ATX',
    description: '骑了一年，刹车和链条都换过，送车锁',
    price: 45_000,
    originalPrice: 128_000,
    categoryId: category,
    condition: 'like_new',
    areaId: 'east-dorm',
    tradeMethods: ['face_to_face'],
    photos: [],
    ...overrides,
  };
}

/** Publishes as the student; the new listing's id. */
export async function publish(call: Call, token: string, body: Record<string, unknown>): Promise<string> {
  return expectStatus(await call('/v1/listings', { method: 'POST', token, json: body }), 201, 'publish').json<{
    id: string;
  }>().id;
}
