import { migrateDatabase, openPersistence, type Persistence } from '@xianzhi/adapters';
import { Argon2idPasswordHasher } from '@xianzhi/adapters';
import { uniquePrefix } from '@xianzhi/adapters/testing';
import type { AdminAccount, User } from '@xianzhi/core';
import { TestClock } from '@xianzhi/core/testing';
import type { FastifyInstance } from 'fastify';
import type { Container } from 'inversify';
import { createLogger } from '../../src/logging.js';
import { buildApp, createContainer } from '../../src/composition/container.js';
import { Core } from '../../src/composition/tokens.js';
import { Identity } from '../../src/composition/identity-tokens.js';
import { campusAuthenticators } from '../../src/main/campuses.js';
import { loadConfig, RATE_LIMIT_FAMILIES, type AppConfig } from '../../src/config.js';
import { AccessTokens } from '../../src/http/auth.js';
import { DEMO_USERS, demoOpenId } from '../../src/seed/demo-world.js';
import { seedDemo } from '../../src/seed/seed-demo.js';
import { testDatabase, type DatabaseKind, type TestDatabase } from './databases.js';

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

export type Student = 'alice' | 'bob' | 'carol' | 'dave';
/** Demo students, and `admin`: the seeded admin account (a campus admin of the demo campus). */
export type Handle = Student | 'admin';

export const DEMO_ADMIN_PASSWORD = 'admin-password-for-tests';
/**
 * Cheap argon2id parameters, for seeding and for the stack's apps (so a login does not upgrade the seeded
 * hashes to the production cost every time); test/admin-password-upgrade.test.ts runs the real hasher.
 */
export const TEST_HASHER = new Argon2idPasswordHasher({ memoryKiB: 64, passes: 1, parallelism: 1 });

/**
 * For a stack that plays a whole book of scenarios as the same few students from one address (more
 * listings, comments and uploads than any student makes in an hour): every family's limits raised out of
 * the way, named by the stack that needs it. The limits themselves are tested in rate-limits*.test.ts.
 */
export const SCENARIO_BOOK_LIMITS: Record<string, string> = {
  XZ_RATE_LIMITS: JSON.stringify(
    Object.fromEntries(RATE_LIMIT_FAMILIES.map((family) => [family, { perUser: 100_000, perAddress: 100_000 }])),
  ),
};

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
  readonly users: Record<Student, User>;
  readonly admin: AdminAccount;
  readonly logs: Record<string, unknown>[];
  readonly tokens: AccessTokens;
  /** Authorization header for a demo student or the demo admin. */
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
  await seedDemo(persistence, {
    listings: 0,
    now: clock.now(),
    admin: { password: DEMO_ADMIN_PASSWORD, hasher: TEST_HASHER },
  });
  const logs: Record<string, unknown>[] = [];
  const apps: FastifyInstance[] = [];

  const makeApp = async (opts: AppOptions) => {
    const config = loadConfig({
      XZ_DATA_DIR: db.dir,
      XZ_DATABASE_URL: db.url,
      XZ_JWT_SECRET: TEST_SECRET,
      XZ_LOG_LEVEL: 'info',
      XZ_H5_DIST: `${db.dir}/no-h5`,
      XZ_ADMIN_DIST: `${db.dir}/no-admin`,
      XZ_DEMO_ADMIN_PASSWORD: DEMO_ADMIN_PASSWORD,
      // Production needs a Redis URL; a prefix of its own keeps its keys apart from any other file's if one answers there.
      ...(opts.env?.['XZ_ENV'] === 'production'
        ? {
            XZ_QQ_APP_ID: 'test-qq-app',
            XZ_QQ_APP_SECRET: 'test-qq-secret',
            XZ_REDIS_URL: 'redis://127.0.0.1:6379',
            XZ_QUEUE_PREFIX: uniquePrefix('xz-stack'),
          }
        : {}),
      ...opts.env,
    });
    // The production logger (its serializers and redaction), writing into `logs`.
    const logger = createLogger(
      { logLevel: 'info' },
      { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
    );
    // As server.ts does: campus logins (plugins included) are built before the container.
    const container = createContainer({
      config,
      logger,
      persistence,
      campusAuthenticators: await campusAuthenticators(config),
    });
    container.rebind(Core.Clock).toConstantValue(clock);
    container.rebind(Identity.PasswordHasher).toConstantValue(TEST_HASHER);
    opts.customize?.(container);
    const app = await buildApp(container);
    await app.ready();
    apps.push(app);
    return { app, config };
  };

  const { app, config } = await makeApp(options);
  const users = {} as Record<Student, User>;
  for (const demo of DEMO_USERS)
    users[demo.handle as Student] = (await persistence.users.byOpenId(demoOpenId(demo.handle)))!;
  const admin = (await persistence.admins.byUsername('admin'))!;
  const tokens = new AccessTokens(TEST_SECRET);
  const issued = {} as Record<Handle, string>;
  for (const handle of Object.keys(users) as Student[]) issued[handle] = (await tokens.issue(users[handle].id)).token;
  issued.admin = (await tokens.issueAdmin(admin.id)).token;

  return {
    db,
    persistence,
    clock,
    app,
    config,
    users,
    admin,
    logs,
    tokens,
    auth: (handle) => ({ authorization: `Bearer ${issued[handle]}` }),
    anotherApp: async (opts) => (await makeApp(opts)).app,
    close: async () => {
      for (const a of apps) await a.close();
      await persistence.close();
      await db.drop();
    },
  };
}
