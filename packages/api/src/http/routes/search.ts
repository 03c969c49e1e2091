import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ListingSearch, SearchListings } from '@xianzhi/core';
import { orFail } from '../errors.js';
import { listingSummary } from '../presenters.js';
import { responses } from '../schemas/common.js';
import { SearchPage, SearchQuery, Suggestions, SuggestQuery } from '../schemas/search.js';

export interface SearchRouteDeps {
  readonly searchListings: SearchListings;
  readonly search: ListingSearch;
  readonly defaultCampusId: string;
}

export function searchRoutes({ searchListings, search, defaultCampusId }: SearchRouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/search', {
      schema: {
        tags: ['search'], summary: 'Search live listings (Chinese, pinyin, initials, brands, ISBN) with filters; best match first',
        querystring: SearchQuery, response: responses({ 200: SearchPage }),
      },
    }, async (request) => {
      const { q, campusId, ...filters } = request.query;
      const page = orFail(await searchListings.execute({ actor: request.actor, campusId: campusId ?? defaultCampusId, text: q, ...filters }));
      return {
        items: page.items.map((i) => ({ listing: listingSummary(i.view), score: i.score, title: i.title, snippet: i.snippet })),
        nextCursor: page.nextCursor,
      };
    });

    app.get('/search/suggest', {
      schema: {
        tags: ['search'], summary: 'Titles and category names that continue what the user is typing',
        querystring: SuggestQuery, response: responses({ 200: Suggestions }),
      },
    }, async (request) => {
      const { q, campusId, limit } = request.query;
      return { suggestions: await search.suggest(campusId ?? defaultCampusId, q, limit ?? 8) };
    });
  };
}
