import { defaultServerConditions } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources in tests (the `@xianzhi/source` condition).
// Without the bundlers' `module` condition, dependencies resolve as Node resolves them at run time
// (the AWS SDK's `module` builds use extensionless imports that only a bundler can load).
const conditions = ['@xianzhi/source', ...defaultServerConditions.filter((c) => c !== 'module')];

/**
 * Vitest's default is one worker per core but one (cpus - 1: a single worker on a two-core CI machine), so
 * every file ran after the other. The backend files mostly wait (MariaDB, Redis, child processes, timers) and
 * keep apart from each other (a database, a Redis key prefix, a temp folder and free ports of their own; a
 * file that stops Redis or MariaDB stops a private one), so three of them run at once. Projects that share a
 * `sequence.groupOrder` run together and must share a worker count; the groups run one after the other.
 */
const BACKEND = { sequence: { groupOrder: 0 }, maxWorkers: 3 } as const;
/** An API test file that must not share the machine with other test files (see the `api-alone` project). */
const ALONE = 'test/outage.test.ts';

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@xianzhi/source'] } },
  test: {
    // Outside the browser suites, a worker keeps one module graph for all the files it runs instead of one per
    // file: the import and transform cost is paid once (core: 11 s of CPU down to under 2). No test here replaces
    // a module with vi.mock, and each builds its own stack, so nothing leaks from one file into the next.
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          ...BACKEND,
          root: 'packages/core',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'adapters',
          ...BACKEND,
          isolate: false,
          root: 'packages/adapters',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'api',
          ...BACKEND,
          isolate: false,
          root: 'packages/api',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ALONE],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'examples',
          ...BACKEND,
          isolate: false,
          root: 'examples',
          include: ['*/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'architecture',
          ...BACKEND,
          root: '.',
          include: ['test/architecture/**/*.test.ts'],
          environment: 'node',
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // The Redis outage times every write against a limit (2 s) a little above what its writes take on a quiet
          // machine (1.5 s): run beside other files, their CPU passed for waiting on Redis. It runs alone, first
          // of the group after the backend.
          name: 'api-alone',
          isolate: false,
          root: 'packages/api',
          include: [ALONE],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 1 },
          maxWorkers: 1,
        },
      },
      {
        extends: true,
        test: {
          // The deployment kit (deploy/): nginx in front of the compiled API in production, the backup drill, the units.
          name: 'deploy',
          isolate: false,
          root: '.',
          include: ['test/deploy/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // After the backend group: nginx and two production API processes per file, one file at a time.
          sequence: { groupOrder: 1 },
          maxWorkers: 1,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: '.',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Last, one file at a time: each starts the compiled server (seeding demo photos) and a Chromium.
          sequence: { groupOrder: 2 },
          maxWorkers: 1,
        },
      },
    ],
  },
});
