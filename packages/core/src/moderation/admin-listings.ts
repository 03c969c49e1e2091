import type { ListingKind } from '../catalog/dimensions.js';
import type { Actor } from '../identity/actor.js';
import type { AdminScope } from '../identity/admin.js';
import type { AdminOnly, NotAuthenticated } from '../identity/errors.js';
import { requireAdmin, requireAdminOf } from '../identity/policy.js';
import type { UserRepository } from '../identity/ports.js';
import { ListingNotFound } from '../listings/errors.js';
import type { ListingStatus } from '../listings/listing.js';
import type { ListingDayCount, ListingDirectory, ListingRepository } from '../listings/ports.js';
import { dayBefore } from '../listings/search-log.js';
import { chinaDay, type Clock } from '../shared/clock.js';
import { err, ok, type Result } from '../shared/result.js';
import { listScope, withSellers, type AdminListingSummary } from './admin-scope.js';

export interface AdminListingQuery {
  readonly actor: Actor;
  readonly campusId?: string;
  readonly status?: ListingStatus;
  readonly kind?: ListingKind;
  /** Part of the title. */
  readonly q?: string;
  readonly before: { readonly createdAt: Date; readonly id: string } | null;
  readonly limit: number;
}

/** Listings of every status for the back office, newest first; campus admins see their own campus only. */
export class ListAdminListings {
  constructor(
    private readonly directory: ListingDirectory,
    private readonly users: UserRepository,
  ) {}

  async execute(
    input: AdminListingQuery,
  ): Promise<Result<AdminListingSummary[], NotAuthenticated | AdminOnly | AdminScope>> {
    const admin = requireAdmin(input.actor);
    if (!admin.ok) return admin;
    const scope = listScope(admin.value, input.campusId);
    if (!scope.ok) return scope;
    const q = input.q?.trim();
    const listings = await this.directory.search({
      ...(scope.value !== undefined ? { campusId: scope.value } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(q ? { titleContains: q } : {}),
      before: input.before,
      limit: input.limit,
    });
    return ok(await withSellers(this.users, listings));
  }
}

/** Days of views the detail shows, today (China time) included. */
export const ADMIN_VIEW_DAYS = 30;

export interface AdminListingDetail extends AdminListingSummary {
  /** Oldest first; days without views are absent. */
  readonly viewsPerDay: readonly ListingDayCount[];
}

export interface GetAdminListingDeps {
  readonly listings: ListingRepository;
  readonly directory: ListingDirectory;
  readonly users: UserRepository;
  readonly clock: Clock;
}

/** One listing of any status with what the back office needs to judge it. */
export class GetAdminListing {
  constructor(private readonly deps: GetAdminListingDeps) {}

  async execute(input: {
    actor: Actor;
    listingId: string;
  }): Promise<Result<AdminListingDetail, NotAuthenticated | AdminOnly | AdminScope | ListingNotFound>> {
    const anyAdmin = requireAdmin(input.actor);
    if (!anyAdmin.ok) return anyAdmin;
    const listing = await this.deps.listings.byId(input.listingId);
    if (!listing) return err(new ListingNotFound(input.listingId));
    const admin = requireAdminOf(input.actor, listing.campusId);
    if (!admin.ok) return admin;
    const since = dayBefore(chinaDay(this.deps.clock.now()), ADMIN_VIEW_DAYS - 1);
    const [[summary], viewsPerDay] = await Promise.all([
      withSellers(this.deps.users, [listing]),
      this.deps.directory.viewsPerDay(listing.id, since),
    ]);
    return ok({ ...summary!, viewsPerDay });
  }
}
