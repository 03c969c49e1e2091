import { Type } from 'typebox';
import { Count, IsoDate, Nullable } from './common.js';

export const StatsQuery = Type.Object({
  campusId: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'A campus id, or `all` for every campus (super admins)' }),
  ),
});

const Counts = Type.Record(Type.String(), Count);

export const AdminStats = Type.Object({
  campusId: Type.String(),
  campusName: Type.String(),
  campuses: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), {
    description: 'Campuses this admin may look at (one for a campus admin)',
  }),
  generatedAt: IsoDate,
  listings: Type.Object({
    total: Count,
    byStatus: Counts,
    byKind: Counts,
    byStatusAndKind: Type.Array(Type.Object({ status: Type.String(), kind: Type.String(), count: Count })),
  }),
  users: Type.Object({ total: Count, verified: Count, unverified: Count }),
  daily: Type.Array(
    Type.Object({
      day: Type.String({ description: 'China day, YYYY-MM-DD' }),
      newListings: Count,
      newUsers: Count,
      favorites: Count,
      comments: Count,
      views: Count,
      activeUsers: Type.Integer({ minimum: 0, description: 'Distinct students who made a signed-in request that day' }),
    }),
    { description: 'The last 30 China days, oldest first, zeros included' },
  ),
  topCategories: Type.Array(
    Type.Object({ categoryId: Type.String(), name: Type.String(), parentName: Nullable(Type.String()), count: Count }),
    {
      description: 'Categories by listings published in the last 30 days',
    },
  ),
  funnel: Type.Object(
    { listed: Count, favorited: Count, commented: Count, sold: Count },
    { description: 'Listings created in the last 30 days: all, with a favorite, with a comment, sold' },
  ),
  topViewed: Type.Array(Type.Object({ listingId: Type.String(), title: Type.String(), views: Count }), {
    description: 'Listings by views in the last 30 days, most first',
  }),
  hotSearches: Type.Array(
    Type.Object({ term: Type.String(), score: Type.Number(), searchers: Count, searches: Count }),
    { description: 'Per campus; empty for every campus together' },
  ),
});
