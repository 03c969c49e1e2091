import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { BannerView, CreateBanner, DeleteBanner, ListBanners, ListLiveBanners, UpdateBanner } from '@xianzhi/core';
import { Type } from 'typebox';
import { orFail } from '../errors.js';
import { photoUrl } from '../presenters.js';
import { Banner, BannerList, CampusQuery, CreateBannerBody, UpdateBannerBody } from '../schemas/announcements.js';
import { IdParams, responses } from '../schemas/common.js';
import { adminCampusOf, bannerTarget, dateOrNull, dateOrUndefined, times } from './announcement-input.js';

export interface BannerRouteDeps {
  readonly live: ListLiveBanners;
  readonly list: ListBanners;
  readonly create: CreateBanner;
  readonly update: UpdateBanner;
  readonly remove: DeleteBanner;
  readonly defaultCampusId: string;
}

export const presentBanner = (b: BannerView) => ({
  id: b.id,
  campusId: b.campusId,
  title: b.title,
  // The large variant (1500 px): a banner spans the phone's width on screens up to 3×.
  imageUrl: photoUrl(b.photoId, 'large'),
  photoId: b.photoId,
  target: b.target,
  position: b.position,
  ...times(b),
  state: b.state,
});

/** The home-page carousel: its live banners for everyone, every banner for the campus's admins. */
export function bannerRoutes(deps: BannerRouteDeps): FastifyPluginAsyncTypebox {
  const admin = { tags: ['admin'], security: [{ bearerAuth: [] }] };
  return async (app) => {
    app.get(
      '/banners',
      {
        schema: {
          tags: ['announcements'],
          summary: "A campus's live banners, by position then newest (at most 10)",
          querystring: CampusQuery,
          response: responses({ 200: BannerList }),
        },
      },
      async (request) => ({
        items: orFail(await deps.live.execute({ campusId: request.query.campusId ?? deps.defaultCampusId })).map(
          presentBanner,
        ),
      }),
    );

    app.get(
      '/admin/banners',
      {
        schema: {
          ...admin,
          summary: 'Every banner of a campus, scheduled, live or ended (campus admins: their campus)',
          querystring: CampusQuery,
          response: responses({ 200: BannerList }),
        },
      },
      async (request) => ({
        items: orFail(
          await deps.list.execute({
            actor: request.actor,
            campusId: adminCampusOf(request.actor, request.query.campusId, deps.defaultCampusId),
          }),
        ).map(presentBanner),
      }),
    );

    app.post(
      '/admin/banners',
      {
        schema: {
          ...admin,
          summary:
            'Add a banner: a photo the admin uploaded with POST /v1/photos, and what a tap opens (a listing, category or notice of the campus, or a mini-program page); audited',
          body: CreateBannerBody,
          response: responses({ 201: Banner }),
        },
      },
      async (request, reply) => {
        const { startsAt, endsAt, target, ...body } = request.body;
        const banner = orFail(
          await deps.create.execute({
            actor: request.actor,
            ...body,
            target: bannerTarget(target),
            ...dateOrUndefined('startsAt', startsAt),
            ...dateOrNull('endsAt', endsAt),
          }),
        );
        reply.code(201);
        return presentBanner(banner);
      },
    );

    app.patch(
      '/admin/banners/:id',
      {
        schema: {
          ...admin,
          summary: 'Change any of a banner’s fields but its campus (endsAt: null shows it until deleted); audited',
          params: IdParams,
          body: UpdateBannerBody,
          response: responses({ 200: Banner }),
        },
      },
      async (request) => {
        const { startsAt, endsAt, target, ...body } = request.body;
        return presentBanner(
          orFail(
            await deps.update.execute({
              actor: request.actor,
              id: request.params.id,
              ...body,
              ...(target ? { target: bannerTarget(target) } : {}),
              ...dateOrUndefined('startsAt', startsAt),
              ...dateOrNull('endsAt', endsAt),
            }),
          ),
        );
      },
    );

    app.delete(
      '/admin/banners/:id',
      {
        schema: {
          ...admin,
          summary: 'Delete a banner (its photo stays); audited',
          params: IdParams,
          response: responses({ 204: Type.Null({ description: 'Deleted' }) }),
        },
      },
      async (request, reply) => {
        orFail(await deps.remove.execute({ actor: request.actor, id: request.params.id }));
        return reply.code(204).send(null);
      },
    );
  };
}
