import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openPersistence, RedisVersionCounter, type Persistence } from '@xianzhi/adapters';
import {
  deleteKeys,
  replicate,
  startPrivateMariaDb,
  testRedisUrl,
  uniquePrefix,
  type PrivateMariaDb,
  type PrivateReplica,
} from '@xianzhi/adapters/testing';
import type { FastifyInstance } from 'fastify';
import type { Container } from 'inversify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheVersion } from '../src/cache/version.js';
import { Cache } from '../src/composition/cache-tokens.js';
import { buildApp, createContainer } from '../src/composition/container.js';
import { loadConfig } from '../src/config.js';
import { AccessTokens } from '../src/http/auth.js';
import { createLogger } from '../src/logging.js';
import { campusAuthenticators } from '../src/main/campuses.js';
import { Metrics } from '../src/observability/metrics.js';
import { watchDependencies } from '../src/observability/pipeline.js';
import { demoOpenId } from '../src/seed/demo-world.js';
import { seedDemo } from '../src/seed/seed-demo.js';
import { itemBody } from './support/http.js';
import { TEST_SECRET } from './support/stack.js';

/**
 * Issue 13, reads that scale out, on a real replicating MariaDB pair of this test's own (the shared test server
 * is never touched): a primary with its binary log and a replica following it over GTIDs
 * (MASTER_USE_GTID=slave_pos). The API reaches the replica as an account that may only SELECT, so any write
 * routed there by mistake fails the request. Two API instances (two containers: each its own response cache,
 * like two processes behind nginx) share the database pair and Redis. `STOP SLAVE SQL_THREAD` makes the lag
 * deterministic.
 */
const prefix = uniquePrefix('xz-replicas');
const redisUrl = testRedisUrl();
const FEED = '/v1/listings?campusId=demo&sort=newest';

let primary: PrivateMariaDb;
let replica: PrivateReplica;
let persistence: Persistence;
let dir: string;
let a: FastifyInstance;
let b: FastifyInstance;
/** A third process that reads the shared cache version once a minute: one that has not seen a change yet. */
let slow: FastifyInstance;
let slowVersion: CacheVersion;
const auth: Record<string, { authorization: string }> = {};

async function apiProcess(replicas: string, customize?: (container: Container) => void): Promise<FastifyInstance> {
  const config = loadConfig({
    XZ_DATA_DIR: dir,
    XZ_DATABASE_URL: `${primary.serverUrl}/xianzhi`,
    XZ_DATABASE_REPLICAS: replicas,
    XZ_JWT_SECRET: TEST_SECRET,
    XZ_REDIS_URL: redisUrl,
    XZ_QUEUE_PREFIX: prefix,
    XZ_LOG_LEVEL: 'warn',
    XZ_H5_DIST: join(dir, 'no-h5'),
    XZ_ADMIN_DIST: join(dir, 'no-admin'),
  });
  // As runtime.ts opens it: the configuration's primary and replicas.
  persistence ??= await openPersistence({ url: config.databaseUrl, replicas: config.databaseReplicas });
  const container = createContainer({
    config,
    logger: createLogger({ logLevel: 'warn' }),
    persistence,
    campusAuthenticators: await campusAuthenticators(config),
  });
  customize?.(container);
  const app = await buildApp(container);
  await app.ready();
  return app;
}

async function get(app: FastifyInstance, url: string, who?: string) {
  const res = await app.inject({ method: 'GET', url, headers: who ? auth[who] : {} });
  return { status: res.statusCode, cache: res.headers['x-cache'], body: JSON.parse(res.body) };
}

