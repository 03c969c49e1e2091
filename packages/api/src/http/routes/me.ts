import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { GetMyProfile, MyFavorites, MyListings, UpdateMyProfile } from '@xianzhi/core';
import { orFail } from '../errors.js';
import { listingSummary, me } from '../presenters.js';
import { responses } from '../schemas/common.js';
import { ListingPage, MyListingsQuery, PageQuery } from '../schemas/listings.js';
import { Me, UpdateMeBody } from '../schemas/me.js';

export interface MeRouteDeps {
  readonly getProfile: GetMyProfile;
  readonly updateProfile: UpdateMyProfile;
  readonly myListings: MyListings;
  readonly myFavorites: MyFavorites;
}

export function meRoutes({
  getProfile,
  updateProfile,
  myListings,
  myFavorites,
}: MeRouteDeps): FastifyPluginAsyncTypebox {
  const mine = { tags: ['me'], security: [{ bearerAuth: [] }] };
  return async (app) => {
    app.get('/me', { schema: { ...mine, summary: 'My profile', response: responses({ 200: Me }) } }, async (request) =>
      me(orFail(await getProfile.execute({ actor: request.actor }))),
    );

    app.patch(
      '/me',
      {
        schema: {
          ...mine,
          summary: 'Change my nickname or avatar',
          body: UpdateMeBody,
          response: responses({ 200: Me }),
        },
      },
      async (request) => me(orFail(await updateProfile.execute({ actor: request.actor, ...request.body }))),
    );

    app.get(
      '/me/listings',
      {
        schema: {
          ...mine,
          summary: '我的发布: every state, newest first',
          querystring: MyListingsQuery,
          response: responses({ 200: ListingPage }),
        },
      },
      async (request) => {
        const page = orFail(await myListings.execute({ actor: request.actor, ...request.query }));
        return { items: page.items.map(listingSummary), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/me/favorites',
      {
        schema: {
          ...mine,
          summary: '我的收藏, newest first',
          querystring: PageQuery,
          response: responses({ 200: ListingPage }),
        },
      },
      async (request) => {
        const page = orFail(await myFavorites.execute({ actor: request.actor, ...request.query }));
        return { items: page.items.map(listingSummary), nextCursor: page.nextCursor };
      },
    );
  };
}
