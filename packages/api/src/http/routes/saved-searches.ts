import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DeleteSavedSearch, ListSavedSearches, SavedSearch, SaveSearch } from '@xianzhi/core';
import { Type } from 'typebox';
import type { SavedSearch as SavedSearchBody } from '../../contract.js';
import { orFail } from '../errors.js';
import { IdParams, responses } from '../schemas/common.js';
import { SavedSearch as SavedSearchSchema, SavedSearchList, SaveSearchBody } from '../schemas/saved-searches.js';

export interface SavedSearchRouteDeps {
  readonly save: SaveSearch;
  readonly list: ListSavedSearches;
  readonly remove: DeleteSavedSearch;
}

export function savedSearchBody(s: SavedSearch): SavedSearchBody {
  return { id: s.id, q: s.text, filters: { ...s.filters }, createdAt: s.createdAt.toISOString() };
}

/** 我的订阅: a student's saved searches; new listings matching one reach their inbox (and QQ). */
export function savedSearchRoutes(deps: SavedSearchRouteDeps): FastifyPluginAsyncTypebox {
  const student = { tags: ['saved-searches'], security: [{ bearerAuth: [] }] };
  return async (app) => {
    app.get(
      '/me/saved-searches',
      {
        schema: {
          ...student,
          summary: 'My saved searches, newest first',
          response: responses({ 200: SavedSearchList }),
        },
      },
      async (request) => ({ items: orFail(await deps.list.execute({ actor: request.actor })).map(savedSearchBody) }),
    );

    app.post(
      '/me/saved-searches',
      {
        schema: {
          ...student,
          summary:
            'Save a search (verified students; at most 20): new listings of my campus it finds are told in the inbox and by QQ. The same search again answers 200 with the one kept',
          body: SaveSearchBody,
          response: responses({ 200: SavedSearchSchema, 201: SavedSearchSchema }),
        },
      },
      async (request, reply) => {
        const { q, ...filters } = request.body;
        const saved = orFail(await deps.save.execute({ actor: request.actor, text: q, ...filters }));
        return reply.code(saved.created ? 201 : 200).send(savedSearchBody(saved.search));
      },
    );

    app.delete(
      '/me/saved-searches/:id',
      {
        schema: {
          ...student,
          summary: "Delete one of my saved searches (anybody else's is not found)",
          params: IdParams,
          response: responses({ 204: Type.Null({ description: 'Deleted' }) }),
        },
      },
      async (request, reply) => {
        orFail(await deps.remove.execute({ actor: request.actor, savedSearchId: request.params.id }));
        return reply.code(204).send(null);
      },
    );
  };
}
