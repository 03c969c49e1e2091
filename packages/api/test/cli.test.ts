import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPersistence, type Persistence } from '@xianzhi/adapters';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, createContainer } from '../src/composition/container.js';
import { loadConfig } from '../src/config.js';
import type { ListingPage, ListingSummary } from '../src/contract.js';
import { DEMO_USERS, demoOpenId } from '../src/seed/demo-world.js';

const PACKAGE = join(import.meta.dirname, '..');

function cli(args: string[], dataDir: string, input?: string) {
  const run = spawnSync(
    process.execPath,
    ['--conditions=@xianzhi/source', '--import', 'tsx', 'src/main/cli.ts', ...args],
    {
      cwd: PACKAGE,
      encoding: 'utf8',
      timeout: 120_000,
      ...(input !== undefined ? { input } : {}),
      env: { ...process.env, XZ_DATA_DIR: dataDir, XZ_LOG_LEVEL: 'info', XZ_DATABASE_URL: '', XZ_ENV: '' },
    },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

// Each case starts the CLI as its own process (tsx compiling on the fly): seconds on a quiet machine, tens of
// seconds on a loaded one, so the cases get the process's own budget rather than the project's 30 s.
describe('cli', { timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xz-cli-'));
  let persistence: Persistence | undefined;
  let app: FastifyInstance | undefined;
  let seeded: ReturnType<typeof cli>;

  beforeAll(() => {
    seeded = cli(['seed'], dataDir);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await persistence?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seed migrates, seeds and reports progress', () => {
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('Seeded 240 listings, 4 users');
    const progress = seeded.stdout.split('\n').filter((l) => l.includes('seeding listings'));
    expect(progress.length).toBeGreaterThanOrEqual(10);
    expect(progress.at(-1)).toContain('240/240');
  });

  it('the seeded feed is served over HTTP: every page, across categories, with Chinese titles', async () => {
    const config = loadConfig({ XZ_DATA_DIR: dataDir, XZ_LOG_LEVEL: 'silent' });
    persistence = await openPersistence({ url: config.databaseUrl });
    app = await buildApp(createContainer({ config, logger: pino({ level: 'silent' }), persistence }));
    const items: ListingSummary[] = [];
    let cursor: string | null = null;
    do {
      const res = await app.inject({ method: 'GET', url: `/v1/listings?limit=50${cursor ? `&cursor=${cursor}` : ''}` });
      expect(res.statusCode).toBe(200);
      const page: ListingPage = res.json();
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    // Sold and withdrawn listings leave the feed; well over 200 of the 240 stay.
    expect(items.length).toBeGreaterThanOrEqual(200);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(new Set(items.map((i) => i.category.parentName)).size).toBeGreaterThanOrEqual(6);
    expect(items.every((i) => /[\u4e00-\u9fff]/.test(i.title))).toBe(true);
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(['active', 'reserved']));

    const login = await app.inject({ method: 'POST', url: '/v1/dev/login', payload: { user: 'bob' } });
    expect(login.statusCode).toBe(200);
    const mine = await app.inject({
      method: 'GET',
      url: '/v1/me/listings?limit=50',
      headers: { authorization: `Bearer ${login.json().token}` },
    });
    expect(mine.json().items.length).toBeGreaterThan(20);
  });

  it('seed again is a no-op; --reset starts over', async () => {
    const again = cli(['seed'], dataDir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Already seeded');

    await app?.close();
    await persistence?.close();
    app = persistence = undefined;
    const reset = cli(['seed', '--listings', '30', '--reset'], dataDir);
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toContain('Seeded 30 listings, 4 users');
    persistence = await openPersistence({ url: loadConfig({ XZ_DATA_DIR: dataDir }).databaseUrl });
    let total = 0;
    for (const demo of DEMO_USERS) {
      const user = await persistence.users.byOpenId(demoOpenId(demo.handle));
      total += (await persistence.listings.byOwner({ ownerId: user!.id, after: null, limit: 1000 })).length;
    }
    expect(total).toBe(30);
  });

  it('refuses bad arguments and unknown commands with a non-zero exit', () => {
    expect(cli(['seed', '--listings', 'many'], dataDir).code).toBe(2);
    expect(cli(['frobnicate'], dataDir).code).toBe(2);
    expect(cli(['expire'], dataDir)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Expired 0 listing(s).'),
    });
  });

  it('create-admin reads the password from stdin (never argv), stores only an argon2id hash, and the account can sign in', async () => {
    const password = 'wang-admin-password-42';
    const made = cli(
      ['create-admin', '--username', 'wang', '--role', 'campus_admin', '--campus', 'demo'],
      dataDir,
      `${password}\n`,
    );
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('Created campus_admin "wang" for campus demo');
    expect(made.stdout + made.stderr).not.toContain(password);
    expect(
      cli(
        ['create-admin', '--username', 'wang', '--role', 'campus_admin', '--campus', 'demo'],
        dataDir,
        `${password}\n`,
      ).code,
    ).toBe(1);
    expect(cli(['create-admin', '--username', 'li', '--role', 'king'], dataDir, 'x\n').code).toBe(2);
    expect(cli(['create-admin', '--username', 'li', '--role', 'super_admin'], dataDir, 'short\n').code).toBe(1);

    await app?.close();
    await persistence?.close();
    const config = loadConfig({ XZ_DATA_DIR: dataDir, XZ_LOG_LEVEL: 'silent' });
    persistence = await openPersistence({ url: config.databaseUrl });
    const stored = await persistence.admins.byUsername('wang');
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(await persistence.raw('select * from admin_account'))).not.toContain(password);
    app = await buildApp(createContainer({ config, logger: pino({ level: 'silent' }), persistence }));
    const login = await app.inject({
      method: 'POST',
      url: '/v1/admin/auth/login',
      payload: { username: 'wang', password },
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().admin).toMatchObject({ username: 'wang', role: 'campus_admin', campusId: 'demo' });
  });
});
