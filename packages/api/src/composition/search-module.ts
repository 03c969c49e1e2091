import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PinyinSearchTokenizer } from '@xianzhi/adapters';
import {
  IndexedListingSearch, ProjectSearchIndex, RebuildSearchIndex, SearchListings,
  type ListingSearch, type SearchTokenizer,
} from '@xianzhi/core';
import { ContainerModule } from 'inversify';
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
};

export const searchModule = new ContainerModule(({ bind }) => {
  bind(Search.Tokenizer).toDynamicValue(() => new PinyinSearchTokenizer());
  factory(bind(Search.Index), (t, p, c, clock) => new IndexedListingSearch(t, p.searchIndex, p.listings, c, clock),
    [Search.Tokenizer, Ports.Persistence, Ports.Categories, Core.Clock]);
  factory(bind(Search.SearchListings), (s, l, c, v) => new SearchListings(s, l, c, v), [Search.Index, Ports.Listings, Ports.Categories, Core.Views]);
  factory(bind(Search.Projector), (p, s) => new ProjectSearchIndex(p.outboxLog, p.checkpoints, p.listings, s, p.uow), [Ports.Persistence, Search.Index]);
  factory(bind(Search.Rebuild), (p, s, clock) => new RebuildSearchIndex(p.listings, p.campuses, s, p.searchIndex, p.outboxLog, p.checkpoints, p.uow, clock),
    [Ports.Persistence, Search.Index, Core.Clock]);
  factory(bind(Search.Routes), (config, searchListings, search) => searchRoutes({ searchListings, search, defaultCampusId: config.defaultCampusId }),
    [Config.App, Search.SearchListings, Search.Index]);
});
