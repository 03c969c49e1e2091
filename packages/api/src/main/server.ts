import { createContainer, buildApp } from '../composition/container.js';
import { resolve } from '../composition/token.js';
import { Identity } from '../composition/identity-tokens.js';
import { Search } from '../composition/search-module.js';
import { Core } from '../composition/tokens.js';
import { ConfigError } from '../config.js';
import { banner } from './banner.js';
import { campusAuthenticators, syncConfiguredCampuses } from './campuses.js';
import { loadRuntime, migrate, open, seed } from './runtime.js';

/**
 * `node dist/main/server.js`: the HTTP server. In embedded mode it also prepares its own database
 * (migrations, then demo data when the campus is missing) so one command gives a working platform.
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
  const container = createContainer({ config, logger, persistence, campusAuthenticators: authenticators });
  const app = await buildApp(container);
  const expire = resolve(container, Core.ExpireListings);
  const prune = resolve(container, Identity.PruneSessions);
  const sweep = async () => {
    try {
      const { expired } = await expire.execute();
      if (expired > 0) logger.info({ expired }, 'expired listings past their lifetime');
      const pruned = await prune.execute();
      if (pruned.refreshTokens + pruned.attempts > 0) logger.info(pruned, 'pruned expired sessions and old sign-in attempts');
    } catch (error) {
      logger.error({ err: error }, 'expiry sweep failed');
    }
  };
  await sweep();
  const timer = config.expiryIntervalMinutes > 0 ? setInterval(sweep, config.expiryIntervalMinutes * 60_000) : null;
  timer?.unref();

  // Seeded listings carry no outbox events: index them once; from then on the index follows the outbox.
  if (seeded) {
    const { indexed } = await resolve(container, Search.Rebuild).execute();
    logger.info({ indexed }, 'search index built');
  }
  const projector = resolve(container, Search.Projector);
  let projecting = false;
  const project = async () => {
    if (projecting) return;
    projecting = true;
    try {
      await projector.execute();
    } catch (error) {
      logger.error({ err: error }, 'search index update failed');
    } finally {
      projecting = false;
    }
  };
  await project();
  // Production runs the projector in the worker; embedded mode has no worker, so the server does it.
  const searchTimer = config.env === 'embedded' ? setInterval(() => void project(), 1000) : null;
  searchTimer?.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    if (timer) clearInterval(timer);
    if (searchTimer) clearInterval(searchTimer);
    try {
      await app.close();
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
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n\nSee the Configuration section of README.md.\n`);
    process.exit(2);
  }
  process.stderr.write(`Xianzhi failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
