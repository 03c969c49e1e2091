import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {
  ChangeListingStatus,
  ListingViews,
  RelistListing,
  RemoveListing,
  RenewListing,
  WithdrawListing,
} from '@xianzhi/core';
import { orFail } from '../errors.js';
import { IdParams, responses } from '../schemas/common.js';
import { ListingDetail, RemoveBody, StatusBody, VersionBody } from '../schemas/listings.js';
import { detailOf } from './detail.js';

export interface LifecycleRouteDeps {
  readonly changeStatus: ChangeListingStatus;
  readonly renew: RenewListing;
  readonly withdraw: WithdrawListing;
  readonly relist: RelistListing;
  readonly remove: RemoveListing;
  readonly views: ListingViews;
}

export function lifecycleRoutes(deps: LifecycleRouteDeps): FastifyPluginAsyncTypebox {
  const { changeStatus, renew, withdraw, relist, remove } = deps;
  const detail = detailOf(deps.views);
  const owner = {
    tags: ['lifecycle'],
    security: [{ bearerAuth: [] }],
    params: IdParams,
    response: responses({ 200: ListingDetail }),
  };
  return async (app) => {
    app.post(
      '/listings/:id/status',
      {
        schema: { ...owner, summary: '预订 / 取消预订 / 已售出', body: StatusBody },
      },
      async (request) => {
        const { status, version } = request.body;
        return detail(
          orFail(await changeStatus.execute({ actor: request.actor, listingId: request.params.id, status, version })),
          request.actor,
        );
      },
    );

    app.post(
      '/listings/:id/renew',
      {
        schema: {
          ...owner,
          summary: '擦亮: back to the top of the feed, at most once a day (429 with Retry-After)',
          body: VersionBody,
        },
      },
      async (request) => {
        const { version } = request.body;
        return detail(
          orFail(await renew.execute({ actor: request.actor, listingId: request.params.id, version })),
          request.actor,
        );
      },
    );

    app.post(
      '/listings/:id/withdraw',
      {
        schema: { ...owner, summary: '下架 by the owner; the listing stays in 我的发布', body: VersionBody },
      },
      async (request) => {
        const { version } = request.body;
        return detail(
          orFail(await withdraw.execute({ actor: request.actor, listingId: request.params.id, version })),
          request.actor,
        );
      },
    );

    app.post(
      '/listings/:id/relist',
      {
        schema: {
          ...owner,
          summary:
            '重新上架: a withdrawn listing back on sale with a fresh lifetime (409 LISTING_TRANSITION_NOT_ALLOWED for any other state)',
          body: VersionBody,
        },
      },
      async (request) => {
        const { version } = request.body;
        return detail(
          orFail(await relist.execute({ actor: request.actor, listingId: request.params.id, version })),
          request.actor,
        );
      },
    );

    app.post(
      '/admin/listings/:id/remove',
      {
        schema: { ...owner, tags: ['admin'], summary: 'An admin takes a listing down with a reason', body: RemoveBody },
      },
      async (request) => {
        const listing = orFail(
          await remove.execute({ actor: request.actor, listingId: request.params.id, reason: request.body.reason }),
        );
        return detail(listing, request.actor);
      },
    );
  };
}
