import { migrateDatabase, openPersistence, type Persistence } from '@xianzhi/adapters';
import type { User } from '@xianzhi/core';
import { TestClock } from '@xianzhi/core/testing';
import type { FastifyInstance } from 'fastify';
import type { Container } from 'inversify';
import pino from 'pino';
import { buildApp, createContainer } from '../../src/composition/container.js';
import { Core } from '../../src/composition/tokens.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { AccessTokens } from '../../src/http/auth.js';
import { DEMO_USERS, demoOpenId } from '../../src/seed/demo-world.js';
import { seedDemo } from '../../src/seed/seed-demo.js';
import { testDatabase, type DatabaseKind, type TestDatabase } from './databases.js';

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

export type Handle = 'alice' | 'bob' | 'carol' | 'dave' | 'admin';

export interface AppOptions {
  readonly env?: Record<string, string>;
  readonly customize?: (container: Container) => void;
}

export interface Stack {
  readonly db: TestDatabase;
  readonly persistence: Persistence;
  readonly clock: TestClock;
  readonly app: FastifyInstance;
  readonly config: AppConfig;
  readonly users: Record<Handle, User>;
  readonly logs: Record<string, unknown>[];
  readonly tokens: AccessTokens;
  /** Authorization header for a demo user. */
  auth(handle: Handle): { authorization: string };
  /** A second app on the same database, e.g. in production mode or with a broken port. */
  anotherApp(options: AppOptions): Promise<FastifyInstance>;
  close(): Promise<void>;
}

/**
 * The real stack on a real database: migrations applied, the demo campus, categories and users
 * seeded (no listings), the app built by the composition root with only the clock replaced so
 * tests can move time.
 */
export async function startStack(kind: DatabaseKind, options: AppOptions = {}): Promise<Stack> {
  const db = await testDatabase(kind);
  await migrateDatabase({ url: db.url });
  const persistence = await openPersistence({ url: db.url });
  const clock = new TestClock(new Date());
  await seedDemo(persistence, { listings: 0, now: clock.now() });
  const logs: Record<string, unknown>[] = [];
  const apps: FastifyInstance[] = [];

  const makeApp = async (opts: AppOptions) => {
    const config = loadConfig({
      XZ_DATA_DIR: db.dir, XZ_DATABASE_URL: db.url, XZ_JWT_SECRET: TEST_SECRET, XZ_LOG_LEVEL: 'info',
      XZ_H5_DIST: `${db.dir}/no-h5`, XZ_ADMIN_DIST: `${db.dir}/no-admin`, ...opts.env,
    });
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
    const container = createContainer({ config, logger, persistence });
    container.rebind(Core.Clock).toConstantValue(clock);
    opts.customize?.(container);
    const app = await buildApp(container);
    await app.ready();
    apps.push(app);
    return { app, config };
  };

  const { app, config } = await makeApp(options);
  const users = {} as Record<Handle, User>;
  for (const demo of DEMO_USERS) users[demo.handle as Handle] = (await persistence.users.byOpenId(demoOpenId(demo.handle)))!;
  const tokens = new AccessTokens(TEST_SECRET);
  const issued = {} as Record<Handle, string>;
  for (const handle of Object.keys(users) as Handle[]) issued[handle] = (await tokens.issue(users[handle].id)).token;

  return {
    db, persistence, clock, app, config, users, logs, tokens,
    auth: (handle) => ({ authorization: `Bearer ${issued[handle]}` }),
    anotherApp: async (opts) => (await makeApp(opts)).app,
    close: async () => {
      for (const a of apps) await a.close();
      await persistence.close();
      await db.drop();
    },
  };
}
