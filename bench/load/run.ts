/**
 * Load on the production stack (issue 16, "Load"): the compiled server and worker (packages/api/dist)
 * with XZ_ENV=production on MariaDB and Redis, signed-in students hitting a mix of the feed, search,
 * listing detail, favorite (toggled: 收藏 then 取消收藏) and comment for a fixed time with a fixed number
 * of keep-alive connections. Prints, per route and overall: requests, requests/s, p50/p99/max latency,
 * errors (non-2xx answers, connection errors and timeouts: the target is 0), and the API's resident
 * memory before and after. Not a test: a measurement, written to bench/results/load.jsonl too.
 *
 *   ./xz pnpm bench:load                                   # 200 connections for 60 s
 *   ./xz pnpm bench:load -- --duration 10 --connections 50  # a quick look
 *
 * MariaDB and Redis are private servers the run starts and removes (own data folders and ports), unless
 * `--db mariadb://user:pass@host:port` (a database `xz_load_<random>` is created there and dropped) or
 * `--redis redis://…` (keys under a random prefix) name running ones. The server runs with the
 * limits of XZ_RATE_LIMITS raised out of the way (test/e2e/production.ts, LOAD_RATE_LIMITS): a few
 * hundred students from one address at full speed are load here, not abuse. Content safety is the
 * built-in word list, so no fake QQ answer time is measured.
 *
 * The connections are split between the routes (feed 25%, detail 25%, search 20%, favorite 15%,
 * comment 15%), each route its own autocannon instance, so each has its own latency histogram.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openPersistence } from '../../packages/adapters/src/index.ts';
import {
  startPrivateMariaDb,
  type PrivateMariaDb,
} from '../../packages/adapters/src/persistence/testing/private-mariadb.ts';
import { startPrivateRedis, deleteKeys, type PrivateRedis } from '../../packages/adapters/src/queue/testing/redis.ts';
import { FakeQqServer } from '../../packages/adapters/src/qq/fake-qq-server.ts';
import { ROOT, startProductionStack, type ProductionStack, type Student } from '../../test/e2e/production.ts';

const args = process.argv.slice(2);
const { values } = parseArgs({
  args: args[0] === '--' ? args.slice(1) : args,
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '200' },
    students: { type: 'string', default: '200' },
    listings: { type: 'string', default: '300' },
    db: { type: 'string' },
    redis: { type: 'string' },
  },
  strict: true,
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const studentCount = Number(values.students);
const listingCount = Number(values.listings);
for (const [name, n, least] of [
  ['--duration', duration, 1],
  ['--connections', connections, 5],
  ['--students', studentCount, 1],
  ['--listings', listingCount, 10],
] as const) {
  if (!Number.isInteger(n) || n < least) {
    process.stderr.write(`${name} must be a whole number, at least ${least}\n`);
    process.exit(2);
  }
}

type Route = 'feed' | 'detail' | 'search' | 'favorite' | 'comment';
const SHARES: Record<Route, number> = { feed: 0.25, detail: 0.25, search: 0.2, favorite: 0.15, comment: 0.15 };
const WORDS = ['自行车', '台灯', '教材', '显示器', '耳机', 'ipad', 'zxc', '考研', '键盘', '书架', '风扇', '吉他'];

const log = (line: string) => process.stdout.write(`${line}\n`);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

/** The route's autocannon options: its requests pick a student (and listing, word) at random each time. */
function routeOptions(route: Route, url: string, students: readonly Student[], listingIds: readonly string[]) {
  const auth = () => ({ authorization: pick(students).authorization });
  const json = (student: Student) => ({ authorization: student.authorization, 'content-type': 'application/json' });
  const requests: autocannon.Request[] = (() => {
    switch (route) {
      case 'feed':
        return [{ setupRequest: (r) => ({ ...r, headers: auth(), path: '/v1/listings?campusId=demo&limit=20' }) }];
      case 'detail':
        return [{ setupRequest: (r) => ({ ...r, headers: auth(), path: `/v1/listings/${pick(listingIds)}` }) }];
      case 'search':
        return [
          {
            setupRequest: (r) => ({
              ...r,
              headers: auth(),
              path: `/v1/search?campusId=demo&q=${encodeURIComponent(pick(WORDS))}`,
            }),
          },
        ];
      case 'favorite':
        // Each connection toggles one (student, listing) at a time: 收藏, then 取消收藏 of the same.
        return [
          {
            method: 'PUT',
            setupRequest: (r, context) => {
              const c = context as { student?: Student; listing?: string };
              c.student = pick(students);
              c.listing = pick(listingIds);
              return {
                ...r,
                headers: { authorization: c.student.authorization },
                path: `/v1/listings/${c.listing}/favorite`,
              };
            },
          },
          {
            method: 'DELETE',
            setupRequest: (r, context) => {
              const c = context as { student: Student; listing: string };
              return {
                ...r,
                headers: { authorization: c.student.authorization },
                path: `/v1/listings/${c.listing}/favorite`,
              };
            },
          },
        ];
      case 'comment':
        return [
          {
            method: 'POST',
            setupRequest: (r) => ({
              ...r,
              headers: json(pick(students)),
              path: `/v1/listings/${pick(listingIds)}/comments`,
              body: JSON.stringify({ body: `${pick(WORDS)}还在吗？可以小刀吗` }),
            }),
          },
        ];
    }
  })();
  return { url, requests };
}

