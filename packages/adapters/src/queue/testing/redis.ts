import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/**
 * The Redis the test script started. Missing fails the run: the BullMQ suite is part of the
 * contract, never silently skipped.
 */
export function testRedisUrl(): string {
  const url = process.env['XZ_TEST_REDIS_URL'];
  if (!url) throw new Error('XZ_TEST_REDIS_URL is not set: run the tests with ./xz test, which starts Redis');
  return url;
}

/** A key prefix no other test uses, and a way to delete its keys afterwards. */
export function uniquePrefix(label = 'xzt'): string {
  return `${label}-${randomBytes(5).toString('hex')}`;
}

export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface PrivateRedis {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGTERM: it writes its append-only file and exits) and waits until the port is closed. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data folder, and waits until it answers. */
  start(): Promise<void>;
  /** Stops it and removes its data folder. */
  dispose(): Promise<void>;
}

/**
 * A redis-server of the test's own, on a free port, for tests that stop Redis (never the shared one).
 * Append-only with fsync on every write, as production should run it, so a restart keeps the jobs.
 */
export async function startPrivateRedis(binary = '/usr/bin/redis-server'): Promise<PrivateRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'xz-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      binary,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--logfile',
        join(dir, 'redis.log'),
      ],
      { stdio: 'ignore' },
    );
    const until = Date.now() + 10_000;
    while (!(await answers(port))) {
      if (Date.now() > until)
        throw new Error(`redis-server on port ${port} did not start (see ${join(dir, 'redis.log')})`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const stop = async () => {
    const running = child;
    child = null;
    await terminate(running);
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function answers(port: number): Promise<boolean> {
  const redis = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** A port nothing listens on right now: bound once to learn a free number, then released. */
/** Stops a test's own server process with SIGTERM and waits for it to exit; nothing when it already has. */
export async function terminate(running: ChildProcess | null): Promise<void> {
  if (!running || running.exitCode !== null) return;
  const exited = new Promise<void>((r) => running.once('exit', () => r()));
  running.kill('SIGTERM');
  await exited;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
