/**
 * Throughput of GET /v1/listings (first feed page) through the whole stack (the real server: Fastify,
 * validation, composition, MikroORM on MariaDB) against a bare Fastify route running the same SQL with
 * mysql2 (bare-server.ts), with the same load generator (load.ts: keep-alive, fixed concurrency, its own
 * process). Rounds alternate full/bare so drift on the shared machine hits both; the median round counts.
 *
 *   ./xz pnpm bench:throughput -- --db mariadb://xianzhi:xianzhi-test@127.0.0.1:3307/xz_bench_1m [--concurrency 16] [--seconds 10] [--rounds 3]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { redactDatabaseUrl } from '../../packages/adapters/src/index.ts';
import { cliArgs } from './bulk-db.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const { values } = parseArgs({
  args: cliArgs(),
  options: {
    db: { type: 'string' },
    concurrency: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    label: { type: 'string', default: '' },
    'log-level': { type: 'string', default: 'warn' },
  },
  strict: true,
});
if (!values.db || !/^(mariadb|mysql):/.test(values.db)) {
  process.stderr.write(
    'usage: bench:throughput -- --db mariadb://user:pass@host:port/db [--concurrency 16] [--seconds 10] [--rounds 3]\n',
  );
  process.exit(2);
}
const FULL_PORT = 18_481;
const BARE_PORT = 18_482;
const node = process.execPath;
const tsx = ['--conditions=@xianzhi/source', '--import', 'tsx'];
const children: ChildProcess[] = [];
const stopAll = () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
};
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

function start(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(node, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  child.on('exit', (code) => {
    if (code && code !== 0 && code !== 143) process.stderr.write(`${name} exited with ${code}:\n${out.slice(-3000)}\n`);
  });
  children.push(child);
  return child;
}

async function waitFor(port: number, path: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`nothing answered on port ${port}`);
}

function load(port: number): Promise<{ rps: number; failed: number; p50: number; p99: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      node,
      [
        resolve(here, 'load.ts'),
        `http://127.0.0.1:${port}/v1/listings`,
        values.concurrency,
        values.warmup,
        values.seconds,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) =>
      code === 0 ? resolvePromise(JSON.parse(out)) : reject(new Error(`load generator exited with ${code}`)),
    );
  });
}

start('full stack', [...tsx, 'packages/api/src/main/server.ts'], {
  XZ_ENV: 'embedded',
  XZ_DATABASE_URL: values.db,
  XZ_PORT: String(FULL_PORT),
  XZ_DATA_DIR: resolve(root, 'bench/results/server-data'),
  XZ_LOG_LEVEL: values['log-level'],
  XZ_EXPIRY_INTERVAL_MINUTES: '0',
  NODE_ENV: 'production',
});
start('bare route', [...tsx, resolve(here, 'bare-server.ts'), values.db, String(BARE_PORT)], {});
await waitFor(FULL_PORT, '/v1/listings');
await waitFor(BARE_PORT, '/v1/listings');

process.stdout.write(
  `GET /v1/listings on ${redactDatabaseUrl(values.db)}: concurrency ${values.concurrency}, ${values.rounds} rounds of ` +
    `${values.seconds} s after ${values.warmup} s warm-up, server log level ${values['log-level']}\n`,
);
const full: number[] = [];
const bare: number[] = [];
for (let r = 0; r < Number(values.rounds); r++) {
  for (const [name, port, into] of [
    ['full stack', FULL_PORT, full],
    ['bare mysql2', BARE_PORT, bare],
  ] as const) {
    const res = await load(port);
    into.push(res.rps);
    process.stdout.write(
      `  round ${r + 1} ${name.padEnd(11)} ${res.rps.toFixed(0).padStart(6)} req/s  p50 ${res.p50.toFixed(1)} ms  p99 ${res.p99.toFixed(1)} ms${res.failed ? `  (${res.failed} failed)` : ''}\n`,
    );
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratio = median(full) / median(bare);
process.stdout.write(
  `full stack ${median(full).toFixed(0)} req/s, bare route ${median(bare).toFixed(0)} req/s: ${(ratio * 100).toFixed(0)}% of the ceiling (target ≥ 60%)\n`,
);
mkdirSync(resolve(root, 'bench/results'), { recursive: true });
appendFileSync(
  resolve(root, 'bench/results/throughput.jsonl'),
  `${JSON.stringify({ at: new Date().toISOString(), label: values.label, full, bare, ratio })}\n`,
);
stopAll();
process.exit(0);
