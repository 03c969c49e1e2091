import type { DestinationStream, Logger } from 'pino';
import { migrateDatabase, openPersistence, type Persistence } from '../composition/persistence.js';
import { ConfigError, loadConfig, type AppConfig } from '../config.js';
import { createLogger } from '../logging.js';
import { Argon2idPasswordHasher, SharpPhotoProcessor } from '@xianzhi/adapters';
import { DEFAULT_SEED_LISTINGS, seedDemo, type SeedReport } from '../seed/seed-demo.js';
import { systemClock, UlidGenerator, UploadPhoto } from '@xianzhi/core';
import { createPhotoStorage } from '../composition/photo-module.js';
import { seedDemoSearches } from '../seed/demo-searches.js';

export interface Runtime {
  readonly config: AppConfig;
  readonly logger: Logger;
}

/** Configuration or a readable reason to stop, before anything else happens. */
export async function loadRuntime(): Promise<Runtime> {
  try {
    const config = loadConfig();
    return { config, logger: createLogger(config, await consoleDestination(config)) };
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n\nSee the Configuration section of README.md.\n`);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * Someone watching a terminal in embedded mode gets readable lines; everything else (production,
 * pipes, log collectors) gets JSON. pino-pretty is a development dependency, so it may be absent.
 */
async function consoleDestination(config: AppConfig): Promise<DestinationStream | undefined> {
  if (config.env !== 'embedded' || !process.stdout.isTTY) return undefined;
  try {
    const { default: pretty } = await import('pino-pretty');
    return pretty({ sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' });
  } catch {
    return undefined;
  }
}

export async function migrate({ config, logger }: Runtime): Promise<string[]> {
  const { applied } = await migrateDatabase({ url: config.databaseUrl }, logger);
  return applied;
}

export function open({ config, logger }: Runtime): Promise<Persistence> {
  return openPersistence({ url: config.databaseUrl, replicas: config.databaseReplicas }, logger);
}

export async function seed(
  persistence: Persistence,
  logger: Logger,
  listings = DEFAULT_SEED_LISTINGS,
  config?: AppConfig,
): Promise<SeedReport> {
  const started = Date.now();
  const report = await seedDemo(persistence, {
    listings,
    ...(config?.demoAdminPassword
      ? { admin: { password: config.demoAdminPassword, hasher: new Argon2idPasswordHasher() } }
      : {}),
    // Generated photos through the real pipeline, into the configured store (a few dozen images, reused).
    ...(config
      ? {
          photos: new UploadPhoto({
            photos: persistence.photos,
            storage: createPhotoStorage(config),
            processor: new SharpPhotoProcessor(),
            ids: new UlidGenerator(),
            clock: systemClock,
          }),
        }
      : {}),
    onProgress: (done, total) => logger.info({ done, total }, `seeding listings ${done}/${total}`),
  });
  logger.info(
    { ...report, ms: Date.now() - started },
    report.listingsSkipped ? 'demo data already present; listings left as they are' : 'demo data seeded',
  );
  // A week of made-up searches for 校园热搜; skipped once the campus has search counts of its own.
  const searches = await seedDemoSearches(persistence.searchLog, new Date());
  if (searches > 0) logger.info({ searches }, 'demo searches seeded');
  return report;
}
