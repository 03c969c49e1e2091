import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {
  AdminListingDetail as AdminListingDetailView,
  AdminListingSummary,
  AdminUserSummary,
  GetAdminListing,
  GetAdminUser,
  ListAdminListings,
  ListAdminUsers,
  RestoreListing,
} from '@xianzhi/core';
import { encodeTimeIdCursor, readTimeIdCursor } from '../cursors.js';
import { orFail } from '../errors.js';
import { photoUrl } from '../presenters.js';
import {
  AdminListingDetail,
  AdminListingsPage,
  AdminListingsQuery,
  AdminUserDetail,
  AdminUsersPage,
  AdminUsersQuery,
  RestoreBody,
  type AdminListingRowBody,
  type AdminUserRowBody,
} from '../schemas/admin-ops.js';
import { IdParams, responses } from '../schemas/common.js';

export interface AdminOpsRouteDeps {
  readonly listUsers: ListAdminUsers;
  readonly getUser: GetAdminUser;
  readonly listListings: ListAdminListings;
  readonly getListing: GetAdminListing;
  readonly restore: RestoreListing;
}

/** Deliberately field by field: the student number and the QQ openid are never among them. */
function userRow({ user, listingCount }: AdminUserSummary): AdminUserRowBody {
  return {
    id: user.id,
    nickname: user.nickname,
    avatarUrl: user.avatarUrl,
    campusId: user.campusId,
    verified: user.verified,
    verifiedAt: user.verifiedAt?.toISOString() ?? null,
    banned: user.banned,
    createdAt: user.createdAt.toISOString(),
    listingCount,
  };
}

function listingRow({ listing: l, seller }: AdminListingSummary): AdminListingRowBody {
  return {
    id: l.id,
    title: l.title,
    kind: l.kind,
    status: l.status,
    price: l.price,
    campusId: l.campusId,
    coverUrl: l.photos[0] === undefined ? null : photoUrl(l.photos[0], 'thumb'),
    seller,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
    viewCount: l.viewCount,
  };
}

function listingDetail(view: AdminListingDetailView) {
  const l = view.listing;
  return {
    listing: {
      ...listingRow(view),
      description: l.description,
      photos: l.photos.map((id) => ({ id, url: photoUrl(id, 'medium') })),
      categoryId: l.categoryId,
      condition: l.condition,
      tradeMethods: l.tradeMethods,
    },
    priceHistory: l.priceHistory.map((p) => ({ price: p.to, at: p.at })),
    statusHistory: l.statusHistory.map((s) => ({
      from: s.from,
      to: s.to,
      at: s.at,
      actorId: s.by,
      reason: s.reason,
    })),
    viewsPerDay: view.viewsPerDay.map((d) => ({ day: d.day, count: d.count })),
  };
}

/** A keyset page of rows ordered by (createdAt, id), newest first; the use case was asked for one extra. */
function page<T, R>(
  items: readonly T[],
  limit: number,
  key: (item: T) => { createdAt: Date; id: string },
  row: (item: T) => R,
) {
  const shown = items.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map(row),
    nextCursor: items.length > limit && last ? encodeTimeIdCursor(key(last).createdAt, key(last).id) : null,
  };
}

function before(cursor: string | undefined): { createdAt: Date; id: string } | null {
  const read = readTimeIdCursor(cursor);
  return read && { createdAt: read.at, id: read.id };
}

/** The back office's students and listings: search, look closer, and take back a removal. */
export function adminOpsRoutes(deps: AdminOpsRouteDeps): FastifyPluginAsyncTypebox {
  const admin = { tags: ['admin'], security: [{ bearerAuth: [] }] };
  return async (app) => {
    app.get(
      '/admin/users',
      {
        schema: {
          ...admin,
          summary:
            'Students, newest first: by nickname part or exact id, verified, banned (campus admins: their campus)',
          querystring: AdminUsersQuery,
          response: responses({ 200: AdminUsersPage }),
        },
      },
      async (request) => {
        const { campusId, q, verified, banned, cursor } = request.query;
        const limit = request.query.limit ?? 20;
        const users = orFail(
          await deps.listUsers.execute({
            actor: request.actor,
            ...(campusId !== undefined ? { campusId } : {}),
            ...(q !== undefined ? { q } : {}),
            ...(verified !== undefined ? { verified } : {}),
            ...(banned !== undefined ? { banned } : {}),
            before: before(cursor),
            limit: limit + 1,
          }),
        );
        return page(users, limit, (u) => u.user, userRow);
      },
    );

    app.get(
      '/admin/users/:id',
      {
        schema: {
          ...admin,
          summary: 'One student: verification, newest listings, reports against them and their bans',
          params: IdParams,
          response: responses({ 200: AdminUserDetail }),
        },
      },
      async (request) => {
        const detail = orFail(await deps.getUser.execute({ actor: request.actor, userId: request.params.id }));
        return {
          user: userRow(detail),
          verification: { state: detail.verification.state, at: detail.verification.at?.toISOString() ?? null },
          listings: detail.listings.map(listingRow),
          reports: detail.reports.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
          bans: detail.bans.map((b) => ({ ...b, at: b.at.toISOString() })),
        };
      },
    );

    app.get(
      '/admin/listings',
      {
        schema: {
          ...admin,
          summary: 'Listings of every status, newest first: by status, kind, title part (campus admins: their campus)',
          querystring: AdminListingsQuery,
          response: responses({ 200: AdminListingsPage }),
        },
      },
      async (request) => {
        const { campusId, status, kind, q, cursor } = request.query;
        const limit = request.query.limit ?? 20;
        const listings = orFail(
          await deps.listListings.execute({
            actor: request.actor,
            ...(campusId !== undefined ? { campusId } : {}),
            ...(status !== undefined ? { status } : {}),
            ...(kind !== undefined ? { kind } : {}),
            ...(q !== undefined ? { q } : {}),
            before: before(cursor),
            limit: limit + 1,
          }),
        );
        return page(listings, limit, (s) => s.listing, listingRow);
      },
    );

    app.get(
      '/admin/listings/:id',
      {
        schema: {
          ...admin,
          summary: 'One listing of any status: photos, price and status history, views per day',
          params: IdParams,
          response: responses({ 200: AdminListingDetail }),
        },
      },
      async (request) =>
        listingDetail(orFail(await deps.getListing.execute({ actor: request.actor, listingId: request.params.id }))),
    );

    app.post(
      '/admin/listings/:id/restore',
      {
        schema: {
          ...admin,
          summary:
            'Take back a removal, with a reason: the listing returns to the status it had before and the owner is told (409 LISTING_NOT_REMOVED if it is not removed)',
          params: IdParams,
          body: RestoreBody,
          response: responses({ 200: AdminListingDetail }),
        },
      },
      async (request) => {
        const listingId = request.params.id;
        orFail(await deps.restore.execute({ actor: request.actor, listingId, reason: request.body.reason }));
        return listingDetail(orFail(await deps.getListing.execute({ actor: request.actor, listingId })));
      },
    );
  };
}
