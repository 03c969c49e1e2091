import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openPersistence, type Persistence } from '../../packages/adapters/src/index.js';
import { freePort } from '../../packages/adapters/src/queue/testing/redis.js';
import { User } from '../../packages/core/src/identity/user.js';
import { UlidGenerator } from '../../packages/core/src/shared/ids.js';
import { AccessTokens } from '../../packages/api/src/http/auth.js';
import { seedDemo } from '../../packages/api/src/seed/seed-demo.js';

/**
 * The production stack as an operator runs it: the compiled server and worker (packages/api/dist)
 * with XZ_ENV=production on MariaDB and Redis, the schema applied and the search index built by the
 * compiled CLI. Shared by the fault tests and the load benchmark (bench/load).
 */

export const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'packages/api/dist/main');
export const PRODUCTION_SECRET = 'production-stack-secret-0123456789abcdef';

/**
 * `XZ_RATE_LIMITS` for runs that are load, not abuse: every route family's per-account and per-address
 * limit raised out of the way (all the traffic comes from 127.0.0.1, a handful of students making far
 * more writes than any student would). The families are those of the README's "Rate limits"; a name the
 * server does not know stops it at start, so a renamed family fails these runs loudly.
 */
export const LOAD_RATE_LIMITS = JSON.stringify(
  Object.fromEntries(
    ['publish', 'edit', 'comment', 'report', 'upload', 'favorite', 'feedback', 'search', 'suggest', 'default'].map(
      (family) => [family, { perUser: 1_000_000, perAddress: 1_000_000 }],
    ),
  ),
);

/** A child process of the stack with everything it printed. */
export class StackProcess {
  readonly output: string[] = [];
  private exitCode: number | null | undefined;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (d: Buffer) => this.output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => this.output.push(d.toString()));
    child.once('exit', (code) => (this.exitCode = code));
  }

  /** False once the process has exited, for whatever reason. */
  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** Its JSON log lines (pino), parsed; other output is skipped. */
  logLines(): Record<string, unknown>[] {
    return this.output
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  }

  /** Resident memory, in MiB, from /proc. */
  rssMiB(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

export interface Student {
  readonly id: string;
  /** `authorization` header value. */
  readonly authorization: string;
}

export interface ProductionStackOptions {
  /** `mariadb://…/<database>`: created and migrated here. */
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** Keeps this stack's Redis keys apart from anyone else's on a shared Redis. */
  readonly queuePrefix: string;
  /** The QQ open API the server talks to (a loopback fake). */
  readonly qq: { readonly baseUrl: string; readonly appId: string; readonly appSecret: string };
  /** Verified students created for the run, each with an access token. */
  readonly students: number;
  /** Demo listings seeded (no photos) before the server starts. */
  readonly listings: number;
  /** Build the search index of the seeded listings with the compiled CLI (default true; a few seconds). */
  readonly reindex?: boolean;
  /** Start a worker process too (default true). */
  readonly worker?: boolean;
  /** More variables for both processes (they override the ones set here). */
  readonly env?: Record<string, string>;
}

export interface ProductionStack {
  readonly url: string;
  /** The database, opened by the test for arranging and checking (its own pool, not the server's). */
  readonly persistence: Persistence;
  readonly server: StackProcess;
  readonly worker: StackProcess | null;
  readonly students: readonly Student[];
  /** Ids of the live listings there were when the server started. */
  readonly listingIds: readonly string[];
  stop(): Promise<void>;
}

async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, [join(DIST, 'cli.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const p = new StackProcess(`cli ${args.join(' ')}`, child);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`${p.name} exited with ${code}:\n${p.output.join('')}`);
}

async function waitHealthy(url: string, server: StackProcess, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    if (!server.running) throw new Error(`server exited:\n${server.output.join('')}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`server not healthy within ${seconds} s:\n${server.output.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startProductionStack(options: ProductionStackOptions): Promise<ProductionStack> {
  const entry = join(DIST, 'server.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (tsc -b packages/api)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'xz-production-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XZ_ENV: 'production',
    XZ_HOST: '127.0.0.1',
    XZ_PORT: String(port),
    XZ_DATA_DIR: dataDir,
    XZ_DATABASE_URL: options.databaseUrl,
    XZ_JWT_SECRET: PRODUCTION_SECRET,
    XZ_REDIS_URL: options.redisUrl,
    XZ_QUEUE_PREFIX: options.queuePrefix,
    XZ_QQ_APP_ID: options.qq.appId,
    XZ_QQ_APP_SECRET: options.qq.appSecret,
    XZ_QQ_API_BASE: options.qq.baseUrl,
    // The built-in word list screens text: the runs measure Xianzhi, not a fake QQ's answer time.
    XZ_CONTENT_SAFETY: 'words',
    XZ_LOG_LEVEL: 'warn',
    XZ_RATE_LIMITS: LOAD_RATE_LIMITS,
    ...options.env,
  };

  await migrateDatabase({ url: options.databaseUrl });
  const persistence = await openPersistence({ url: options.databaseUrl });
  const processes: StackProcess[] = [];
  try {
    const now = new Date();
    await seedDemo(persistence, { listings: options.listings, now });
    const students: Student[] = [];
    const tokens = new AccessTokens(PRODUCTION_SECRET);
    const ids = new UlidGenerator();
    for (let i = 0; i < options.students; i++) {
      const id = ids.next();
      const user = User.register({
        id,
        qqOpenId: `OPENID-STACK-${id}`,
        nickname: `同学${i}`,
        avatarUrl: null,
        campusId: 'demo',
        now,
      });
      user.markVerified(now);
      await persistence.users.save(user);
      students.push({ id: user.id, authorization: `Bearer ${(await tokens.issue(user.id)).token}` });
    }
    // Seeded listings carry no outbox events: the CLI indexes them, as after a restore.
    if (options.listings > 0 && options.reindex !== false) await runCli(['reindex'], env);
    const listingIds = (
      (await persistence.raw(`select id from listing where status = 'active'`)) as { id: string }[]
    ).map((r) => r.id);

    const server = new StackProcess(
      'server',
      spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    processes.push(server);
    const worker =
      options.worker === false
        ? null
        : new StackProcess(
            'worker',
            spawn(process.execPath, [join(DIST, 'worker.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] }),
          );
    if (worker) processes.push(worker);
    const url = `http://127.0.0.1:${port}`;
    await waitHealthy(url, server, 60);

    return {
      url,
      persistence,
      server,
      worker,
      students,
      listingIds,
      stop: async () => {
        await Promise.all(processes.map((p) => p.stop()));
        await persistence.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(processes.map((p) => p.stop()));
    await persistence.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
