import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HmacSearcherKeys, PinyinSearchTokenizer } from '@xianzhi/adapters';
import {
  BufferedSearchLog,
  IndexedListingSearch,
  ProjectSearchIndex,
  RebuildSearchIndex,
  SearchListings,
  BlockSearchTerm,
  GetHotSearches,
  ListBlockedSearchTerms,
  RecordSearch,
  UnblockSearchTerm,
} from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { adminSearchRoutes } from '../http/routes/admin-search.js';
import { searchRoutes } from '../http/routes/search.js';
import { Cache } from './cache-tokens.js';
import { timedSearch } from '../observability/timed-search.js';
import { Observability } from './observability-tokens.js';
import { Search } from './search-tokens.js';
import { Synonyms } from './synonyms-tokens.js';
import { factory, named } from './token.js';
import { Config, Core, HttpRoutes, Ports } from './tokens.js';

/** How often a process writes its hot-search counts: a crash loses at most this much of them. */
export const SEARCH_COUNTS_FLUSH_MS = 5_000;

/** Search: the token index in the database, the outbox projector that keeps it current, the routes. */
export const searchModule = new ContainerModule(({ bind }) => {
  bind(Search.Tokenizer).toDynamicValue(() => new PinyinSearchTokenizer());
  named(bind(Search.Index), ({ telemetry, ...deps }) => timedSearch(new IndexedListingSearch(deps), telemetry), {
    telemetry: Observability.Telemetry,
    tokenizer: Search.Tokenizer,
    store: Ports.SearchIndex,
    listings: Ports.Listings,
    categories: Ports.Categories,
    clock: Core.Clock,
    synonyms: Synonyms.Source,
  });
  factory(bind(Search.SearchListings), (s, l, c, v) => new SearchListings(s, l, c, v), [
    Search.Index,
    Ports.Listings,
    Ports.Categories,
    Core.Views,
  ]);
  named(bind(Search.Projector), (deps) => new ProjectSearchIndex(deps), {
    log: Ports.OutboxLog,
    checkpoints: Ports.Checkpoints,
    listings: Ports.Listings,
    search: Search.Index,
    uow: Ports.UnitOfWork,
    clock: Core.Clock,
  });
  named(bind(Search.Rebuild), (deps) => new RebuildSearchIndex(deps), {
    listings: Ports.Listings,
    campuses: Ports.Campuses,
    search: Search.Index,
    store: Ports.SearchIndex,
    log: Ports.OutboxLog,
    checkpoints: Ports.Checkpoints,
    uow: Ports.UnitOfWork,
    clock: Core.Clock,
  });
  // Searches are counted in memory and written every few seconds and when the app closes, never by the request.
  factory(
    bind(Search.Counts),
    (log, logger) =>
      new BufferedSearchLog(log, {
        onError: (error) => logger.warn({ err: error }, 'hot-search counts not written; kept for the next flush'),
      }).start(SEARCH_COUNTS_FLUSH_MS),
    [Ports.SearchLog, Config.Logger],
  );
  factory(
    bind(HttpRoutes.Operations),
    (counts): FastifyPluginAsyncTypebox =>
      async (app) => {
        app.addHook('onClose', () => counts.close());
      },
    [Search.Counts],
  );
  factory(
    bind(Search.RecordSearch),
    (log, config, clock) => new RecordSearch(log, new HmacSearcherKeys(config.jwtSecret), clock),
    [Search.Counts, Config.App, Core.Clock],
  );
  factory(bind(Search.HotSearches), (log, blocked, clock) => new GetHotSearches(log, blocked, clock), [
    Ports.SearchLog,
    Ports.BlockedSearchTerms,
    Core.Clock,
  ]);
  factory(bind(Search.ListBlocked), (blocked, campuses) => new ListBlockedSearchTerms(blocked, campuses), [
    Ports.BlockedSearchTerms,
    Ports.Campuses,
  ]);
  named(bind(Search.Block), (deps) => new BlockSearchTerm(deps), {
    blocked: Ports.BlockedSearchTerms,
    campuses: Ports.Campuses,
    audit: Ports.AuditLog,
    uow: Ports.UnitOfWork,
    ids: Core.Ids,
    clock: Core.Clock,
  });
  factory(bind(Search.Unblock), (blocked, audit, uow, clock) => new UnblockSearchTerm(blocked, audit, uow, clock), [
    Ports.BlockedSearchTerms,
    Ports.AuditLog,
    Ports.UnitOfWork,
    Core.Clock,
  ]);
  // The public search routes and their admin side share one plugin.
  named(
    bind(HttpRoutes.Api),
    ({ config, list, block, unblock, ...search }) => {
      const publicRoutes = searchRoutes({
        ...search,
        defaultCampusId: config.defaultCampusId,
      });
      const adminRoutes = adminSearchRoutes({ list, block, unblock, defaultCampusId: config.defaultCampusId });
      const both: FastifyPluginAsyncTypebox = async (app) => {
        await app.register(publicRoutes);
        await app.register(adminRoutes);
      };
      return both;
    },
    {
      config: Config.App,
      searchListings: Search.SearchListings,
      search: Search.Index,
      recordSearch: Search.RecordSearch,
      hotSearches: Search.HotSearches,
      cache: Cache.Responses,
      list: Search.ListBlocked,
      block: Search.Block,
      unblock: Search.Unblock,
    },
  );
});
