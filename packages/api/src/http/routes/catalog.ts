import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireAdmin, type GetCatalog } from '@xianzhi/core';
import { cachedReply } from '../../cache/cached-reply.js';
import type { ResponseCache } from '../../cache/response-cache.js';
import { orFail } from '../errors.js';
import { catalog, categoryList } from '../presenters.js';
import { CampusQuery, Catalog, CategoriesQuery, CategoryList } from '../schemas/catalog.js';
import { responses } from '../schemas/common.js';

export interface CatalogRouteDeps {
  readonly getCatalog: GetCatalog;
  readonly cache: ResponseCache;
  readonly defaultCampusId: string;
}

export function catalogRoutes({ getCatalog, cache, defaultCampusId }: CatalogRouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/catalog',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Campus, trade areas, category tree and the fixed dimensions with labels',
          querystring: CampusQuery,
          response: responses({ 200: Catalog }),
        },
      },
      // The same for every caller (GetCatalog takes no actor): cached for all.
      async (request, reply) => {
        const campusId = request.query.campusId ?? defaultCampusId;
        return cachedReply(reply, cache, `catalog/${campusId}`, async () => ({
          payload: catalog(orFail(await getCatalog.execute({ campusId }))),
        }));
      },
    );

    app.get(
      '/categories',
      {
        schema: {
          tags: ['catalog'],
          summary: 'The two-level category tree (admins may include disabled categories)',
          querystring: CategoriesQuery,
          response: responses({ 200: CategoryList }),
        },
      },
      async (request) => {
        const includeDisabled = request.query.includeDisabled === true;
        if (includeDisabled) orFail(requireAdmin(request.actor));
        const view = orFail(
          await getCatalog.execute({ campusId: request.query.campusId ?? defaultCampusId, includeDisabled }),
        );
        return categoryList(view.tree);
      },
    );
  };
}
