import { Type } from 'typebox';
import { Cursor, Id, Limit, Nullable } from './common.js';
import { ListingSummary } from './listings.js';

export const SimilarQuery = Type.Object({ cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) });

export const RecommendationQuery = Type.Object({
  campusId: Type.Optional(Id),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

/** The feed's listing cards; `mode` says whether they come from the caller's history or the campus's favourites. */
export const RecommendationPage = Type.Object({
  items: Type.Array(ListingSummary),
  nextCursor: Nullable(Type.String()),
  mode: Type.Union([Type.Literal('personal'), Type.Literal('popular')]),
});
