import type { Actor, UserActor } from '../identity/actor.js';
import type { NotAuthenticated, UserBanned } from '../identity/errors.js';
import { requireActiveUser } from '../identity/policy.js';
import { err, ok, type Result } from '../shared/result.js';
import { ListingNotFound, ListingVersionConflict, NotListingOwner } from './errors.js';
import type { Listing } from './listing.js';
import type { ListingRepository } from './ports.js';

export type OwnedListingError =
  NotAuthenticated | UserBanned | ListingNotFound | NotListingOwner | ListingVersionConflict;

/**
 * Loads a listing for a change by its owner, locked for the rest of the unit of work. When the
 * caller names the version it saw, a newer stored version refuses the change instead of
 * overwriting someone else's.
 */
export async function loadOwnListingForUpdate(
  listings: ListingRepository,
  actor: Actor,
  listingId: string,
  expectedVersion: number | undefined,
): Promise<Result<{ listing: Listing; owner: UserActor }, OwnedListingError>> {
  const who = requireActiveUser(actor);
  if (!who.ok) return who;
  const listing = await listings.byId(listingId, { forUpdate: true });
  if (!listing) return err(new ListingNotFound(listingId));
  if (listing.ownerId !== who.value.userId) return err(new NotListingOwner(listingId));
  if (expectedVersion !== undefined && expectedVersion !== listing.version) {
    return err(new ListingVersionConflict(listingId, expectedVersion, listing.version));
  }
  return ok({ listing, owner: who.value });
}
