import type { ListingSearch } from '@xianzhi/core';
import type { Telemetry } from './telemetry.js';

/** The search port with its answers timed (searches and suggestions; indexing is the projector's and not timed). */
export function timedSearch(search: ListingSearch, telemetry: Telemetry): ListingSearch {
  const timed = async <T>(operation: 'search' | 'suggest', work: () => Promise<T>): Promise<T> => {
    const start = process.hrtime.bigint();
    try {
      return await work();
    } finally {
      telemetry.searchTimed(operation, Number(process.hrtime.bigint() - start) / 1e9);
    }
  };
  return {
    index: (listing) => search.index(listing),
    remove: (listingId) => search.remove(listingId),
    search: (query) => timed('search', () => search.search(query)),
    suggest: (campusId, prefix, limit) => timed('suggest', () => search.suggest(campusId, prefix, limit)),
  };
}