interface RouteResult {
  readonly route: Route;
  readonly connections: number;
  readonly result: autocannon.Result;
  readonly failures: string[];
}

async function run(stack: ProductionStack): Promise<RouteResult[]> {
  const routes = Object.keys(SHARES) as Route[];
  const split = routes.map((route) => Math.max(1, Math.round(connections * SHARES[route])));
  split[0]! += connections - split.reduce((a, b) => a + b, 0);
  return Promise.all(
    routes.map(async (route, i) => {
      const failures: string[] = [];
      const options = routeOptions(route, stack.url, stack.students, stack.listingIds);
      // A few answers that were not 2xx, to say why.
      for (const r of options.requests)
        r.onResponse = (status, body) => {
          if ((status < 200 || status >= 300) && failures.length < 5) failures.push(`${status} ${body.slice(0, 200)}`);
        };
      const result = await autocannon({ ...options, connections: split[i]!, duration, timeout: 30 });
      return { route, connections: split[i]!, result, failures };
    }),
  );
}

const children: { stop(): Promise<void> }[] = [];
let db: PrivateMariaDb | null = null;
let redis: PrivateRedis | null = null;
const qq = new FakeQqServer();
try {
  log(`building the server (tsc -b packages/core packages/adapters packages/api)…`);
  execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-b', 'packages/core', 'packages/adapters', 'packages/api'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  await qq.start();
  const database = `xz_load_${randomBytes(4).toString('hex')}`;
  let serverUrl = values.db?.replace(/\/+$/, '');
  if (!serverUrl) {
    db = await startPrivateMariaDb();
    serverUrl = db.serverUrl;
  }
  let redisUrl = values.redis;
  if (!redisUrl) {
    redis = await startPrivateRedis();
    redisUrl = redis.url;
  }
  const prefix = `xz-load-${randomBytes(4).toString('hex')}`;
  log(`seeding ${listingCount} listings and ${studentCount} verified students, indexing, starting server and worker…`);
  const stack = await startProductionStack({
    databaseUrl: `${serverUrl}/${database}`,
    redisUrl,
    queuePrefix: prefix,
    qq,
    students: studentCount,
    listings: listingCount,
  });
  children.push({
    stop: async () => {
      await stack.stop();
      const admin = await openPersistence({ url: `${serverUrl}/mysql` });
      await admin.raw(`drop database if exists \`${database}\``).finally(() => admin.close());
      await deleteKeys(redisUrl, prefix).catch(() => {});
    },
  });
  log(`${stack.listingIds.length} live listings, ${stack.students.length} students; API at ${stack.url}`);

  // A short warm-up at low concurrency (JIT, pools, caches), not measured.
  await autocannon({
    ...routeOptions('feed', stack.url, stack.students, stack.listingIds),
    connections: 5,
    duration: 3,
  });
  const uptimeBefore = execFileSync('uptime', { encoding: 'utf8' }).trim();
  const rssBefore = stack.server.rssMiB();
  const workerRssBefore = stack.worker!.rssMiB();
  log(`uptime before: ${uptimeBefore}`);
  log(`load: ${connections} connections for ${duration} s…`);
  const started = Date.now();
  const results = await run(stack);
  const seconds = (Date.now() - started) / 1000;
  const rssAfter = stack.server.rssMiB();
  const workerRssAfter = stack.worker!.rssMiB();
  const uptimeAfter = execFileSync('uptime', { encoding: 'utf8' }).trim();
  // And once the garbage collector has had some quiet: growth that stays is what would add up.
  await new Promise((r) => setTimeout(r, 15_000));
  const rssSettled = stack.server.rssMiB();

  const errorsOf = (r: autocannon.Result) => r.non2xx + r.errors + r.timeouts;
  log('');
  log(
    `${'route'.padEnd(9)} ${'conns'.padStart(5)} ${'requests'.padStart(9)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)} ${'errors'.padStart(7)}`,
  );
  for (const { route, connections: c, result: r } of results)
    log(
      `${route.padEnd(9)} ${String(c).padStart(5)} ${String(r.requests.total).padStart(9)} ${r.requests.average.toFixed(0).padStart(7)} ${String(r.latency.p50).padStart(7)} ${String(r.latency.p99).padStart(7)} ${String(r.latency.max).padStart(7)} ${String(errorsOf(r)).padStart(7)}`,
    );
  const total = results.reduce((n, x) => n + x.result.requests.total, 0);
  const errors = results.reduce((n, x) => n + errorsOf(x.result), 0);
  log(
    `${'all'.padEnd(9)} ${String(connections).padStart(5)} ${String(total).padStart(9)} ${(total / seconds).toFixed(0).padStart(7)}`,
  );
  log('');
  log(
    `errors: ${errors} (non-2xx ${results.reduce((n, x) => n + x.result.non2xx, 0)}, connection errors ${results.reduce((n, x) => n + x.result.errors, 0)}, timeouts ${results.reduce((n, x) => n + x.result.timeouts, 0)})`,
  );
  for (const { route, failures } of results) for (const f of failures) log(`  ${route}: ${f}`);
  log(
    `API memory (RSS): ${rssBefore.toFixed(0)} MiB before, ${rssAfter.toFixed(0)} MiB right after, ${rssSettled.toFixed(0)} MiB 15 s later`,
  );
  log(`worker memory (RSS): ${workerRssBefore.toFixed(0)} MiB before, ${workerRssAfter.toFixed(0)} MiB after`);
  log(`uptime after: ${uptimeAfter}`);
  const serverErrors = stack.server.logLines().filter((l) => (l['level'] as number) >= 50).length;
  log(
    `server log lines at error level: ${serverErrors}; server and worker still running: ${stack.server.running && stack.worker!.running}`,
  );

  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  appendFileSync(
    join(ROOT, 'bench/results/load.jsonl'),
    `${JSON.stringify({
      at: new Date().toISOString(),
      connections,
      duration,
      loadavg: load(),
      requestsPerSecond: total / seconds,
      errors,
      rssMiB: { before: rssBefore, after: rssAfter, settled: rssSettled },
      routes: Object.fromEntries(
        results.map(({ route, result: r }) => [
          route,
          {
            requests: r.requests.total,
            p50: r.latency.p50,
            p99: r.latency.p99,
            max: r.latency.max,
            errors: errorsOf(r),
          },
        ]),
      ),
    })}\n`,
  );
  process.exitCode = errors === 0 ? 0 : 1;
} finally {
  for (const c of children) await c.stop().catch((e: unknown) => log(`cleanup: ${String(e)}`));
  await db?.dispose();
  await redis?.dispose();
  await qq.stop();
}
