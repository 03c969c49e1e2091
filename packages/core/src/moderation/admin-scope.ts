import type { AdminActor } from '../identity/actor.js';
import { AdminScope } from '../identity/admin.js';
import { adminCovers } from '../identity/policy.js';
import { err, ok, type Result } from '../shared/result.js';
import type { User } from '../identity/user.js';
import type { Listing } from '../listings/listing.js';

/**
 * The campus a back-office list reads: a campus admin always their own (naming another is refused),
 * a super admin the one named, or every campus (undefined) when none is.
 */
export function listScope(admin: AdminActor, campusId: string | undefined): Result<string | undefined, AdminScope> {
  if (campusId !== undefined && !adminCovers(admin, campusId)) return err(new AdminScope(campusId));
  return ok(campusId ?? (admin.role === 'super_admin' ? undefined : admin.campusId!));
}

/** Who published a listing, as the back office names them. */
export interface SellerRef {
  readonly id: string;
  readonly nickname: string;
}

export interface AdminListingSummary {
  readonly listing: Listing;
  readonly seller: SellerRef;
}

/** Pairs listings with their sellers' nicknames in one batched read. */
export async function withSellers(
  users: { byIds(ids: readonly string[]): Promise<User[]> },
  listings: readonly Listing[],
): Promise<AdminListingSummary[]> {
  const owners = new Map(
    (await users.byIds([...new Set(listings.map((l) => l.ownerId))])).map((u) => [u.id, u.nickname]),
  );
  return listings.map((listing) => ({
    listing,
    seller: { id: listing.ownerId, nickname: owners.get(listing.ownerId) ?? '已注销用户' },
  }));
}
