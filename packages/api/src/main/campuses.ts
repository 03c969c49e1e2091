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
    if (settings.name === undefined) continue;
    const existing = await persistence.campuses.byId(settings.id);
    if (existing) {
      existing.name = settings.name;
      if (settings.areas && settings.areas.length > 0) existing.areas = settings.areas.map((a) => ({ ...a }));
      if (settings.listingLifetimeDays !== undefined) existing.listingLifetimeDays = settings.listingLifetimeDays;
      await persistence.campuses.save(existing);
    } else {
      await persistence.campuses.save(
        Campus.create({
          id: settings.id,
          name: settings.name,
          areas: (settings.areas ?? []).map((a) => ({ ...a })),
          ...(settings.listingLifetimeDays !== undefined ? { listingLifetimeDays: settings.listingLifetimeDays } : {}),
        }),
      );
      const { created } = await seedCategories.execute(settings.id);
      logger.info({ campusId: settings.id, categories: created }, 'campus added from XZ_CAMPUSES');
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
