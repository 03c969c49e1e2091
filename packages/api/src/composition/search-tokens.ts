import type {
  BlockSearchTerm,
  BufferedSearchLog,
  GetHotSearches,
  ListBlockedSearchTerms,
  ListingSearch,
  ProjectSearchIndex,
  RebuildSearchIndex,
  RecordSearch,
  SearchListings,
  SearchTokenizer,
  UnblockSearchTerm,
} from '@xianzhi/core';
import { token } from './token.js';

/** Search: the token index in the database, the outbox projector that keeps it current, hot searches. */
export const Search = {
  Tokenizer: token<SearchTokenizer>('SearchTokenizer'),
  Index: token<ListingSearch>('ListingSearch'),
  SearchListings: token<SearchListings>('SearchListings'),
  Projector: token<ProjectSearchIndex>('ProjectSearchIndex'),
  Rebuild: token<RebuildSearchIndex>('RebuildSearchIndex'),
  /** This process's hot-search counts waiting to be written (see BufferedSearchLog). */
  Counts: token<BufferedSearchLog>('BufferedSearchLog'),
  RecordSearch: token<RecordSearch>('RecordSearch'),
  HotSearches: token<GetHotSearches>('GetHotSearches'),
  ListBlocked: token<ListBlockedSearchTerms>('ListBlockedSearchTerms'),
  Block: token<BlockSearchTerm>('BlockSearchTerm'),
  Unblock: token<UnblockSearchTerm>('UnblockSearchTerm'),
};
