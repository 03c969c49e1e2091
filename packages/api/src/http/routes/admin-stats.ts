import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { GetCampusStatistics } from '@xianzhi/core';
import { orFail } from '../errors.js';
import { responses } from '../schemas/common.js';
import { AdminStats, StatsQuery } from '../schemas/stats.js';

export function adminStatsRoutes({ stats }: { readonly stats: GetCampusStatistics }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/admin/stats',
      {
        schema: {
          tags: ['admin'],
          security: [{ bearerAuth: [] }],
          summary:
            "A campus's numbers for the dashboard (campus admins: their campus; super admins: any, the first when none is named, or `all` for every campus together)",
          querystring: StatsQuery,
          response: responses({ 200: AdminStats }),
        },
      },
      async (request) => {
        const v = orFail(
          await stats.execute({
            actor: request.actor,
            ...(request.query.campusId !== undefined && { campusId: request.query.campusId }),
          }),
        );
        return {
          ...v,
          generatedAt: v.generatedAt.toISOString(),
          campuses: [...v.campuses],
          listings: { ...v.listings, byStatusAndKind: [...v.listings.byStatusAndKind] },
          daily: [...v.daily],
          topCategories: [...v.topCategories],
          topViewed: [...v.topViewed],
          hotSearches: [...v.hotSearches],
        };
      },
    );
  };
}
