import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { deleteKeys, freePort, testRedisUrl, uniquePrefix } from '@xianzhi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, categoryIds, itemBody, publishAs } from './support/http.js';
import { eventually } from './support/queues.js';
import { startStack, TEST_SECRET, type Stack } from './support/stack.js';

const PACKAGE = join(import.meta.dirname, '..');
const WORKER = ['--conditions=@xianzhi/source', '--import', 'tsx', 'src/main/worker.ts'];

/** `./xz worker` as its own process beside an API on the same database. */
describe('the worker process', () => {
  let s: Stack;
  const prefix = uniquePrefix('xz-worker');
  beforeAll(async () => {
    // The production shape: a worker process beside the API needs a database server (SQLite has one
    // writer process; two processes on one file answer "database is locked" under load).
    // The API shares the worker's Redis, as in production: the worker's commits (the search index) move the
    // response cache's version there, so the API's cached search pages see them.
    s = await startStack('mariadb', { env: { XZ_REDIS_URL: testRedisUrl(), XZ_QUEUE_PREFIX: prefix } });
  });
  afterAll(async () => {
    await s?.close();
    await deleteKeys(testRedisUrl(), prefix);
  });
  const env = (extra: Record<string, string>) => ({
    ...process.env,
    XZ_ENV: '',
    XZ_DATA_DIR: s.db.dir,
    XZ_DATABASE_URL: s.db.url,
    XZ_JWT_SECRET: TEST_SECRET,
    XZ_LOG_LEVEL: 'info',
    ...extra,
  });
  /** A running worker, what it has written so far (stdout and stderr), and its exit code once it ends. */
  const startWorker = (extra: Record<string, string>) => {
    const child = spawn(process.execPath, WORKER, { cwd: PACKAGE, env: env(extra) });
    const worker = { child, out: '', exited: new Promise<number | null>((r) => child.once('exit', (code) => r(code))) };
    child.stdout.on('data', (d: Buffer) => (worker.out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (worker.out += d.toString()));
    return worker;
  };

  it('refuses to start without Redis: with in-process jobs the server runs them', () => {
    const run = spawnSync(process.execPath, WORKER, {
      cwd: PACKAGE,
      encoding: 'utf8',
      timeout: 60_000,
      env: env({ XZ_REDIS_URL: '' }),
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the worker needs XZ_REDIS_URL');
  });

  it('refuses SQLite: one file takes one writing process, so the server runs the jobs itself', () => {
    const run = spawnSync(process.execPath, WORKER, {
      cwd: PACKAGE,
      encoding: 'utf8',
      timeout: 60_000,
      env: env({ XZ_REDIS_URL: testRedisUrl(), XZ_DATABASE_URL: `sqlite:${join(s.db.dir, 'x.sqlite')}` }),
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the worker process needs a database server');
  });

  it('starts and stops while Redis is down: the periodic tasks do not wait for the queue', async () => {
    const worker = startWorker({ XZ_REDIS_URL: `redis://127.0.0.1:${await freePort()}`, XZ_QUEUE_PREFIX: prefix });
    try {
      await eventually(() => worker.out.includes('"msg":"worker started"'), 60_000);
      expect(worker.out).toContain('"msg":"queue connection problem (retrying)"');
    } finally {
      worker.child.kill('SIGTERM');
    }
    const started = Date.now();
    expect(await worker.exited, worker.out.slice(-3000)).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(worker.out).toContain('"msg":"worker stopped"');
  }, 90_000);

  it('relays the outbox and runs the periodic tasks, then stops cleanly on SIGTERM', async () => {
    const worker = startWorker({ XZ_REDIS_URL: testRedisUrl(), XZ_QUEUE_PREFIX: prefix });
    try {
      await eventually(() => worker.out.includes('"msg":"worker started"'), 60_000);
      expect(worker.out).toContain('"queue":"bullmq"');
      const cats = await categoryIds(s.app);
      const listing = await publishAs(s, 'alice', itemBody(cats, { title: '独立进程 投递测试 电饭煲' }));
      // The relay in the other process publishes the event; its search-index task makes the listing findable.
      await eventually(async () => (await s.persistence.outbox.unpublished(10)).length === 0, 20_000);
      await eventually(
        async () =>
          (await call(s.app, { method: 'GET', url: `/v1/search?q=${encodeURIComponent('电饭煲')}` })).body?.items?.some(
            (i: { listing: { id: string } }) => i.listing.id === listing.id,
          ),
        20_000,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; the worker wrote:\n${worker.out.slice(-3000)}`, { cause: error });
    } finally {
      worker.child.kill('SIGTERM');
    }
    expect(await worker.exited, worker.out.slice(-3000)).toBe(0);
    expect(worker.out).toContain('"msg":"worker stopped"');
  }, 90_000);
});
