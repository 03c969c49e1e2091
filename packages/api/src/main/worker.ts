import { createContainer } from '../composition/container.js';
import { observe } from '../composition/observe.js';
import { Observability } from '../composition/observability-tokens.js';
import { resolve } from '../composition/token.js';
import { startWorker } from '../composition/worker.js';
import { Metrics } from '../observability/metrics.js';
import type { OperationsServer } from '../observability/server.js';
import { ConfigError } from '../config.js';
import { campusAuthenticators } from './campuses.js';
import { loadRuntime, open } from './runtime.js';

/**
 * `node dist/main/worker.js` (`./xz worker`): the outbox relay, the queue consumers and the periodic
 * tasks, as a process of its own beside the HTTP servers. Run as many as the load needs: the outbox
 * claims, the job keys and the idempotent handlers keep each event delivered once.
 */
async function main(): Promise<void> {
  const runtime = await loadRuntime();
  const { config, logger } = runtime;
  if (!config.redis) {
    throw new ConfigError([
      'the worker needs XZ_REDIS_URL: without Redis the jobs are in-process and the server runs them itself (./xz start)',
    ]);
  }
  if (config.databaseUrl.startsWith('sqlite:')) {
    // SQLite has one writer: a second process on the file makes API writes wait and fail ("database is locked").
    throw new ConfigError([
      'the worker process needs a database server (XZ_DATABASE_URL mariadb:// or mysql://); with SQLite the server runs the jobs itself',
    ]);
  }
  const authenticators = await campusAuthenticators(config);
  const persistence = await open(runtime);
  const metrics = config.operations.metrics.workerPort !== null ? new Metrics() : null;
  const container = createContainer({ config, logger, persistence, campusAuthenticators: authenticators, metrics });
  // The signal handlers go on before the start completes: a signal meanwhile waits for it, then stops the worker.
  const starting = startWorker(container);

  let stopping = false;
  let operations: OperationsServer | null = null;
  const stop = async (signal: string) => {
    // A second signal means "now": running jobs are retried by another worker after their lock runs out.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'worker shutting down: finishing running jobs');
    try {
      await (await starting).stop();
      await operations?.close();
      resolve(container, Observability.Readiness).close();
      await persistence.close();
    } catch (err) {
      logger.error({ err }, 'worker did not shut down cleanly');
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  operations = await observe(container, {
    port: config.operations.metrics.workerPort,
    pipeline: true,
    live: () => !stopping,
  });
  if (operations) logger.info({ url: operations.url }, 'worker metrics and health endpoints listening');
  await starting;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n\nSee the Configuration section of README.md.\n`);
    process.exit(2);
  }
  process.stderr.write(
    `Xianzhi worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
