import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@xianzhi/adapters/testing';

const SERVER = join(import.meta.dirname, '../../dist/main/server.js');

/** The compiled server (`node dist/main/server.js`) as its own process, on a free loopback port. */
export interface ApiProcess {
  readonly url: string;
  /** What it wrote, stdout and stderr. */
  readonly output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the compiled server with `env` over the test's own environment; resolves once /healthz answers.
 * The type check (`./xz test` runs it first) builds dist/; without it this says so.
 */
export async function startApiProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<ApiProcess> {
  if (!existsSync(SERVER))
    throw new Error(`${SERVER} is missing: build the server first (pnpm exec tsc -b packages/api)`);
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, XZ_LOG_LEVEL: 'warn', ...env, XZ_HOST: '127.0.0.1', XZ_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${out}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer within ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
