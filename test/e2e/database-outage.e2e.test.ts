import { startPrivateMariaDb } from '../../packages/adapters/src/persistence/testing/private-mariadb.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../../packages/adapters/src/queue/testing/redis.js';
import { FakeQqServer } from '../../packages/adapters/src/qq/fake-qq-server.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProductionStack, type ProductionStack } from './production.js';
import { steadyTraffic, type Exchange } from './traffic.js';

/**
 * Issue 16, faults: MariaDB stops for 10 s under a steady mix of student reads and writes, against
 * the compiled server and worker in production mode. While it is down every request is answered
 * within seconds with 503 DATABASE_UNAVAILABLE and Retry-After (never a hang, never a 500); once it is
 * back the API answers again within 5 s without a restart; every write answered 2xx is in the
 * database, and no write is half there (each unit of work is one transaction). The worker rides it
 * out: it keeps running and relays every event once the database returns. MariaDB is a private
 * server of this test (its own data folder and port): the shared test server is never stopped.
 */
const DOWN_MS = 10_000;
const WARMUP_MS = 1500;
const AFTER_MS = 6500;
const RECOVERY_LIMIT_MS = 5000;
/** Longest any answer may take, outage included: the driver's connect (3 s) and acquire (5 s) limits keep it short. */
const ANSWER_LIMIT_MS = 5000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