const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xz-replicas-'));
  const started = await Promise.allSettled([
    startPrivateMariaDb({ serverId: 1, binlog: true, inMemory: true }),
    startPrivateMariaDb({ serverId: 2, inMemory: true }),
  ]);
  const [p, r] = started.map((s) => (s.status === 'fulfilled' ? s.value : null));
  if (!p || !r) {
    // Neither server may outlive a failed start.
    await Promise.all([p?.dispose(), r?.dispose()]);
    throw (started.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason;
  }
  primary = p;
  replica = await replicate(r, p).catch(async (error: unknown) => {
    await r.dispose();
    throw error;
  });
  await migrateDatabase({ url: `${primary.serverUrl}/xianzhi` });
  a = await apiProcess(replica.readerUrl);
  b = await apiProcess(replica.readerUrl);
  slowVersion = new CacheVersion(new RedisVersionCounter(redisUrl, prefix), { pollMs: 60_000, staleAfterMs: 120_000 });
  slow = await apiProcess(replica.readerUrl, (container) => {
    container.rebind(Cache.Version).toConstantValue(slowVersion);
  });
  await seedDemo(persistence, { listings: 4 });
  const tokens = new AccessTokens(TEST_SECRET);
  for (const handle of ['alice', 'bob']) {
    const user = (await persistence.users.byOpenId(demoOpenId(handle)))!;
    auth[handle] = { authorization: `Bearer ${(await tokens.issue(user.id)).token}` };
  }
  await replica.catchUp(primary);
}, 60_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await slow?.close();
  await persistence?.close();
  await Promise.all([replica?.dispose(), primary?.dispose()]);
  await deleteKeys(redisUrl, prefix).catch(() => {});
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('read replicas', () => {
  it('serves the feed from the replica', async () => {
    const before = persistence.replicas!.counts().reads.replica;
    const [first] = (await get(a, FEED)).body.items as { id: string; title: string }[];
    // A title changed on the replica alone (the replica writes no binary log): only a replica read can show it.
    await replica.sql(`UPDATE xianzhi.listing SET title = '只在副本上的标题' WHERE id = '${first!.id}'`);
    const page = await get(a, '/v1/listings?campusId=demo&sort=price_asc');
    expect(page.status).toBe(200);
    expect(page.body.items.find((i: { id: string }) => i.id === first!.id)?.title).toBe('只在副本上的标题');
    expect(persistence.replicas!.counts().reads.replica).toBeGreaterThan(before);
    await replica.sql(`UPDATE xianzhi.listing SET title = '${first!.title}' WHERE id = '${first!.id}'`);

    // A detail reads on the replica and counts the view on the primary (the replica's account could not write it).
    const second = (page.body.items as { id: string }[]).find((i) => i.id !== first!.id)!;
    const views = async () =>
      Number(
        ((await persistence.raw('select view_count from listing where id = ?', [second.id])) as any[])[0].view_count,
      );
    const counted = await views();
    const detail = await get(b, `/v1/listings/${second.id}`);
    expect(detail.status).toBe(200);
    expect(await views()).toBe(counted + 1);
  });

  it('shows a student their new listing at once on any process while the replica lags; others once it catches up', async () => {
    // A process that holds the feed in its cache from before the write, and has not seen the version move yet.
    for (let i = 0; i < 20 && slowVersion.current() === null; i++) await slowVersion.poll();
    await get(slow, FEED);
    expect((await get(slow, FEED)).cache).toBe('hit');
    await replica.sql('STOP SLAVE SQL_THREAD');
    const cats = (await get(a, '/v1/catalog?campusId=demo')).body.categories as {
      code: string;
      id: string;
      children: { code: string; id: string }[];
    }[];
    const categories = Object.fromEntries(
      cats.flatMap((c) => [[c.code, c.id], ...c.children.map((x) => [x.code, x.id])]),
    );
    const published = await a.inject({
      method: 'POST',
      url: '/v1/listings',
      headers: auth['alice'],
      payload: itemBody(categories, { title: '副本延迟时发布的台灯' }),
    });
    expect(published.statusCode, published.body).toBe(201);
    const id = (JSON.parse(published.body) as { id: string }).id;
    const lagBefore = persistence.replicas!.counts().fallbacks.lag;

    // Another process, the very next request: the replica has not applied the write, so alice reads the primary.
    for (const app of [b, a]) {
      const own = await get(app, FEED, 'alice');
      expect(own.status).toBe(200);
      expect(ids(own.body)).toContain(id);
      const detail = await get(app, `/v1/listings/${id}`, 'alice');
      expect(detail.status).toBe(200);
      expect(detail.body.title).toBe('副本延迟时发布的台灯');
    }
    expect(persistence.replicas!.counts().fallbacks.lag).toBeGreaterThan(lagBefore);
    // That process still serves its cached feed to others (it learns of the change at its next poll), never to her.
    expect(ids((await get(slow, FEED)).body)).not.toContain(id);
    const mine = await get(slow, FEED, 'alice');
    expect(mine.cache).toBe('miss');
    expect(ids(mine.body)).toContain(id);

    // Anyone else reads the lagging replica: not there yet, and that stale page is not kept in the cache.
    const other = await get(b, '/v1/listings?campusId=demo&sort=newest&kind=item', 'bob');
    expect(other.status).toBe(200);
    expect(ids(other.body)).not.toContain(id);
    const again = await get(b, '/v1/listings?campusId=demo&sort=newest&kind=item');
    expect(again.cache).not.toBe('hit');
    expect(ids(again.body)).not.toContain(id);

    await replica.sql('START SLAVE SQL_THREAD');
    await replica.catchUp(primary);
    for (const app of [a, b]) {
      expect(ids((await get(app, '/v1/listings?campusId=demo&sort=newest&kind=item')).body)).toContain(id);
      expect(ids((await get(app, FEED, 'bob')).body)).toContain(id);
    }
  });

  it('answers from the primary when the replica is gone, and says so in /readyz and the metrics', async () => {
    await replica.stop();
    const feed = await get(a, '/v1/listings?campusId=demo&sort=price_desc');
    expect(feed.status).toBe(200);
    expect(feed.body.items.length).toBeGreaterThan(0);
    const id = feed.body.items[0].id as string;
    expect((await get(b, `/v1/listings/${id}`)).status).toBe(200);
    expect((await get(b, `/v1/listings/${id}`, 'bob')).status).toBe(200);
    expect((await get(a, '/v1/recommendations?campusId=demo', 'bob')).status).toBe(200);
    expect((await get(a, `/v1/listings/${id}/similar`)).status).toBe(200);
    expect((await get(b, '/v1/search?q=%E5%8F%B0%E7%81%AF&campusId=demo')).status).toBe(200);

    const ready = await get(a, '/readyz');
    expect(ready).toMatchObject({ status: 200, body: { ok: true, checks: { database: 'up', replicas: 'down' } } });

    const metrics = new Metrics();
    watchDependencies(metrics, [], persistence.stats, persistence.replicas);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^xz_db_reads_total\{target="replica"\} [1-9]/m);
    expect(text).toMatch(/^xz_db_reads_total\{target="primary"\} [1-9]/m);
    expect(text).toMatch(/^xz_db_replica_fallbacks_total\{reason="lag"\} [1-9]/m);
    expect(text).toMatch(/^xz_db_replica_fallbacks_total\{reason="unavailable"\} [1-9]/m);
    expect(text).toMatch(/^xz_db_replica_up\{replica="replica-1 \(127\.0\.0\.1:\d+\)"\} 0/m);
  });
});
