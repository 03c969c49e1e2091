import { GetCampusStatistics } from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { adminStatsRoutes } from '../http/routes/admin-stats.js';
import { Insights } from './insights-tokens.js';
import { Search } from './search-tokens.js';
import { factory, named } from './token.js';
import { Core, HttpRoutes, Ports } from './tokens.js';

/** The admin dashboard's statistics: a read model over the campus's data, and its route. */
export const insightsModule = new ContainerModule(({ bind }) => {
  named(bind(Insights.Statistics), (deps) => new GetCampusStatistics(deps), {
    stats: Ports.CampusStatistics,
    campuses: Ports.Campuses,
    categories: Ports.Categories,
    hotSearches: Search.HotSearches,
    clock: Core.Clock,
  });
  factory(bind(HttpRoutes.Api), (stats) => adminStatsRoutes({ stats }), [Insights.Statistics]);
});
