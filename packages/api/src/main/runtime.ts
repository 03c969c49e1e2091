import type { Logger } from 'pino';
import { migrateDatabase, openPersistence, type Persistence } from '../composition/persistence.js';
import { ConfigError, loadConfig, type AppConfig } from '../config.js';
import { createLogger } from '../logging.js';
import { DEFAULT_SEED_LISTINGS, seedDemo, type SeedReport } from '../seed/seed-demo.js';

export interface Runtime {
  readonly config: AppConfig;
  readonly logger: Logger;
}

/** Configuration or a readable reason to stop, before anything else happens. */
export function loadRuntime(): Runtime {
  try {
    const config = loadConfig();
    return { config, logger: createLogger(config) };
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n\nSee the Configuration section of README.md.\n`);
      process.exit(2);
    }
    throw error;
  }
}

export async function migrate({ config, logger }: Runtime): Promise<string[]> {
  const { applied } = await migrateDatabase({ url: config.databaseUrl }, logger);
  return applied;
}

export function open({ config, logger }: Runtime): Promise<Persistence> {
  return openPersistence({ url: config.databaseUrl }, logger);
}

export async function seed(persistence: Persistence, logger: Logger, listings = DEFAULT_SEED_LISTINGS): Promise<SeedReport> {
  const started = Date.now();
  const report = await seedDemo(persistence, {
    listings,
    onProgress: (done, total) => logger.info({ done, total }, `seeding listings ${done}/${total}`),
  });
  logger.info({ ...report, ms: Date.now() - started }, report.listingsSkipped ? 'demo data already present; listings left as they are' : 'demo data seeded');
  return report;
}
