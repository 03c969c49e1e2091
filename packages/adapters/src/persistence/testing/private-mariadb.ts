import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, terminate } from '../../queue/testing/redis.js';

const run = promisify(execFile);

export interface PrivateMariaDb {
  readonly port: number;
  /** `mariadb://user:password@127.0.0.1:port` without a database name: append `/<name>`. */
  readonly serverUrl: string;
  /** Stops the server as `systemctl stop` would (SIGTERM: a clean shutdown) and waits until it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder, and waits until it takes connections over TCP. */
  start(): Promise<void>;
  /** Stops it and removes its data folder. */
  dispose(): Promise<void>;
}

const USER = 'xianzhi';
const PASSWORD = 'xianzhi-private';

/**
 * A MariaDB server of the test's own (its own data folder and port, started as scripts/services.sh
 * starts the shared one), for tests that stop the database: the shared test server is never touched.
 * Each commit reaches the operating system before it is answered (`innodb_flush_log_at_trx_commit=2`),
 * so stopping or killing the server keeps every answered commit; only losing the machine itself could
 * lose the last second, which no test here does. That and no doublewrite halve the migrations' time.
 */
export async function startPrivateMariaDb(): Promise<PrivateMariaDb> {
  const dir = mkdtempSync(join(tmpdir(), 'xz-mariadb-'));
  const data = join(dir, 'data');
  const socket = join(dir, 'mariadb.sock');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  const small = [
    '--innodb-log-file-size=8M',
    '--innodb-buffer-pool-size=64M',
    '--innodb-flush-log-at-trx-commit=2',
    '--innodb-doublewrite=0',
  ];
  await run(
    'mariadb-install-db',
    [
      '--no-defaults',
      ...asRoot,
      `--datadir=${data}`,
      '--auth-root-authentication-method=socket',
      '--skip-test-db',
      ...small,
    ],
    { timeout: 60_000 },
  );

  let child: ChildProcess | null = null;
  const logs: string[] = [];
  const start = async () => {
    const server = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        ...asRoot,
        `--datadir=${data}`,
        `--socket=${socket}`,
        `--pid-file=${join(dir, 'mariadb.pid')}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        '--skip-name-resolve',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        '--max-connections=300',
        ...small,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    server.stderr?.on('data', (d: Buffer) => logs.push(d.toString()));
    child = server;
    const until = Date.now() + 30_000;
    while (!(await answers(socket))) {
      if (server.exitCode !== null) throw new Error(`mariadbd exited with ${server.exitCode}:\n${logs.join('')}`);
      if (Date.now() > until) throw new Error(`mariadbd on port ${port} did not start:\n${logs.join('')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = async () => {
    const running = child;
    child = null;
    await terminate(running);
  };

  await start();
  await run('mariadb', [
    '--no-defaults',
    '-S',
    socket,
    '-u',
    'root',
    '-e',
    `CREATE USER '${USER}'@'127.0.0.1' IDENTIFIED BY '${PASSWORD}'; GRANT ALL PRIVILEGES ON *.* TO '${USER}'@'127.0.0.1';`,
  ]);
  return {
    port,
    serverUrl: `mariadb://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    start,
    stop,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function answers(socket: string): Promise<boolean> {
  try {
    await run('mariadb', ['--no-defaults', '-S', socket, '-u', 'root', '-e', 'SELECT 1'], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}
