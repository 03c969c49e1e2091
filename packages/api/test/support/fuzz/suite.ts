import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, itemBody } from '../http.js';
import { SCENARIO_BOOK_LIMITS, startStack, type Stack } from '../stack.js';
import type { DatabaseKind } from '../databases.js';
import type { Wire } from './draft.js';
import { openApiDocument, operationsOf, type Operation } from '../openapi.js';
import { fuzzSeed, Random } from './random.js';
import { planRequest } from './requests.js';
import { costliest, describeFinding, newTally, requestIdOf, send, summary, type Tally } from './run.js';
import { buildWorld, healCallers, type World } from './world.js';

/**
 * Configuration for the fuzzed app, over the test stack's: request limits (`XZ_RATE_LIMITS`) raised out of
 * the way, since thousands of requests come from a handful of students (their counters still run).
 */
export const FUZZ_ENV: Record<string, string> = { ...SCENARIO_BOOK_LIMITS };

const env = process.env;
/** At least this many requests per database: 118 rounds over today's 85 documented operations. */
const MIN_REQUESTS = 10_000;
/**
 * Request logs (info) are written for the first requests, so the logger's serializers and redaction see
 * hostile URLs and headers too; then only warnings and errors, which is a seventh of the CPU saved.
 */
const LOGGED_REQUESTS = 2_000;
const CONCURRENCY = Number(env['XZ_FUZZ_CONCURRENCY'] ?? 4);
const BATCH = 500;
/** Five minutes for the default run (about 25 s of CPU); longer runs asked for get about 20 ms a request. */
const TIMEOUT_MS = Math.max(300_000, Number(env['XZ_FUZZ_PER_ROUTE'] ?? 0) * 100 * 20);

/**
 * Issue 16: every route of the OpenAPI document, fuzzed from its own schemas (wrong types, missing and
 * extra fields, hostile text, numbers past their limits, tampered cursors and tokens, prototype keys,
 * broken bodies and content types) as every kind of caller, aimed at real ids. Not one answer may be a
 * 5xx, every refusal carries a code of the error table, and the server works normally afterwards.
 *
 * `XZ_FUZZ_SEED=n` replays a run (the seed is printed first), `XZ_FUZZ_PER_ROUTE` sets its length,
 * `XZ_FUZZ_CONCURRENCY` the requests in flight (1 replays most exactly), `XZ_FUZZ_COSTS=1` prints where
 * the time went.
 */
export function fuzzEveryRoute(kind: DatabaseKind): void {
  describe(`fuzzing every documented route on ${kind}`, () => {
    let s: Stack;
    let world: World;
    let operations: Operation[];
    beforeAll(async () => {
      s = await startStack(kind, { env: FUZZ_ENV });
      world = await buildWorld(s);
      operations = operationsOf(openApiDocument(s.app));
    });
    afterAll(async () => {
      await s?.close();
    });

    it(
      'answers no request with a 5xx, refuses with a stable code, and stays healthy',
      async () => {
        const seed = fuzzSeed();
        const perRoute = Number(env['XZ_FUZZ_PER_ROUTE'] ?? Math.ceil(MIN_REQUESTS / operations.length));
        console.log(`fuzz ${kind}: seed ${seed} (replay with XZ_FUZZ_SEED=${seed}), ${perRoute} requests per route`);
        const random = new Random(seed);
        const tally = newTally();
        const started = Date.now();
        const cpu = process.cpuUsage();
        // Round-robin over the routes, shuffled each round, so every route gets its share whatever the total.
        const order: Operation[] = [];
        for (let round = 0; round < perRoute; round++) order.push(...random.shuffle(operations));
        for (let from = 0; from < order.length; from += BATCH) {
          const wires: Wire[] = order
            .slice(from, from + BATCH)
            .map((op, i) => planRequest(op, world, random, from + i));
          await send(s.app, wires, tally, CONCURRENCY);
          keepLogsOfFindings(s, tally);
          if (from + BATCH >= LOGGED_REQUESTS) s.app.log.level = 'warn';
          await healCallers(s, world);
        }
        const used = process.cpuUsage(cpu);
        console.log(
          `${summary(kind, tally, operations.length, Date.now() - started)}; ` +
            `CPU ${((used.user + used.system) / 1e6).toFixed(1)} s`,
        );
        if (env['XZ_FUZZ_COSTS']) {
          console.log(costliest(tally));
          console.log(
            `never 2xx: ${operations
              .filter((o) => !tally.reachedOk.has(o.key))
              .map((o) => o.key)
              .join('; ')}`,
          );
        }
        const report = tally.findings.slice(0, 10).map((f) => describeFinding(f, seed));
        expect(tally.findings.length, `${tally.findings.length} findings; the first:\n${report.join('\n\n')}`).toBe(0);
        expect(tally.sent).toBe(perRoute * operations.length);
        if (env['XZ_FUZZ_PER_ROUTE'] === undefined) expect(tally.sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
        expect(tally.perRoute.size).toBe(operations.length);

        // Still healthy: the health check, and a normal publish that the feed then shows.
        expect((await call(s.app, { method: 'GET', url: '/healthz' })).status).toBe(200);
        const catalog = await call(s.app, { method: 'GET', url: '/v1/catalog?campusId=demo' });
        const leaf = (catalog.body.categories as { children: { id: string }[] }[]).flatMap((c) => c.children)[0]!;
        const published = await call(s.app, {
          method: 'POST',
          url: '/v1/listings',
          headers: s.auth('alice'),
          payload: itemBody({}, { title: '模糊测试之后 台灯', categoryId: leaf.id }),
        });
        expect(published.status, JSON.stringify(published.body)).toBe(201);
        const feed = await call(s.app, { method: 'GET', url: '/v1/listings?campusId=demo&sort=newest&limit=5' });
        expect(feed.status).toBe(200);
        expect((feed.body.items as { id: string }[]).map((i) => i.id)).toContain(published.body.id);
      },
      TIMEOUT_MS,
    );
  });
}

/** Attaches to each new finding what the server logged for it, then drops the batch's log lines. */
function keepLogsOfFindings(s: Stack, tally: Tally): void {
  for (const f of tally.findings) {
    const id = requestIdOf(f);
    if (f.log !== undefined || !id) continue;
    const err = s.logs.find((l) => l['reqId'] === id && l['err'])?.['err'] as
      { type?: string; message?: string; stack?: string } | undefined;
    f.log = err ? `${err.type}: ${err.message} ${err.stack?.split('\n').slice(1, 6).join(' ')}` : '';
  }
  s.logs.length = 0;
}
