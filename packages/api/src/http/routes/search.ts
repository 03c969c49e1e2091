import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  anonymous,
  type GetHotSearches,
  type ListingSearch,
  type RecordSearch,
  type SearchListings,
} from '@xianzhi/core';
import { cachedReply } from '../../cache/cached-reply.js';
import { normalizedKey, type ResponseCache } from '../../cache/response-cache.js';
import { orFail } from '../errors.js';
import { listingSummary } from '../presenters.js';
import { responses } from '../schemas/common.js';
import { HotQuery, HotSearches, SearchPage, SearchQuery, Suggestions, SuggestQuery } from '../schemas/search.js';

export interface SearchRouteDeps {
  readonly searchListings: SearchListings;
  readonly search: ListingSearch;
  readonly recordSearch: RecordSearch;
  readonly hotSearches: GetHotSearches;
  readonly cache: ResponseCache;
  readonly defaultCampusId: string;
}

export function searchRoutes({
  searchListings,
  search,
  recordSearch,
  hotSearches,
  cache,
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
      async (request, reply) => {
        const { q, campusId, ...filters } = request.query;
        const campus = campusId ?? defaultCampusId;
        const firstPage = filters.cursor === undefined;
        const count = async (found: number) => {
          try {
            // In memory only (BufferedSearchLog): the hot-search rows are written later, off this request.
            await recordSearch.execute({ actor: request.actor, campusId: campus, text: q, found, firstPage });
          } catch (error) {
            // Hot searches are a nicety: the searcher still gets their results.
            request.log.warn({ err: error }, 'search not counted towards hot searches');
          }
        };
        // The same body for every caller, so one cache serves all: searched as nobody (the viewer only ever
        // changed favoritedByMe and isMine, which a summary does not carry; score, title and snippet come
        // from the index). Only first pages are cached; a hit still counts the search, as a miss does.
        const run = async () => {
          const page = orFail(
            await searchListings.execute({ actor: anonymous, campusId: campus, text: q, ...filters }),
          );
          const payload = {
            items: page.items.map((i) => ({
              listing: listingSummary(i.view),
              score: i.score,
              title: i.title,
              snippet: i.snippet,
            })),
            nextCursor: page.nextCursor,
          };
          await count(page.items.length);
          return { payload, found: page.items.length };
        };
        if (!firstPage) return reply.send((await cache.reads.forCaller(request.actor, run)).payload);
        return cachedReply(reply, cache, normalizedKey('search', { q, campusId: campus, ...filters }), run, (hit) =>
          count(hit.found ?? 0),
        );
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
      async (request, reply) => {
        const { q, campusId, limit } = request.query;
        const query = { q, campusId: campusId ?? defaultCampusId, limit: limit ?? 8 };
        // The same for everyone; moves with the index and the categories, which bump the version.
        return cachedReply(reply, cache, normalizedKey('suggest', query), async () => ({
          payload: { suggestions: await search.suggest(query.campusId, query.q, query.limit) },
        }));
      },
    );
  };
}
