import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
const CHROMIUM = process.env['XZ_CHROMIUM'] ?? '/usr/bin/chromium';

/** The real server entry point, compiled, on a fresh SQLite file: what `./xz start` runs. */
export interface RunningServer {
  readonly url: string;
  /** Its XZ_DATA_DIR (the SQLite file is there), for running the CLI against the same database. */
  readonly dataDir: string;
  readonly logs: string[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** `extraEnv` adds to or overrides the server's environment (e.g. `XZ_CAMPUSES` for several campuses). */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const entry = join(ROOT, 'packages/api/dist/main/server.js');
  for (const needed of [
    entry,
    join(ROOT, 'packages/miniprogram/dist-h5/index.html'),
    join(ROOT, 'packages/admin/dist/index.html'),
  ]) {
    if (!existsSync(needed))
      throw new Error(`${needed} is missing: the e2e suite runs after the builds (./xz test does both)`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'xz-e2e-'));
  const port = await freePort();
  const logs: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      XZ_ENV: 'embedded',
      XZ_DATA_DIR: dataDir,
      XZ_PORT: String(port),
      XZ_DATABASE_URL: '',
      XZ_LOG_LEVEL: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => logs.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => logs.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  // Seeding the demo photos takes most of the start; on a shared, loaded machine it has taken 100 s.
  const startSeconds = 150;
  const deadline = Date.now() + startSeconds * 1000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${logs.join('')}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`server did not become healthy within ${startSeconds} s:\n${logs.join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    logs,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Content-Security-Policy violations seen by any page of any context of a browser from `launchBrowser`:
 * the `securitypolicyviolation` events of every document (an init script reports them) and the console
 * lines Chromium writes for them. `usePlatform` fails each test that leaves one.
 */
export const cspViolations: string[] = [];

async function watchContentSecurityPolicy(context: BrowserContext): Promise<void> {
  await context.exposeBinding('__xzCspViolation', ({ page }, report: string) => {
    cspViolations.push(`${page.url()}: ${report}`);
  });
  // Page code, run in every document before its own scripts (as text: this file is compiled without the DOM types).
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => {
      window.__xzCspViolation(e.effectiveDirective + ' refused ' + (e.blockedURI || 'inline') + ' at ' +
        e.sourceFile + ':' + e.lineNumber + ' ' + e.sample);
    });`,
  });
  context.on('console', (message) => {
    if (/content.security.policy/i.test(message.text()))
      cspViolations.push(`${message.page()?.url() ?? '?'}: console: ${message.text()}`);
  });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: ./xz test installs Debian's chromium`);
  const browser = await launchChromium();
  // Every context, however a suite opens it (newPage opens one too), reports its CSP violations.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchContentSecurityPolicy(context);
    return context;
  };
  return browser;
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The compiled server and Chromium for one test file: started before its tests, stopped after them. */
export function usePlatform(extraEnv: Record<string, string> = {}): {
  readonly server: RunningServer;
  readonly browser: Browser;
} {
  const platform = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    [platform.server, platform.browser] = await Promise.all([startServer(extraEnv), launchBrowser()]);
  }, 180_000);
  afterEach(() => {
    expect(cspViolations.splice(0), 'Content-Security-Policy violations').toEqual([]);
  });
  afterAll(async () => {
    await platform.browser?.close();
    await platform.server?.stop();
  });
  return platform;
}

/** Calls the API directly, for arranging and checking what the browser did. */
export async function api<T>(
  server: RunningServer,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const r = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: r.status, body: (r.status === 204 ? null : await r.json()) as T };
}

/** A token of the admin account embedded mode seeds (admin / xianzhi-admin-demo). */
export async function adminToken(server: RunningServer): Promise<string> {
  const r = await api<{ accessToken: string }>(server, 'POST', '/v1/admin/auth/login', undefined, {
    username: 'admin',
    password: 'xianzhi-admin-demo',
  });
  if (r.status !== 200) throw new Error(`admin login failed: ${r.status}`);
  return r.body.accessToken;
}

export async function devToken(server: RunningServer, user: string): Promise<string> {
  const r = await api<{ token: string }>(server, 'POST', '/v1/dev/login', undefined, { user });
  if (r.status !== 200) throw new Error(`dev login failed: ${r.status}`);
  return r.body.token;
}
