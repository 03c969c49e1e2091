import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { GetCampusStatistics } from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { adminStatsRoutes } from '../http/routes/admin-stats.js';
import { Search } from './search-module.js';
import { factory, token } from './token.js';
import { Core, Ports } from './tokens.js';

/** The admin dashboard's statistics: a read model over the campus's data, and its route. */
export const Insights = {
  Statistics: token<GetCampusStatistics>('GetCampusStatistics'),
  Routes: token<FastifyPluginAsyncTypebox>('InsightsRoutes'),
};

export const insightsModule = new ContainerModule(({ bind }) => {
  factory(
    bind(Insights.Statistics),
    (p, hot, clock) =>
      new GetCampusStatistics({
        stats: p.campusStatistics,
        campuses: p.campuses,
        categories: p.categories,
        hotSearches: hot,
        clock,
      }),
    [Ports.Persistence, Search.HotSearches, Core.Clock],
  );
  factory(bind(Insights.Routes), (stats) => adminStatsRoutes({ stats }), [Insights.Statistics]);
});
