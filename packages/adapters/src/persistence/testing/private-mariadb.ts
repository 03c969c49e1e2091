import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
  /** Runs SQL as root over the server's socket (replication control, statements kept off the binary log). */
  sql(statements: string): Promise<string>;
}

export interface PrivateMariaDbOptions {
  /** Replication: this server's id (each server of a replication set has its own). */
  readonly serverId?: number;
  /** Writes a binary log with GTIDs (row format), so replicas can follow this server. */
  readonly binlog?: boolean;
  /** Keeps the data folder in memory (/dev/shm, when there is one): several times faster to set up. */
  readonly inMemory?: boolean;
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
export async function startPrivateMariaDb(options: PrivateMariaDbOptions = {}): Promise<PrivateMariaDb> {
  const base = options.inMemory && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, 'xz-mariadb-'));
  const data = join(dir, 'data');
  // Its own folder for temporary tables: a bootstrap sharing /tmp with other servers' has failed on theirs.
  const temp = join(dir, 'tmp');
  mkdirSync(temp);
  const socket = join(dir, 'mariadb.sock');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  const small = [
    '--innodb-log-file-size=8M',
    '--innodb-buffer-pool-size=64M',
    '--innodb-flush-log-at-trx-commit=2',
    '--innodb-doublewrite=0',
  ];
  let child: ChildProcess | null = null;
  const logs: string[] = [];
  const start = async () => {
    const server = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        ...asRoot,
        `--datadir=${data}`,
        `--tmpdir=${temp}`,
        `--socket=${socket}`,
        `--pid-file=${join(dir, 'mariadb.pid')}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        '--skip-name-resolve',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        '--max-connections=300',
        ...small,
        ...(options.serverId !== undefined ? [`--server-id=${options.serverId}`] : []),
        ...(options.binlog ? [`--log-bin=${join(dir, 'binlog')}`, '--binlog-format=ROW'] : []),
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

  const sql = async (statements: string) =>
    (await run('mariadb', ['--no-defaults', '-S', socket, '-u', 'root', '-N', '-B', '-e', statements])).stdout;
  const dispose = async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run(
      'mariadb-install-db',
      [
        '--no-defaults',
        ...asRoot,
        `--datadir=${data}`,
        `--tmpdir=${temp}`,
        '--auth-root-authentication-method=socket',
        '--skip-test-db',
        ...small,
      ],
      { timeout: 60_000 },
    );
    await start();
    await sql(
      `CREATE USER '${USER}'@'127.0.0.1' IDENTIFIED BY '${PASSWORD}'; GRANT ALL PRIVILEGES ON *.* TO '${USER}'@'127.0.0.1';`,
    );
  } catch (error) {
    // A server that failed to come up leaves neither a process nor a data folder behind.
    await dispose();
    throw error;
  }
  return { sql, port, serverUrl: `mariadb://${USER}:${PASSWORD}@127.0.0.1:${port}`, start, stop, dispose };
}

async function answers(socket: string): Promise<boolean> {
  try {
    await run('mariadb', ['--no-defaults', '-S', socket, '-u', 'root', '-e', 'SELECT 1'], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

export interface PrivateReplica extends PrivateMariaDb {
  /** `mariadb://reader:…@127.0.0.1:port`: an account that may only SELECT, so a write sent here by mistake fails. */
  readonly readerUrl: string;
  /** Waits until this replica has applied everything its primary has committed so far. */
  catchUp(primary: PrivateMariaDb, timeoutSeconds?: number): Promise<void>;
}

/**
 * A private MariaDB replicating a private primary (started with `binlog: true`) over GTIDs, from the
 * primary's position now on: what the primary commits from here (databases, migrations, rows) reaches it.
 * Stop its SQL thread (`STOP SLAVE SQL_THREAD`) for a replica that lags on purpose.
 */
export async function startReplicaOf(
  primary: PrivateMariaDb,
  options: PrivateMariaDbOptions = { serverId: 2 },
): Promise<PrivateReplica> {
  return replicate(await startPrivateMariaDb(options), primary);
}

/** Makes `replica` (a private server with its own server id) follow `primary` from the primary's position now. */
export async function replicate(replica: PrivateMariaDb, primary: PrivateMariaDb): Promise<PrivateReplica> {
  const from = (await primary.sql('SELECT @@gtid_binlog_pos')).trim();
  await replica.sql(
    `CREATE USER 'reader'@'127.0.0.1' IDENTIFIED BY 'reader-private'; GRANT SELECT ON *.* TO 'reader'@'127.0.0.1';
     SET GLOBAL gtid_slave_pos = '${from}';
     CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary.port}, MASTER_USER='${USER}',
       MASTER_PASSWORD='${PASSWORD}', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1;
     START SLAVE;`,
  );
  return {
    ...replica,
    readerUrl: `mariadb://reader:reader-private@127.0.0.1:${replica.port}`,
    catchUp: async (source, timeoutSeconds = 20) => {
      const position = (await source.sql('SELECT @@gtid_binlog_pos')).trim();
      const waited = (await replica.sql(`SELECT MASTER_GTID_WAIT('${position}', ${timeoutSeconds})`)).trim();
      if (waited !== '0') {
        const status = await replica.sql('SHOW SLAVE STATUS\\G').catch((e: Error) => e.message);
        throw new Error(`replica did not reach ${position} within ${timeoutSeconds} s:\n${status}`);
      }
    },
  };
}