describe('MariaDB stopped for 10 s under load', () => {
  const qq = new FakeQqServer();
  const redisUrl = testRedisUrl();
  const prefix = uniquePrefix('xz-dbdown');
  let db: Awaited<ReturnType<typeof startPrivateMariaDb>>;
  let stack: ProductionStack;

  beforeAll(async () => {
    await qq.start();
    db = await startPrivateMariaDb();
    stack = await startProductionStack({
      databaseUrl: `${db.serverUrl}/xianzhi`,
      redisUrl,
      queuePrefix: prefix,
      qq,
      students: 6,
      listings: 12,
      // Searches need answers, not these listings in them: the index follows what is published during the run.
      reindex: false,
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await db?.dispose();
    await qq.stop();
    await deleteKeys(redisUrl, prefix).catch(() => {});
  });

  it('answers 503 quickly while down, recovers within 5 s, and loses or half-applies no write', async () => {
    const started = Date.now();
    const [category] = (await stack.persistence.raw(
      `select id from category where campus_id = 'demo' and parent_id is not null limit 1`,
    )) as { id: string }[];
    let stopTraffic = false;
    const traffic = steadyTraffic({
      url: stack.url,
      students: stack.students,
      listingIds: [...stack.listingIds],
      categoryId: category!.id,
      seed: 16,
      pauseMs: 40,
      timeoutMs: 20_000,
      shouldStop: () => stopTraffic,
    });

    await new Promise((r) => setTimeout(r, WARMUP_MS));
    const stopping = Date.now();
    await db.stop();
    const down = Date.now();
    await new Promise((r) => setTimeout(r, DOWN_MS));
    await db.start();
    const up = Date.now();
    await new Promise((r) => setTimeout(r, AFTER_MS));
    stopTraffic = true;
    const exchanges = await traffic;

    const ok = (e: Exchange) => e.status >= 200 && e.status < 300;
    const ms = (e: Exchange) => e.answeredAt - e.sentAt;
    const failed = exchanges.filter((e) => !ok(e));
    const lastFailedSent = Math.max(...failed.map((e) => e.sentAt));
    const firstGoodAfter = Math.min(
      ...exchanges.filter((e) => ok(e) && e.sentAt > lastFailedSent).map((e) => e.answeredAt),
    );
    const whileDown = exchanges.filter((e) => e.sentAt >= down && e.sentAt < up);
    const writes = exchanges.filter((e) => ['publish', 'favorite', 'unfavorite', 'comment'].includes(e.op));
    const report = {
      requests: exchanges.length,
      writes: writes.length,
      answered2xx: exchanges.filter(ok).length,
      answered503: exchanges.filter((e) => e.status === 503).length,
      other: failed.filter((e) => e.status !== 503).map((e) => `${e.op} ${e.status} ${e.code}`),
      writes2xx: writes.filter(ok).length,
      writes503: writes.filter((e) => e.status === 503).length,
      stopTookMs: down - stopping,
      downMs: up - down,
      sentWhileDown: whileDown.length,
      maxMsWhileDown: Math.max(...whileDown.map(ms)),
      maxMs: Math.max(...exchanges.map(ms)),
      recoveryMs: Math.max(0, firstGoodAfter - up),
      lastFailureSentAfterUpMs: lastFailedSent - up,
      medianMsBefore: median(exchanges.filter((e) => e.sentAt < stopping).map(ms)),
      medianMsAfter: median(exchanges.filter((e) => e.sentAt > up + RECOVERY_LIMIT_MS).map(ms)),
    };
    console.log('database outage:', JSON.stringify(report));

    // While down: only 503 DATABASE_UNAVAILABLE with Retry-After, each within seconds.
    expect(whileDown.length).toBeGreaterThan(50);
    // MariaDB may take connections a little before start() has seen it answer: the last 2 s may succeed.
    expect(whileDown.filter((e) => e.sentAt < up - 2000 && ok(e))).toEqual([]);
    expect(report.other).toEqual([]);
    for (const e of failed)
      expect({ code: e.code, retryAfter: e.retryAfter }).toEqual({ code: 'DATABASE_UNAVAILABLE', retryAfter: '5' });
    expect(report.maxMs).toBeLessThan(ANSWER_LIMIT_MS);
    // Back within 5 s of MariaDB's return, and nothing failed since.
    expect(report.recoveryMs).toBeLessThan(RECOVERY_LIMIT_MS);
    expect(exchanges.filter((e) => e.sentAt > up + RECOVERY_LIMIT_MS).length).toBeGreaterThan(10);
    expect(lastFailedSent).toBeLessThan(up + RECOVERY_LIMIT_MS);

    // Every write answered 2xx is there.
    const q = async <T>(sql: string, params: unknown[] = []) => (await stack.persistence.raw(sql, params)) as T[];
    const published = writes.filter((e) => e.op === 'publish' && ok(e)).map((e) => e.createdId!);
    const commented = writes.filter((e) => e.op === 'comment' && ok(e)).map((e) => e.createdId!);
    expect(published.length).toBeGreaterThan(3);
    expect(commented.length).toBeGreaterThan(3);
    const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
    const studentIds = stack.students.map((s) => s.id);
    const inList = studentIds.map(() => '?').join(', ');
    const listings = ids(await q(`select id from listing where owner_id in (${inList})`, studentIds));
    const comments = ids(await q(`select id from listing_comment where author_id in (${inList})`, studentIds));
    expect(published.filter((id) => !listings.has(id))).toEqual([]);
    expect(commented.filter((id) => !comments.has(id))).toEqual([]);
    // Writes answered 503 may have committed just before the connection went (then they are whole), no more.
    const publish503 = writes.filter((e) => e.op === 'publish' && e.status === 503).length;
    expect(listings.size - published.length).toBeLessThanOrEqual(publish503);
    // A favorite's last answered state holds, unless a later try went unanswered.
    const favorites = new Set(
      (
        await q<{ k: string }>(
          `select concat(user_id, ':', listing_id) as k from favorite where user_id in (${inList})`,
          studentIds,
        )
      ).map((r) => r.k),
    );
    const lastTry = new Map<string, Exchange>();
    for (const e of writes.filter((e) => e.op === 'favorite' || e.op === 'unfavorite'))
      lastTry.set(`${e.student}:${e.listingId}`, e);
    const wrongFavorites = [...lastTry]
      .filter(([, e]) => ok(e))
      .filter(([k, e]) => favorites.has(k) !== (e.op === 'favorite'));
    expect(wrongFavorites).toEqual([]);

    // Nothing half-applied: each row has exactly its event, each event its row, each counter its rows.
    const since = new Date(started - 1000);
    const orphans = await q<{ type: string; n: number }>(
      `select o.type, count(*) as n from outbox o
         left join listing l on o.type = 'ListingPublished' and l.id = o.aggregate_id
         left join listing_comment c on o.type = 'CommentPosted' and c.id = o.aggregate_id
       where o.occurred_at >= ? and o.type in ('ListingPublished', 'CommentPosted') and l.id is null and c.id is null
       group by o.type`,
      [since],
    );
    expect(orphans).toEqual([]);
    const eventless = await q<{ id: string }>(
      `select l.id from listing l where l.owner_id in (${inList}) and
         (select count(*) from outbox o where o.type = 'ListingPublished' and o.aggregate_id = l.id) <> 1
       union all
       select c.id from listing_comment c where c.author_id in (${inList}) and
         (select count(*) from outbox o where o.type = 'CommentPosted' and o.aggregate_id = c.id) <> 1`,
      [...studentIds, ...studentIds],
    );
    expect(eventless).toEqual([]);
    const miscounted = await q<{ id: string }>(
      `select l.id from listing l where
         l.favorite_count <> (select count(*) from favorite f where f.listing_id = l.id) or
         l.comment_count <> (select count(*) from listing_comment c where c.listing_id = l.id and c.deleted_at is null)`,
    );
    expect(miscounted).toEqual([]);
    const unbalanced = await q<{ k: string }>(
      `select concat(e.u, ':', e.l) as k from (
         select json_value(payload, '$.userId') as u, aggregate_id as l,
                sum(case type when 'ListingFavorited' then 1 else -1 end) as net
         from outbox where type in ('ListingFavorited', 'ListingUnfavorited') and occurred_at >= ?
         group by u, l) e
       where e.net <> (select count(*) from favorite f where f.user_id = e.u and f.listing_id = e.l)`,
      [since],
    );
    expect(unbalanced).toEqual([]);

    // The worker rode it out: still running, relaying again, every event handed on.
    const drainedBy = Date.now() + 20_000;
    while ((await q<{ n: number }>(`select count(*) as n from outbox where published_at is null`))[0]!.n > 0) {
      if (Date.now() > drainedBy) console.log(stack.worker!.output.join('').slice(-4000));
      expect(Date.now()).toBeLessThan(drainedBy);
      await new Promise((r) => setTimeout(r, 200));
    }
    console.log('worker: outbox drained', Date.now() - up, 'ms after MariaDB returned');
    expect(stack.worker!.running).toBe(true);
    expect(stack.server.running).toBe(true);
    // The search index, which follows the outbox on its own, took in every listing published meanwhile.
    const unindexed = async () =>
      (
        await q<{ id: string }>(
          `select l.id from listing l where l.owner_id in (${inList})
             and not exists (select 1 from search_token t where t.listing_id = l.id)`,
          studentIds,
        )
      ).length;
    const indexedBy = Date.now() + 10_000;
    while ((await unindexed()) > 0 && Date.now() < indexedBy) await new Promise((r) => setTimeout(r, 200));
    expect(await unindexed()).toBe(0);
    // It saw the outage, backed off (a line per try, the pause doubling), logged reasons, not stacks.
    const workerLogs = stack.worker!.logLines();
    const relayFailures = workerLogs.filter((l) => String(l['msg']).startsWith('outbox relay failed'));
    expect(relayFailures.length).toBeGreaterThan(0);
    expect(relayFailures.length).toBeLessThan(12);
    expect(workerLogs.filter((l) => (l['level'] as number) >= 50)).toEqual([]);
    expect(workerLogs.filter((l) => JSON.stringify(l).includes('    at '))).toEqual([]);

    // One error line per refused request, no stack: an outage is not a bug report.
    const serverErrors = stack.server.logLines().filter((l) => (l['level'] as number) >= 50);
    expect(serverErrors.filter((l) => l['msg'] !== 'database unavailable')).toEqual([]);
    expect(serverErrors).toHaveLength(report.answered503);
    expect(new Set(serverErrors.map((l) => l['reqId'])).size).toBe(serverErrors.length);
    expect(serverErrors.filter((l) => JSON.stringify(l).includes('    at '))).toEqual([]);
  }, 120_000);
});
