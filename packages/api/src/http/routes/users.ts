import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { GetSellerProfile, GetTrust, SellerListings } from '@xianzhi/core';
import { orFail } from '../errors.js';
import { listingSummary } from '../presenters.js';
import { IdParams, responses } from '../schemas/common.js';
import { ListingPage, PageQuery } from '../schemas/listings.js';
import { SellerProfile } from '../schemas/users.js';

export interface UserRouteDeps {
  readonly profile: GetSellerProfile;
  readonly listings: SellerListings;
  readonly trust: GetTrust;
}

/** 卖家主页: public pages of students, for anyone signed in or not. */
export function userRoutes({ profile, listings, trust }: UserRouteDeps): FastifyPluginAsyncTypebox {
  const tags = ['users'];
  return async (app) => {
    app.get(
      '/users/:id',
      {
        schema: {
          tags,
          summary:
            "A seller's public profile with their trading record (trust); 404 USER_NOT_FOUND for a banned or unknown user",
          params: IdParams,
          response: responses({ 200: SellerProfile }),
        },
      },
      async (request) => {
        const p = orFail(await profile.execute({ userId: request.params.id }));
        return { ...p, memberSince: p.memberSince.toISOString(), trust: await trust.execute(p.id) };
      },
    );

    app.get(
      '/users/:id/listings',
      {
        schema: {
          tags,
          summary: "A seller's live listings, newest first: the feed's page and card shape",
          params: IdParams,
          querystring: PageQuery,
          response: responses({ 200: ListingPage }),
        },
      },
      async (request) => {
        const page = orFail(
          await listings.execute({ actor: request.actor, userId: request.params.id, ...request.query }),
        );
        return { items: page.items.map(listingSummary), nextCursor: page.nextCursor };
      },
    );
  };
}
