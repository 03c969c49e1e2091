import { createContainer, buildApp } from '../composition/container.js';
import { resolve } from '../composition/token.js';
import { Search } from '../composition/search-tokens.js';
import { startWorker, type RunningWorker } from '../composition/worker.js';
import { ConfigError } from '../config.js';
import { observe } from '../composition/observe.js';
import { Metrics } from '../observability/metrics.js';
import type { OperationsServer } from '../observability/server.js';
import { banner } from './banner.js';
import { campusAuthenticators, syncConfiguredCampuses } from './campuses.js';
import { loadRuntime, migrate, open, seed } from './runtime.js';

/**
 * `node dist/main/server.js`: the HTTP server. In embedded mode it also prepares its own database
 * (migrations, then demo data when the campus is missing) so one command gives a working platform.
 * With the in-process queue (no XZ_REDIS_URL, embedded only) or a SQLite database it also runs the
 * worker; otherwise the worker is its own process (`main/worker.ts`) and the server only writes the outbox.
 */
async function main(): Promise<void> {
  const runtime = await loadRuntime();
  const { config, logger } = runtime;
  // Campus login plugins load first: a broken one stops the start before the database is touched.
  const authenticators = await campusAuthenticators(config);
  if (config.env === 'embedded') await migrate(runtime);
  const persistence = await open(runtime);
  let seeded = false;
  if (config.env === 'embedded' && !(await persistence.campuses.byId(config.defaultCampusId))) {
    logger.info('empty database: seeding the demo campus, users and listings');
    await seed(persistence, logger, undefined, config);
    seeded = true;
  }

  await syncConfiguredCampuses(config, persistence, logger);
  const metrics = config.operations.metrics.apiPort !== null ? new Metrics() : null;
  const container = createContainer({ config, logger, persistence, campusAuthenticators: authenticators, metrics });
  const app = await buildApp(container);

  // Seeded listings carry no outbox events: index them once; from then on the index follows the outbox.
  if (seeded) {
    const { indexed } = await resolve(container, Search.Rebuild).execute();
    logger.info({ indexed }, 'search index built');
  }
  let worker: RunningWorker | null = null;
  let operations: OperationsServer | null = null;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await app.close();
      await operations?.close();
      await worker?.stop();
      await persistence.close();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = config.port === port ? config.publicUrl : config.publicUrl.replace(/:\d+$/, `:${port}`);
  process.stdout.write(banner(config, base) + '\n');
  operations = await observe(container, { port: config.operations.metrics.apiPort, pipeline: runsOwnWorker(config) });
  if (operations) logger.info({ url: `${operations.url}/metrics` }, 'metrics endpoint listening');
  // After listening: the first runs of the periodic tasks (SQLite calls are synchronous) must not delay the first page.
  if (runsOwnWorker(config) && !stopping) worker = await startWorker(container);
}

/**
 * In-process jobs can only run here; and a SQLite file takes one writing process, so with SQLite the
 * server runs the worker even when the jobs go through Redis. Otherwise `./xz worker` processes do.
 */
function runsOwnWorker(config: { redis: unknown; databaseUrl: string }): boolean {
  return !config.redis || config.databaseUrl.startsWith('sqlite:');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n\nSee the Configuration section of README.md.\n`);
    process.exit(2);
  }
  process.stderr.write(
    `Xianzhi failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
