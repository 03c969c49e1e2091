import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../queue/testing/redis.js';
import { openPersistence, type Persistence } from './open.js';
import { mariadbServerUrl } from './test-databases.js';
import { isDatabaseUnavailable, POOL_ACQUIRE_TIMEOUT } from './unavailable.js';

/** Runs `work`, expecting it to fail; answers the error and how long the failure took. */
async function failure(work: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  try {
    await work();
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
  throw new Error('expected a failure');
}

describe('isDatabaseUnavailable', () => {
  it('knows connection failures by code, errno or the driver’s fatal flag, also wrapped', () => {
    expect(isDatabaseUnavailable({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isDatabaseUnavailable({ code: 'PROTOCOL_CONNECTION_LOST' })).toBe(true);
    expect(isDatabaseUnavailable({ errno: 1053, code: 'ER_SERVER_SHUTDOWN' })).toBe(true);
    expect(
      isDatabaseUnavailable({ message: "Can't add new command when connection is in closed state", fatal: true }),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: { code: POOL_ACQUIRE_TIMEOUT } }))).toBe(true);
  });

  it('leaves every other failure alone', () => {
    expect(isDatabaseUnavailable({ errno: 1062, code: 'ER_DUP_ENTRY' })).toBe(false);
    expect(isDatabaseUnavailable({ errno: 1213, code: 'ER_LOCK_DEADLOCK' })).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});

describe('a server database that cannot be reached fails fast', () => {
  const server = mariadbServerUrl();
  let silent: ReturnType<typeof createServer>;
  const sockets: Socket[] = [];
  let silentPort = 0;

  beforeAll(async () => {
    // Takes the TCP connection and never says a word: a frozen or black-holed server.
    silent = createServer((socket) => void sockets.push(socket));
    silentPort = await freePort();
    await new Promise<void>((r) => silent.listen(silentPort, '127.0.0.1', r));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  });

  it('refused: at once, as unavailable', async () => {
    const p = await openPersistence({ url: `mariadb://x:y@127.0.0.1:${await freePort()}/nothing` });
    try {
      const { error, ms } = await failure(() => p.raw('select 1'));
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(ms).toBeLessThan(1000);
    } finally {
      await p.close();
    }
  });

  it('silent: after the connect timeout, as unavailable', async () => {
    const p = await openPersistence({ url: `mariadb://x:y@127.0.0.1:${silentPort}/nothing`, connectTimeoutMs: 300 });
    try {
      const { error, ms } = await failure(() => p.raw('select 1'));
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(2000);
    } finally {
      await p.close();
    }
  });

  it('busy: a query waits for a pooled connection only so long, and the pool stays whole', async () => {
    let p: Persistence | undefined;
    try {
      p = await openPersistence({ url: `${server}/mysql`, poolSize: 1, acquireTimeoutMs: 300 });
      const pool = p;
      const holding = pool.raw('select sleep(1.5)');
      await new Promise((r) => setTimeout(r, 100));
      const { error, ms } = await failure(() => pool.raw('select 1'));
      expect((error as { code?: string }).code).toBe(POOL_ACQUIRE_TIMEOUT);
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(1200);
      await holding;
      // The connection that freed up after the give-up went back to the pool: the next query gets it.
      expect(await pool.raw('select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await p?.close();
    }
  });
});
