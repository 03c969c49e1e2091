import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { BrowseListings, EditListing, GetListing, ListingViews, PublishListing } from '@xianzhi/core';
import type { ViewerKeys } from '../auth.js';
import { orFail } from '../errors.js';
import { listingDetail, listingSummary } from '../presenters.js';
import { IdParams, responses } from '../schemas/common.js';
import { CreateListingBody, EditListingBody, ListingDetail, ListingPage, ListingQuery } from '../schemas/listings.js';
import { detailOf } from './detail.js';

export interface ListingRouteDeps {
  readonly browse: BrowseListings;
  readonly getListing: GetListing;
  readonly publish: PublishListing;
  readonly edit: EditListing;
  readonly views: ListingViews;
  readonly viewerKeys: ViewerKeys;
  readonly defaultCampusId: string;
}

export function listingRoutes(deps: ListingRouteDeps): FastifyPluginAsyncTypebox {
  const { browse, getListing, publish, edit, viewerKeys, defaultCampusId } = deps;
  const detail = detailOf(deps.views);
  return async (app) => {
    app.get(
      '/listings',
      {
        schema: {
          tags: ['listings'],
          summary: 'The campus feed: live listings with filters, sorted, cursor-paged',
          querystring: ListingQuery,
          response: responses({ 200: ListingPage }),
        },
      },
      async (request) => {
        const { campusId, ...filters } = request.query;
        const page = orFail(
          await browse.execute({ actor: request.actor, campusId: campusId ?? defaultCampusId, ...filters }),
        );
        return { items: page.items.map(listingSummary), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/listings/:id',
      {
        schema: {
          tags: ['listings'],
          summary: "One listing; counts a view; the seller's QQ openid only for verified viewers",
          params: IdParams,
          response: responses({ 200: ListingDetail }),
        },
      },
      async (request) => {
        const view = orFail(
          await getListing.execute({
            actor: request.actor,
            listingId: request.params.id,
            anonymousViewerKey: viewerKeys.keyFor(request.ip),
          }),
        );
        return listingDetail(view, request.actor);
      },
    );

    app.post(
      '/listings',
      {
        schema: {
          tags: ['listings'],
          summary: 'Publish (verified students only)',
          security: [{ bearerAuth: [] }],
          body: CreateListingBody,
          response: responses({ 201: ListingDetail }),
        },
      },
      async (request, reply) => {
        const { kind, ...content } = request.body;
        const listing = orFail(await publish.execute({ actor: request.actor, kind, content }));
        reply.code(201);
        return detail(listing, request.actor);
      },
    );

    app.patch(
      '/listings/:id',
      {
        schema: {
          tags: ['listings'],
          summary: 'Edit (owner only; `version` must be the one the editor saw)',
          security: [{ bearerAuth: [] }],
          params: IdParams,
          body: EditListingBody,
          response: responses({ 200: ListingDetail }),
        },
      },
      async (request) => {
        const { version, ...changes } = request.body;
        const listing = orFail(
          await edit.execute({ actor: request.actor, listingId: request.params.id, version, changes }),
        );
        return detail(listing, request.actor);
      },
    );
  };
}
