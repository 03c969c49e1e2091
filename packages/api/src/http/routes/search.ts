import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { GetHotSearches, ListingSearch, RecordSearch, SearchListings } from '@xianzhi/core';
import { orFail } from '../errors.js';
import { listingSummary } from '../presenters.js';
import { responses } from '../schemas/common.js';
import { HotQuery, HotSearches, SearchPage, SearchQuery, Suggestions, SuggestQuery } from '../schemas/search.js';

export interface SearchRouteDeps {
  readonly searchListings: SearchListings;
  readonly search: ListingSearch;
  readonly recordSearch: RecordSearch;
  readonly hotSearches: GetHotSearches;
  readonly defaultCampusId: string;
}

export function searchRoutes({
  searchListings,
  search,
  recordSearch,
  hotSearches,
  defaultCampusId,
}: SearchRouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/search',
      {
        schema: {
          tags: ['search'],
          summary: 'Search live listings (Chinese, pinyin, initials, brands, ISBN) with filters; best match first',
          querystring: SearchQuery,
          response: responses({ 200: SearchPage }),
        },
      },
      async (request) => {
        const { q, campusId, ...filters } = request.query;
        const campus = campusId ?? defaultCampusId;
        const page = orFail(
          await searchListings.execute({ actor: request.actor, campusId: campus, text: q, ...filters }),
        );
        try {
          await recordSearch.execute({
            actor: request.actor,
            campusId: campus,
            text: q,
            found: page.items.length,
            firstPage: filters.cursor === undefined,
          });
        } catch (error) {
          // Hot searches are a nicety: the searcher still gets their results.
          request.log.warn({ err: error }, 'search not counted towards hot searches');
        }
        return {
          items: page.items.map((i) => ({
            listing: listingSummary(i.view),
            score: i.score,
            title: i.title,
            snippet: i.snippet,
          })),
          nextCursor: page.nextCursor,
        };
      },
    );

    app.get(
      '/search/hot',
      {
        schema: {
          tags: ['search'],
          summary:
            "The campus's hot searches: what several people searched over the last 7 days (no counts, no one's identity)",
          querystring: HotQuery,
          response: responses({ 200: HotSearches }),
        },
      },
      async (request, reply) => {
        const hot = await hotSearches.execute({ campusId: request.query.campusId ?? defaultCampusId });
        // The same for everyone, and a minute old is fresh enough.
        reply.header('cache-control', 'public, max-age=60');
        return { terms: hot.map((h) => h.term) };
      },
    );

    app.get(
      '/search/suggest',
      {
        schema: {
          tags: ['search'],
          summary: 'Titles and category names that continue what the user is typing',
          querystring: SuggestQuery,
          response: responses({ 200: Suggestions }),
        },
      },
      async (request) => {
        const { q, campusId, limit } = request.query;
        return { suggestions: await search.suggest(campusId ?? defaultCampusId, q, limit ?? 8) };
      },
    );
  };
}
