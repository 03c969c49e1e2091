import type { GetCampusStatistics } from '@xianzhi/core';
import { token } from './token.js';

/** The admin dashboard's statistics: a read model over the campus's data. */
export const Insights = {
  Statistics: token<GetCampusStatistics>('GetCampusStatistics'),
};
