import { ContainerModule } from 'inversify';
import type { Persistence } from './persistence.js';
import { factory } from './token.js';
import { Ports } from './tokens.js';

/**
 * The store is opened by the entry point (it is async and must be closed on shutdown); this module
 * only hands its ports to whoever needs them. Swapping SQLite for MariaDB or an in-memory store is
 * a different `persistence` argument, nothing else.
 */
export function persistenceModule(persistence: Persistence): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(Ports.Persistence).toConstantValue(persistence);
    factory(bind(Ports.Listings), (p) => p.listings, [Ports.Persistence]);
    factory(bind(Ports.Categories), (p) => p.categories, [Ports.Persistence]);
    factory(bind(Ports.Campuses), (p) => p.campuses, [Ports.Persistence]);
    factory(bind(Ports.Users), (p) => p.users, [Ports.Persistence]);
    factory(bind(Ports.Favorites), (p) => p.favorites, [Ports.Persistence]);
    factory(bind(Ports.Comments), (p) => p.comments, [Ports.Persistence]);
    factory(bind(Ports.Outbox), (p) => p.outbox, [Ports.Persistence]);
    factory(bind(Ports.ViewLog), (p) => p.viewLog, [Ports.Persistence]);
    factory(bind(Ports.UnitOfWork), (p) => p.uow, [Ports.Persistence]);
    factory(bind(Ports.RateLimiter), (p) => p.rateLimiter, [Ports.Persistence]);
    factory(bind(Ports.AuditLog), (p) => p.auditLog, [Ports.Persistence]);
    factory(bind(Ports.Verifications), (p) => p.verifications, [Ports.Persistence]);
    factory(bind(Ports.Photos), (p) => p.photos, [Ports.Persistence]);
  });
}
