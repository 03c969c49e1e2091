import type { DatabaseHandle, Persistence, PlatformPorts } from '@xianzhi/adapters';
import { ContainerModule } from 'inversify';
import { VersionBumpingCategories } from '../cache/bumping-categories.js';
import { VersionBumpingUnitOfWork } from '../cache/bumping-unit-of-work.js';
import { Cache } from './cache-tokens.js';
import { factory, type Token } from './token.js';
import { Observability } from './observability-tokens.js';
import { Ports } from './tokens.js';

/** The token each of the store's ports is bound to; the compiler checks that none is missing or mistyped. */
const STORE_PORTS: { readonly [K in keyof PlatformPorts]-?: Token<PlatformPorts[K]> } = {
  listings: Ports.Listings,
  categories: Ports.Categories,
  campuses: Ports.Campuses,
  users: Ports.Users,
  userDirectory: Ports.UserDirectory,
  listingDirectory: Ports.ListingDirectory,
  favorites: Ports.Favorites,
  comments: Ports.Comments,
  outbox: Ports.Outbox,
  viewLog: Ports.ViewLog,
  uow: Ports.UnitOfWork,
  photos: Ports.Photos,
  auditLog: Ports.AuditLog,
  rateLimiter: Ports.RateLimiter,
  refreshTokens: Ports.RefreshTokens,
  admins: Ports.Admins,
  verifications: Ports.Verifications,
  moderationCases: Ports.ModerationCases,
  reports: Ports.Reports,
  searchIndex: Ports.SearchIndex,
  outboxLog: Ports.OutboxLog,
  checkpoints: Ports.Checkpoints,
  notifications: Ports.Notifications,
  notificationSources: Ports.NotificationSources,
  interactions: Ports.Interactions,
  signals: Ports.Signals,
  candidates: Ports.Candidates,
  searchLog: Ports.SearchLog,
  blockedSearchTerms: Ports.BlockedSearchTerms,
  campusStatistics: Ports.CampusStatistics,
  banners: Ports.Banners,
  notices: Ports.Notices,
  activeUsers: Ports.ActiveUsers,
  feedback: Ports.Feedback,
  wants: Ports.Wants,
  offers: Ports.Offers,
  trades: Ports.Trades,
  ratings: Ports.Ratings,
  savedSearches: Ports.SavedSearches,
};

/**
 * The store is opened by the entry point (it is async and must be closed on shutdown); this module
 * binds each of its ports to its own token, and the database handle for health checks. Swapping
 * SQLite for MariaDB is a different `persistence` argument, nothing else.
 */
export function persistenceModule(persistence: Persistence): ContainerModule {
  return new ContainerModule(({ bind }) => {
    const bindPort = <K extends keyof PlatformPorts>(key: K) =>
      bind(STORE_PORTS[key]).toConstantValue(persistence[key]);
    // The unit of work and the category store move the response cache's version after each commit.
    const bumping = new Set<keyof PlatformPorts>(['uow', 'categories']);
    for (const key of Object.keys(STORE_PORTS) as (keyof PlatformPorts)[]) if (!bumping.has(key)) bindPort(key);
    // A view counted is not a change a cached body must show at once (cached bodies may hold a view count up to their
    // 10 s age): moving the version for it would empty the hot pages on every new viewer of any listing.
    bind(Ports.ViewCountUnitOfWork).toConstantValue(persistence.uow);
    factory(bind(Ports.UnitOfWork), (version) => new VersionBumpingUnitOfWork(persistence.uow, version), [
      Cache.Version,
    ]);
    factory(bind(Ports.Categories), (version) => new VersionBumpingCategories(persistence.categories, version), [
      Cache.Version,
    ]);
    const database: DatabaseHandle = {
      dialect: persistence.dialect,
      ping: () => persistence.ping(),
      raw: (sql, params) => persistence.raw(sql, params),
      close: () => persistence.close(),
    };
    bind(Ports.Database).toConstantValue(database);
    bind(Observability.Stats).toConstantValue(persistence.stats);
  });
}
