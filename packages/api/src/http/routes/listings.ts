import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  anonymous,
  type BrowseListings,
  type CountListingView,
  type EditListing,
  type GetListing,
  type ListingViews,
  type PublishListing,
} from '@xianzhi/core';
import { cachedReply } from '../../cache/cached-reply.js';
import { normalizedKey, type ResponseCache } from '../../cache/response-cache.js';
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
  readonly countView: CountListingView;
  readonly cache: ResponseCache;
  readonly defaultCampusId: string;
}

export function listingRoutes(deps: ListingRouteDeps): FastifyPluginAsyncTypebox {
  const { browse, getListing, publish, edit, viewerKeys, countView, cache, defaultCampusId } = deps;
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
      async (request, reply) => {
        const { campusId, ...filters } = request.query;
        const query = { campusId: campusId ?? defaultCampusId, ...filters };
        // The same body for every caller, so one cache serves all: the feed is browsed as nobody (the
        // viewer only ever changed favoritedByMe and isMine, which a summary does not carry). Pages past
        // the first (a cursor) are not cached: only first pages are hot.
        const feed = async () => {
          const page = orFail(await browse.execute({ actor: anonymous, ...query }));
          return { payload: { items: page.items.map(listingSummary), nextCursor: page.nextCursor } };
        };
        if (query.cursor !== undefined) return reply.send((await cache.reads.forCaller(request.actor, feed)).payload);
        return cachedReply(reply, cache, normalizedKey('feed', query), feed);
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
      async (request, reply) => {
        const actor = request.actor;
        const anonymousViewerKey = viewerKeys.keyFor(request.ip);
        const build = async () => {
          const view = orFail(await getListing.execute({ actor, listingId: request.params.id, anonymousViewerKey }));
          return { payload: listingDetail(view, actor), ...(view.listing.isLive && { countsViewOf: view.listing.id }) };
        };
        // Only anonymous details are cached: signed-in viewers get favoritedByMe, isMine, the seller's
        // openid and (owners, admins) the removal reason. An anonymous body depends on nobody: no contact,
        // no removal reason, nothing favorited or owned. A hit still counts the view, as GetListing would.
        if (actor.kind !== 'anonymous') return reply.send((await cache.reads.forCaller(actor, build)).payload);
        return cachedReply(reply, cache, `listing/${request.params.id}`, build, async (hit) => {
          if (hit.countsViewOf) await countView.execute({ listingId: hit.countsViewOf, anonymousViewerKey });
        });
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
