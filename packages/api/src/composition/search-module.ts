import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HmacSearcherKeys, PinyinSearchTokenizer } from '@xianzhi/adapters';
import {
  IndexedListingSearch,
  ProjectSearchIndex,
  RebuildSearchIndex,
  SearchListings,
  BlockSearchTerm,
  GetHotSearches,
  ListBlockedSearchTerms,
  RecordSearch,
  UnblockSearchTerm,
  type ListingSearch,
  type SearchTokenizer,
} from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { ViewerKeys } from '../http/auth.js';
import { adminSearchRoutes } from '../http/routes/admin-search.js';
import { searchRoutes } from '../http/routes/search.js';
import { factory, token } from './token.js';
import { Config, Core, Ports } from './tokens.js';

/** Search: the token index in the database, the outbox projector that keeps it current, the routes. */
export const Search = {
  Tokenizer: token<SearchTokenizer>('SearchTokenizer'),
  Index: token<ListingSearch>('ListingSearch'),
  SearchListings: token<SearchListings>('SearchListings'),
  Projector: token<ProjectSearchIndex>('ProjectSearchIndex'),
  Rebuild: token<RebuildSearchIndex>('RebuildSearchIndex'),
  Routes: token<FastifyPluginAsyncTypebox>('SearchRoutes'),
  RecordSearch: token<RecordSearch>('RecordSearch'),
  HotSearches: token<GetHotSearches>('GetHotSearches'),
  ListBlocked: token<ListBlockedSearchTerms>('ListBlockedSearchTerms'),
  Block: token<BlockSearchTerm>('BlockSearchTerm'),
  Unblock: token<UnblockSearchTerm>('UnblockSearchTerm'),
};

export const searchModule = new ContainerModule(({ bind }) => {
  bind(Search.Tokenizer).toDynamicValue(() => new PinyinSearchTokenizer());
  factory(
    bind(Search.Index),
    (t, p, c, clock) =>
      new IndexedListingSearch({ tokenizer: t, store: p.searchIndex, listings: p.listings, categories: c, clock }),
    [Search.Tokenizer, Ports.Persistence, Ports.Categories, Core.Clock],
  );
  factory(bind(Search.SearchListings), (s, l, c, v) => new SearchListings(s, l, c, v), [
    Search.Index,
    Ports.Listings,
    Ports.Categories,
    Core.Views,
  ]);
  factory(
    bind(Search.Projector),
    (p, s) =>
      new ProjectSearchIndex({
        log: p.outboxLog,
        checkpoints: p.checkpoints,
        listings: p.listings,
        search: s,
        uow: p.uow,
      }),
    [Ports.Persistence, Search.Index],
  );
  factory(
    bind(Search.Rebuild),
    (p, s, clock) =>
      new RebuildSearchIndex({
        listings: p.listings,
        campuses: p.campuses,
        search: s,
        store: p.searchIndex,
        log: p.outboxLog,
        checkpoints: p.checkpoints,
        uow: p.uow,
        clock,
      }),
    [Ports.Persistence, Search.Index, Core.Clock],
  );
  factory(
    bind(Search.RecordSearch),
    (p, config, clock) => new RecordSearch(p.searchLog, new HmacSearcherKeys(config.jwtSecret), clock),
    [Ports.Persistence, Config.App, Core.Clock],
  );
  factory(bind(Search.HotSearches), (p, clock) => new GetHotSearches(p.searchLog, p.blockedSearchTerms, clock), [
    Ports.Persistence,
    Core.Clock,
  ]);
  factory(bind(Search.ListBlocked), (p) => new ListBlockedSearchTerms(p.blockedSearchTerms, p.campuses), [
    Ports.Persistence,
  ]);
  factory(
    bind(Search.Block),
    (p, ids, clock) =>
      new BlockSearchTerm({
        blocked: p.blockedSearchTerms,
        campuses: p.campuses,
        audit: p.auditLog,
        uow: p.uow,
        ids,
        clock,
      }),
    [Ports.Persistence, Core.Ids, Core.Clock],
  );
  factory(bind(Search.Unblock), (p, clock) => new UnblockSearchTerm(p.blockedSearchTerms, p.auditLog, p.uow, clock), [
    Ports.Persistence,
    Core.Clock,
  ]);
  // One plugin for the search routes and their admin side, registered once by the HTTP module.
  factory(
    bind(Search.Routes),
    (config, searchListings, search, recordSearch, hotSearches, list, block, unblock) => {
      const viewerKeys = new ViewerKeys(config.jwtSecret);
      const publicRoutes = searchRoutes({
        searchListings,
        search,
        recordSearch,
        hotSearches,
        viewerKeys,
        defaultCampusId: config.defaultCampusId,
      });
      const adminRoutes = adminSearchRoutes({ list, block, unblock, defaultCampusId: config.defaultCampusId });
      const both: FastifyPluginAsyncTypebox = async (app) => {
        await app.register(publicRoutes);
        await app.register(adminRoutes);
      };
      return both;
    },
    [
      Config.App,
      Search.SearchListings,
      Search.Index,
      Search.RecordSearch,
      Search.HotSearches,
      Search.ListBlocked,
      Search.Block,
      Search.Unblock,
    ],
  );
});
