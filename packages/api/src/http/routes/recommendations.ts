import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RecommendForYou, SimilarListings } from '@xianzhi/core';
import type { ConsistentReads } from '../../cache/consistent-reads.js';
import { orFail } from '../errors.js';
import { listingSummary } from '../presenters.js';
import { IdParams, responses } from '../schemas/common.js';
import { RecommendationPage, RecommendationQuery, SimilarQuery } from '../schemas/recommendations.js';

export interface RecommendationRouteDeps {
  readonly similar: SimilarListings;
  readonly forYou: RecommendForYou;
  /** Read replicas: both lists read there, the caller's own writes in sight. */
  readonly reads: ConsistentReads;
  readonly defaultCampusId: string;
}

export function recommendationRoutes({
  similar,
  forYou,
  reads,
  defaultCampusId,
}: RecommendationRouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/listings/:id/similar',
      {
        schema: {
          tags: ['recommendations'],
          summary: "相似推荐: live listings of the same campus like this one (never the caller's own), cursor-paged",
          params: IdParams,
          querystring: SimilarQuery,
          response: responses({ 200: RecommendationPage }),
        },
      },
      async (request) => {
        const page = orFail(
          await reads.forCaller(request.actor, () =>
            similar.execute({ actor: request.actor, listingId: request.params.id, ...request.query }),
          ),
        );
        return { items: page.items.map(listingSummary), nextCursor: page.nextCursor, mode: page.mode };
      },
    );

    app.get(
      '/recommendations',
      {
        schema: {
          tags: ['recommendations'],
          summary:
            "推荐 (home feed): from the signed-in student's views and favorites, else what the campus looks at and keeps; cursor-paged",
          querystring: RecommendationQuery,
          response: responses({ 200: RecommendationPage }),
        },
      },
      async (request) => {
        const { campusId, ...paging } = request.query;
        const page = orFail(
          await reads.forCaller(request.actor, () =>
            forYou.execute({ actor: request.actor, campusId: campusId ?? defaultCampusId, ...paging }),
          ),
        );
        return { items: page.items.map(listingSummary), nextCursor: page.nextCursor, mode: page.mode };
      },
    );
  };
}
