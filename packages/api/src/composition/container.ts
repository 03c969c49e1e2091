import { createBuiltInCampusAuthenticator } from '@xianzhi/adapters';
import type { CampusAuthenticator } from '@xianzhi/core';
import { Container } from 'inversify';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import { buildApp as buildAppFromParts } from '../http/app.js';
import { backgroundModule } from './background.js';
import { cacheModule } from './cache-module.js';
import { campusModule } from './campus-module.js';
import { configModule } from './config-module.js';
import { coreModule } from './core-module.js';
import { httpModule } from './http-module.js';
import { identityModule } from './identity-module.js';
import type { Persistence } from './persistence.js';
import { persistenceModule } from './persistence-module.js';
import { searchModule } from './search-module.js';
import { insightsModule } from './insights-module.js';
import { photoModule } from './photo-module.js';
import { moderationModule } from './moderation-module.js';
import { recommendationsModule } from './recommendations-module.js';
import { notificationsModule } from './notifications-module.js';
import { announcementsModule } from './announcements-module.js';
import { feedbackModule } from './feedback-module.js';
import { tradesModule } from './trades-module.js';
import { savedSearchModule } from './saved-search-module.js';
import type { Metrics } from '../observability/metrics.js';
import { observabilityModule } from './observability-module.js';
import { resolve } from './token.js';
import { Http } from './tokens.js';

export interface ContainerInput {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly persistence: Persistence;
  /** Built by the entry point with `createCampusAuthenticators` (plugins load asynchronously); built-in kinds are made here when absent. */
  readonly campusAuthenticators?: readonly CampusAuthenticator[];
  /** The process's metrics, when its metrics port is configured. */
  readonly metrics?: Metrics | null;
}

/** The composition root: the only place that knows which class implements which port. */
export function createContainer({
  config,
  logger,
  persistence,
  campusAuthenticators,
  metrics = null,
}: ContainerInput): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  const authenticators =
    campusAuthenticators ??
    config.campuses.filter((c) => c.auth.kind !== 'module').map((c) => createBuiltInCampusAuthenticator(c, config));
  container.load(
    configModule(config, logger),
    persistenceModule(persistence),
    cacheModule,
    observabilityModule(metrics),
    campusModule(authenticators),
    coreModule,
    // Route plugins and background contributions are multi-bindings: they mount and run in this order.
    httpModule,
    identityModule,
    photoModule,
    moderationModule,
    searchModule,
    recommendationsModule,
    notificationsModule,
    feedbackModule,
    tradesModule,
    savedSearchModule,
    insightsModule,
    announcementsModule,
    backgroundModule,
  );
  return container;
}

export async function buildApp(source: Container | Parameters<typeof buildAppFromParts>[0]) {
  return buildAppFromParts(source instanceof Container ? resolve(source, Http.Parts) : source);
}
