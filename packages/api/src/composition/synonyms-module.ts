import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateSynonymGroup,
  DEFAULT_SYNONYMS,
  DeleteSynonymGroup,
  EditSynonymGroup,
  ListSynonymGroups,
  StoredSynonyms,
} from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { CachedSynonyms } from '../cache/cached-synonyms.js';
import { VersionBumpingUnitOfWork } from '../cache/bumping-unit-of-work.js';
import { adminSynonymRoutes } from '../http/routes/admin-synonyms.js';
import { Cache } from './cache-tokens.js';
import { Synonyms } from './synonyms-tokens.js';
import { factory, named } from './token.js';
import { Config, Core, HttpRoutes, Ports } from './tokens.js';

/**
 * Synonyms: each process holds the campuses' tables (CachedSynonyms), invalidated by the synonym version;
 * the admins' changes commit through a unit of work that moves that version after the commit (and, inside
 * it, the response cache's, so cached search pages are redone with the new words too).
 */
export const synonymsModule = new ContainerModule(({ bind }) => {
  factory(
    bind(Synonyms.Cached),
    (repository, version) => new CachedSynonyms(new StoredSynonyms(repository, DEFAULT_SYNONYMS), version),
    [Ports.Synonyms, Cache.SynonymVersion],
  );
  factory(bind(Synonyms.Source), (cached) => cached, [Synonyms.Cached]);
  factory(bind(Synonyms.List), (synonyms, campuses) => new ListSynonymGroups(synonyms, campuses), [
    Ports.Synonyms,
    Ports.Campuses,
  ]);
  const deps = {
    synonyms: Ports.Synonyms,
    campuses: Ports.Campuses,
    audit: Ports.AuditLog,
    uow: Ports.UnitOfWork,
    version: Cache.SynonymVersion,
    ids: Core.Ids,
    clock: Core.Clock,
  };
  named(
    bind(Synonyms.Create),
    ({ uow, version, ...d }) => new CreateSynonymGroup({ ...d, uow: new VersionBumpingUnitOfWork(uow, version) }),
    deps,
  );
  named(
    bind(Synonyms.Edit),
    ({ uow, version, ...d }) => new EditSynonymGroup({ ...d, uow: new VersionBumpingUnitOfWork(uow, version) }),
    deps,
  );
  named(
    bind(Synonyms.Delete),
    ({ uow, version, ...d }) => new DeleteSynonymGroup({ ...d, uow: new VersionBumpingUnitOfWork(uow, version) }),
    deps,
  );
  named(
    bind(HttpRoutes.Api),
    ({ config, ...routes }) =>
      adminSynonymRoutes({ ...routes, defaults: DEFAULT_SYNONYMS, defaultCampusId: config.defaultCampusId }),
    { config: Config.App, list: Synonyms.List, create: Synonyms.Create, edit: Synonyms.Edit, remove: Synonyms.Delete },
  );
  // The synonym version's Redis connection closes with the app.
  factory(
    bind(HttpRoutes.Operations),
    (cached): FastifyPluginAsyncTypebox =>
      async (app) => {
        app.addHook('onClose', () => cached.close());
      },
    [Synonyms.Cached],
  );
});
