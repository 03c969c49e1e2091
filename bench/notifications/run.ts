/**
 * A price drop on a listing favorited by N students (10,000 by default), delivered as QQ subscription
 * messages to the fake QQ server through the real worker path: the outbox relay, the notifications
 * subscriber, the fan-out batches and the delivery consumers. Production shape by default (MariaDB,
 * BullMQ on Redis, worker processes); `--embedded` runs the embedded shape (SQLite, in-process queue,
 * the worker inside this process). Prints the time from the edit's commit to the first and the last
 * message and messages per second, per run and the median. Not a test.
 *
 *   ./xz pnpm bench:notifications [-- --favoriters 10000 --runs 3 --workers 1 --concurrency 16 --qq-latency-ms 0 --embedded]
 *
 * MariaDB and Redis come from --db / --redis (server URLs), else XZ_TEST_MARIADB_URL / XZ_TEST_REDIS_URL
 * (./xz test starts both). A fresh database and a fresh Redis key prefix are used and removed afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { migrateDatabase, openPersistence, type Persistence } from '../../packages/adapters/src/index.ts';
import { FakeQqServer } from '../../packages/adapters/src/qq/fake-qq-server.ts';
import { deleteKeys } from '../../packages/adapters/src/queue/testing/redis.ts';
import {
  actorFor,
  EditListing,
  EventFactory,
  Listing,
  systemClock,
  UlidGenerator,
} from '../../packages/core/src/index.ts';
import { demoOpenId } from '../../packages/api/src/seed/demo-world.ts';
import { seedDemo } from '../../packages/api/src/seed/seed-demo.ts';
import { cliArgs, openBulk } from '../scale/bulk-db.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const { values } = parseArgs({
  args: cliArgs(),
  options: {
    db: { type: 'string' },
    redis: { type: 'string' },
    favoriters: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    workers: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '16' },
    'qq-latency-ms': { type: 'string', default: '0' },
    embedded: { type: 'boolean', default: false },
  },
  strict: true,
});
const N = Number(values.favoriters);
const RUNS = Number(values.runs);
const WORKERS = Number(values.workers);
const CONCURRENCY = Number(values.concurrency);
const SECRET = 'bench-secret-that-is-long-enough-0123456789';
const embedded = values.embedded;

const log = (msg: string) => process.stdout.write(`${msg}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const fake = await new FakeQqServer().start();
  fake.sendDelayMs = Number(values['qq-latency-ms']);
  const dir = mkdtempSync(join(tmpdir(), 'xz-bench-notify-'));
  let dbUrl: string;
  let dropDb = async () => {};
  if (embedded) {
    dbUrl = `sqlite:${join(dir, 'bench.sqlite')}`;
  } else {
    const server = (values.db ?? process.env['XZ_TEST_MARIADB_URL'] ?? '').replace(/\/+$/, '');
    if (!server)
      throw new Error('name a MariaDB server with --db mariadb://user:pass@host:port or XZ_TEST_MARIADB_URL');
    const name = `xz_bench_notify_${randomBytes(4).toString('hex')}`;
    dbUrl = `${server}/${name}`;
    dropDb = async () => {
      const admin = await openPersistence({ url: `${server}/mysql` });
      try {
        await admin.raw(`drop database if exists \`${name}\``);
      } finally {
        await admin.close();
      }
    };
  }
  const redisUrl = embedded ? null : (values.redis ?? process.env['XZ_TEST_REDIS_URL']);
  if (!embedded && !redisUrl) throw new Error('name a Redis with --redis redis://host:port or XZ_TEST_REDIS_URL');
  const prefix = `xz-bench-notify-${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = {
    XZ_ENV: 'embedded',
    XZ_DATABASE_URL: dbUrl,
    XZ_DATA_DIR: dir,
    XZ_JWT_SECRET: SECRET,
    XZ_LOG_LEVEL: 'warn',
    XZ_QQ_APP_ID: fake.appId,
    XZ_QQ_APP_SECRET: fake.appSecret,
    XZ_QQ_API_BASE: fake.baseUrl,
    XZ_QQ_TEMPLATE_PRICE_DROP: 'TPL-PRICE',
    XZ_NOTIFY_SEND_CONCURRENCY: String(CONCURRENCY),
    ...(redisUrl ? { XZ_REDIS_URL: redisUrl, XZ_QUEUE_PREFIX: prefix } : {}),
  };

  log(
    `notifications bench: ${N} favoriters, ${RUNS} runs, ${embedded ? 'embedded (SQLite, in-process queue)' : `MariaDB + BullMQ, ${WORKERS} worker process(es)`}, send concurrency ${CONCURRENCY}, QQ latency ${fake.sendDelayMs} ms`,
  );
  await migrateDatabase({ url: dbUrl });
  const p = await openPersistence({ url: dbUrl });
  const children: ChildProcess[] = [];
  let stopInProcess: (() => Promise<void>) | null = null;
  try {
    await seedDemo(p, { listings: 0 });
    const started = Date.now();
    await seedFavoriters(dbUrl);
    log(`seeded ${N} students with one price-drop consent each in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    if (embedded) {
      stopInProcess = await inProcessWorker(env, p);
    } else {
      for (let i = 0; i < WORKERS; i++) children.push(workerProcess(env));
    }

    // Warm-up (not counted): the workers start, connect and load their code.
    {
      const before = fake.deliveredMessages.length;
      const warm = await listingFavoritedByAll(p, dbUrl, 0, 50);
      await dropPrice(p, warm);
      while (fake.deliveredMessages.length - before < 50) await new Promise((r) => setTimeout(r, 20));
    }
    const results: { firstMs: number; lastMs: number; rate: number }[] = [];
    for (let run = 1; run <= RUNS; run++) {
      await p.raw("update notification_consent set remaining = 1 where kind = 'price_drop'");
      const before = fake.deliveredMessages.length;
      const listingId = await listingFavoritedByAll(p, dbUrl, run);
      const t0 = await dropPrice(p, listingId);
      let first = 0;
      for (;;) {
        const got = fake.deliveredMessages.length - before;
        if (got > 0 && first === 0) first = performance.now();
        if (got >= N) break;
        for (const c of children) if (c.exitCode !== null) throw new Error(`a worker exited with ${c.exitCode}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      const t1 = performance.now();
      const r = { firstMs: first - t0, lastMs: t1 - t0, rate: N / ((t1 - t0) / 1000) };
      results.push(r);
      log(
        `run ${run}: first message after ${r.firstMs.toFixed(0)} ms, last after ${(r.lastMs / 1000).toFixed(2)} s, ${r.rate.toFixed(0)} messages/s`,
      );
    }
    const duplicates = new Map<string, number>();
    for (const m of fake.deliveredMessages)
      duplicates.set(
        `${m.touser}|${m.data['keyword1']?.value}`,
        (duplicates.get(`${m.touser}|${m.data['keyword1']?.value}`) ?? 0) + 1,
      );
    log(
      `median: last message after ${(median(results.map((r) => r.lastMs)) / 1000).toFixed(2)} s, ${median(results.map((r) => r.rate)).toFixed(0)} messages/s ` +
        `(first after ${median(results.map((r) => r.firstMs)).toFixed(0)} ms); ${fake.deliveredMessages.length} messages, ${[...duplicates.values()].filter((n) => n > 1).length} sent twice`,
    );
  } finally {
    await stopInProcess?.();
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) =>
        c.exitCode !== null ? Promise.resolve() : new Promise<void>((r) => c.once('exit', () => r())),
      ),
    );
    await p.close();
    await fake.stop();
    await dropDb();
    if (redisUrl) await deleteKeys(redisUrl, prefix).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

async function seedFavoriters(dbUrl: string): Promise<void> {
  const bulk = await openBulk(dbUrl);
  try {
    const now = new Date();
    const users = Array.from({ length: N }, (_, i) => [
      `01BENCHFAN${String(i).padStart(16, '0')}`,
      `OPENID-BENCH-${i}`,
      `同学${i}`,
      null,
      'demo',
      now,
      'active',
      'student',
      now,
      now,
    ]);
    await bulk.insert(
      'app_user',
      [
        'id',
        'qq_open_id',
        'nickname',
        'avatar_url',
        'campus_id',
        'verified_at',
        'status',
        'role',
        'created_at',
        'updated_at',
      ],
      users,
    );
    await bulk.insert(
      'notification_consent',
      ['user_id', 'kind', 'remaining', 'updated_at'],
      users.map((u) => [u[0], 'price_drop', 1, now.getTime()]),
    );
  } finally {
    await bulk.close();
  }
}

async function listingFavoritedByAll(p: Persistence, dbUrl: string, run: number, favoriters = N): Promise<string> {
  const owner = (await p.users.byOpenId(demoOpenId('alice')))!;
  const categories = await p.categories.forCampus('demo');
  const leaf = categories.find((c) => c.parentId !== null && c.enabled)!;
  const listing = Listing.publish({
    id: new UlidGenerator().next(),
    campusId: 'demo',
    ownerId: owner.id,
    kind: 'item',
    rootCategoryId: leaf.parentId!,
    now: new Date(),
    lifetimeDays: 30,
    content: {
      title: `压测 降价通知 第${run}轮`,
      description: '基准测试',
      price: 100_000,
      originalPrice: null,
      categoryId: leaf.id,
      condition: 'like_new',
      areaId: null,
      tradeMethods: ['face_to_face'],
      photos: [],
      book: null,
    },
  });
  await p.listings.save(listing);
  const bulk = await openBulk(dbUrl);
  try {
    const now = new Date();
    await bulk.insert(
      'favorite',
      ['user_id', 'listing_id', 'created_at'],
      Array.from({ length: favoriters }, (_, i) => [`01BENCHFAN${String(i).padStart(16, '0')}`, listing.id, now]),
    );
  } finally {
    await bulk.close();
  }
  return listing.id;
}

/** The owner's edit through the core use case: the price-drop event is committed to the outbox with it. */
async function dropPrice(p: Persistence, listingId: string): Promise<number> {
  const owner = (await p.users.byOpenId(demoOpenId('alice')))!;
  const ids = new UlidGenerator();
  const edit = new EditListing({
    listings: p.listings,
    categories: p.categories,
    campuses: p.campuses,
    outbox: p.outbox,
    uow: p.uow,
    clock: systemClock,
    events: new EventFactory(ids, systemClock),
    photos: p.photos,
  });
  const result = await edit.execute({ actor: actorFor(owner), listingId, version: 1, changes: { price: 80_000 } });
  if (!result.ok) throw new Error(`price drop refused: ${result.error.code}`);
  return performance.now();
}

function workerProcess(env: Record<string, string>): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=@xianzhi/source', '--import', 'tsx', join(root, 'packages/api/src/main/worker.ts')],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
      cwd: root,
    },
  );
  return child;
}

async function inProcessWorker(env: Record<string, string>, persistence: Persistence): Promise<() => Promise<void>> {
  const { loadConfig } = await import('../../packages/api/src/config.ts');
  const { createContainer } = await import('../../packages/api/src/composition/container.ts');
  const { startWorker } = await import('../../packages/api/src/composition/worker.ts');
  const { createLogger } = await import('../../packages/api/src/logging.ts');
  const config = loadConfig(env);
  const container = createContainer({ config, logger: createLogger(config), persistence });
  const worker = await startWorker(container, { relayIdleMs: 20 });
  return () => worker.stop();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
