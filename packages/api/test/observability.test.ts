import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { migrateDatabase } from '@xianzhi/adapters';
import { freePort, startPrivateRedis, type PrivateRedis } from '@xianzhi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mariadbServerUrl, testDatabase, type TestDatabase } from './support/databases.js';
import { eventually } from './support/queues.js';
import { exportedNames, scrape } from './support/prometheus.js';
import { TEST_SECRET } from './support/stack.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { monitoringQueries, referencedMetrics } from './support/monitoring.js';

const PACKAGE = join(import.meta.dirname, '..');
const ENTRY = (name: string) => ['--conditions=@xianzhi/source', '--import', 'tsx', `src/main/${name}.ts`];

interface Running {
  readonly child: ChildProcess;
  readonly output: () => string;
}

/**
 * The API and the worker as production runs them (their entry points, MariaDB, Redis), each with its
 * metrics port; the database reached through a proxy this test can cut, and a Redis of the test's own
 * that it stops, so the shared servers keep running for everyone else.
 */
describe('liveness, readiness and metrics of the API and the worker processes', () => {
  let db: TestDatabase;
  let redis: PrivateRedis;
  let proxy: TcpProxy;
  const ports = { http: 0, api: 0, worker: 0 };
  const processes: Running[] = [];
  const api = (path: string) => `http://127.0.0.1:${ports.http}${path}`;
  const worker = (path: string) => `http://127.0.0.1:${ports.worker}${path}`;
  const status = async (url: string) => (await fetch(url)).status;

  beforeAll(async () => {
    db = await testDatabase('mariadb');
    [redis] = await Promise.all([startPrivateRedis(), migrateDatabase({ url: db.url })]);
    const server = new URL(mariadbServerUrl());
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port) });
    [ports.http, ports.api, ports.worker] = await Promise.all([freePort(), freePort(), freePort()]);
    const env = {
      ...process.env,
      XZ_ENV: 'production',
      XZ_DATA_DIR: db.dir,
      XZ_DATABASE_URL: db.url.replace(`:${server.port}/`, `:${proxy.port}/`),
      XZ_REDIS_URL: redis.url,
      XZ_JWT_SECRET: TEST_SECRET,
      XZ_QQ_APP_ID: 'test-qq-app',
      XZ_QQ_APP_SECRET: 'test-qq-secret',
      XZ_CAMPUSES: JSON.stringify([
        { id: 'north', name: '北方大学', auth: { kind: 'cas', baseUrl: 'https://cas.north.edu.cn/cas', version: 3 } },
      ]),
      XZ_DEFAULT_CAMPUS: 'north',
      XZ_LOG_LEVEL: 'warn',
      XZ_PORT: String(ports.http),
      XZ_METRICS_PORT: String(ports.api),
      XZ_WORKER_METRICS_PORT: String(ports.worker),
    };
    for (const name of ['server', 'worker']) {
      const child = spawn(process.execPath, ENTRY(name), { cwd: PACKAGE, env });
      let out = '';
      child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      processes.push({ child, output: () => out });
    }
    await eventually(
      async () => {
        const up = await Promise.all([api('/healthz'), worker('/healthz')].map((u) => status(u).catch(() => 0)));
        return up.every((s) => s === 200);
      },
      60_000,
      200,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${processes.map((p) => p.output()).join('\n---\n')}`);
    });
  }, 90_000);

  afterAll(async () => {
    await Promise.all(
      processes.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await proxy?.close();
    await redis?.dispose();
    await db?.drop();
  });

  /** Each readiness answer must come well within the timeout, never hang. */
  const readiness = async (url: string) => {
    const started = Date.now();
    const res = await fetch(url);
    const body = (await res.json()) as { ok: boolean; checks: Record<string, string> };
    expect(Date.now() - started, url).toBeLessThan(3000);
    return { status: res.status, ...body };
  };

  it('are live and ready while MariaDB and Redis answer', async () => {
    for (const url of [api('/readyz'), worker('/readyz')]) {
      expect(await readiness(url)).toEqual({ status: 200, ok: true, checks: { database: 'up', redis: 'up' } });
    }
    // The metrics port is not the public one: the app does not serve /metrics, the metrics port serves nothing else.
    expect(await status(api('/metrics'))).toBe(404);
    expect(await status(`http://127.0.0.1:${ports.api}/v1/campuses`)).toBe(404);
  });

  it('count and time requests by route template and status, and time searches', async () => {
    await fetch(api('/v1/listings/01NOSUCHLISTING0000000000'));
    expect((await fetch(api('/v1/search?q=%E8%87%AA%E8%A1%8C%E8%BD%A6&campusId=north'))).status).toBe(200);
    await fetch(api('/no/such/page'));
    const text = await scrape(`http://127.0.0.1:${ports.api}/metrics`);
    expect(text).toMatch(/^xz_http_requests_total\{method="GET",route="\/v1\/listings\/:id",status="404"\} 1$/m);
    expect(text).toMatch(/^xz_http_requests_total\{method="GET",route="unmatched",status="404"\} [1-9]\d*$/m);
    expect(text).not.toContain('01NOSUCHLISTING');
    expect(text).toMatch(/^xz_http_request_duration_seconds_bucket\{le="0\.5",method="GET",route="\/v1\/search"/m);
    expect(text).toMatch(/^xz_search_duration_seconds_count\{operation="search"\} 1$/m);
    expect(text).toMatch(/^xz_ready\{check="database"\} 1$/m);
    expect(text).toMatch(/^xz_db_pool_connections\{state="max"\} 10$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    // The API does not run the worker here: the pipeline is the worker's to report.
    expect(text).not.toMatch(/^xz_outbox_lag_seconds /m);
  });

  it('the worker reports the outbox, the projections and every queue', async () => {
    const text = await scrape(worker('/metrics'));
    expect(text).toMatch(/^xz_outbox_lag_seconds 0$/m);
    for (const projection of ['search', 'recs-events', 'recs-views'])
      expect(text).toMatch(new RegExp(`^xz_projection_lag_events\\{projection="${projection}"\\} \\d+$`, 'm'));
    for (const projection of ['search', 'recs-events'])
      expect(text).toMatch(new RegExp(`^xz_projection_lag_seconds\\{projection="${projection}"\\} [\\d.]+$`, 'm'));
    for (const queue of ['events', 'notify-deliver', 'notify-fanout'])
      expect(text).toMatch(new RegExp(`^xz_queue_jobs\\{queue="${queue}",state="waiting"\\} \\d+$`, 'm'));
    expect(text).toMatch(/^# TYPE xz_notification_deliveries_total counter$/m);
    expect(text).toMatch(/^# TYPE xz_queue_job_failures_total counter$/m);
  });

  it('are not ready while Redis is stopped, and ready again once it is back', async () => {
    await redis.stop();
    try {
      expect(await Promise.all([readiness(api('/readyz')), readiness(worker('/readyz'))])).toEqual([
        { status: 503, ok: false, checks: { database: 'up', redis: 'down' } },
        { status: 503, ok: false, checks: { database: 'up', redis: 'down' } },
      ]);
      expect(await status(api('/healthz'))).toBe(200);
      expect(await status(worker('/healthz'))).toBe(200);
      expect(await scrape(worker('/metrics'))).toMatch(/^xz_ready\{check="redis"\} 0$/m);
    } finally {
      await redis.start();
    }
    await eventually(async () => (await status(api('/readyz'))) === 200 && (await status(worker('/readyz'))) === 200);
  });

  it('are not ready while MariaDB does not answer (within the timeout), and ready again once it does', async () => {
    proxy.cut();
    try {
      expect(await Promise.all([readiness(api('/readyz')), readiness(worker('/readyz'))])).toEqual([
        { status: 503, ok: false, checks: { database: 'down', redis: 'up' } },
        { status: 503, ok: false, checks: { database: 'down', redis: 'up' } },
      ]);
      expect(await status(api('/healthz'))).toBe(200);
    } finally {
      proxy.restore();
    }
    await eventually(async () => (await status(api('/readyz'))) === 200 && (await status(worker('/readyz'))) === 200);
  });

  it('deploy/monitoring: every metric the dashboard and the alert rules use is one the processes export', async () => {
    const exported = new Set([
      ...exportedNames(await scrape(`http://127.0.0.1:${ports.api}/metrics`)),
      ...exportedNames(await scrape(worker('/metrics'))),
      // Prometheus's own series for each target.
      'up',
    ]);
    const queries = monitoringQueries();
    expect(queries.dashboard.length).toBeGreaterThanOrEqual(12);
    expect(queries.alerts.map((a) => a.name)).toEqual(
      expect.arrayContaining([
        'XianzhiOutboxLagging',
        'XianzhiQueueJobsGivingUp',
        'XianzhiHigh5xxRate',
        'XianzhiNotReady',
      ]),
    );
    const unknown: string[] = [];
    for (const { where, expr } of [
      ...queries.dashboard,
      ...queries.alerts.map((a) => ({ where: a.name, expr: a.expr })),
    ]) {
      const names = referencedMetrics(expr);
      expect(names.length, `${where}: ${expr}`).toBeGreaterThan(0);
      for (const name of names) if (!exported.has(name)) unknown.push(`${where}: ${name}`);
    }
    expect(unknown).toEqual([]);
  });
});
