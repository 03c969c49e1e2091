import { createCampusAuthenticators } from '@xianzhi/adapters';
import { Campus, SeedDefaultCategories, UlidGenerator, type CampusAuthenticator } from '@xianzhi/core';
import type { Logger } from 'pino';
import type { Persistence } from '../composition/persistence.js';
import { ConfigError, type AppConfig } from '../config.js';

/**
 * Makes the catalog follow XZ_CAMPUSES: each named campus is created (with the default category
 * tree) or has its name, areas and listing lifetime brought up to date. Campuses no longer listed
 * are left alone: their listings and users still exist.
 */
export async function syncConfiguredCampuses(
  config: AppConfig,
  persistence: Persistence,
  logger: Logger,
): Promise<void> {
  const seedCategories = new SeedDefaultCategories(persistence.categories, new UlidGenerator());
  for (const settings of config.campuses) {
    const { name } = settings;
    if (name === undefined) continue;
    const existing = await persistence.campuses.byId(settings.id);
    if (existing) {
      existing.name = name;
      if (settings.areas && settings.areas.length > 0) existing.areas = settings.areas.map((a) => ({ ...a }));
      if (settings.listingLifetimeDays !== undefined) existing.listingLifetimeDays = settings.listingLifetimeDays;
      await persistence.campuses.save(existing);
      continue;
    }
    // Several API processes start at once on a new database (systemctl start xianzhi.target): both see the campus
    // missing and insert the same rows. Each step here skips what is there, so the one whose insert clashes tries
    // again and finds the other's rows.
    const created = await retryOnClash(async () => {
      if (!(await persistence.campuses.byId(settings.id))) {
        await persistence.campuses.save(
          Campus.create({
            id: settings.id,
            name,
            areas: (settings.areas ?? []).map((a) => ({ ...a })),
            ...(settings.listingLifetimeDays !== undefined
              ? { listingLifetimeDays: settings.listingLifetimeDays }
              : {}),
          }),
        );
      }
      return (await seedCategories.execute(settings.id)).created;
    });
    logger.info({ campusId: settings.id, categories: created }, 'campus added from XZ_CAMPUSES');
  }
}

async function retryOnClash<T>(step: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt + Math.random() * 100));
    }
  }
}

/** Each campus's login, plugins included (they are imported here, once); a plugin that fails to load stops the start. */
export async function campusAuthenticators(config: AppConfig): Promise<CampusAuthenticator[]> {
  try {
    return await createCampusAuthenticators(config.campuses, {
      publicUrl: config.publicUrl,
      baseDir: config.campusesBaseDir,
    });
  } catch (error) {
    throw new ConfigError([(error as Error).message]);
  }
}
