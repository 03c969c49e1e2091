import { ListingNotOpen } from '../engagement/errors.js';
import type { Actor } from '../identity/actor.js';
import type { NotAuthenticated, NotVerified, UserBanned } from '../identity/errors.js';
import { isAdminOf, requireActiveUser, requireVerifiedUser } from '../identity/policy.js';
import type { UserRepository } from '../identity/ports.js';
import type { User } from '../identity/user.js';
import { ListingNotFound, NotListingOwner } from '../listings/errors.js';
import { PRIVATE_STATUSES } from '../listings/listing.js';
import type { ListingRepository } from '../listings/ports.js';
import type { Clock } from '../shared/clock.js';
import type { EventFactory, Outbox } from '../shared/events.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { NotForSale, OwnListing } from './errors.js';
import type { WantRepository } from './ports.js';

export interface WantState {
  readonly wanted: boolean;
  readonly wantCount: number;
}

export type SetWantError =
  NotAuthenticated | UserBanned | NotVerified | ListingNotFound | ListingNotOpen | OwnListing | NotForSale;

export interface SetWantDeps {
  readonly wants: WantRepository;
  readonly listings: ListingRepository;
  readonly outbox: Outbox;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly events: EventFactory;
}

/**
 * 想要 and taking it back. Both are idempotent and answer the current state. Marking needs a verified
 * student and a live item somebody else is selling; the seller is told (ListingWanted). Taking it
 * back needs only a signed-in, unbanned student, whatever became of the listing.
 */
export class SetWant {
  constructor(private readonly deps: SetWantDeps) {}

  execute(input: { actor: Actor; listingId: string; wanted: boolean }): Promise<Result<WantState, SetWantError>> {
    const who = input.wanted ? requireVerifiedUser(input.actor, '想要') : requireActiveUser(input.actor);
    if (!who.ok) return Promise.resolve(who);
    const userId = who.value.userId;
    const { wants, listings, outbox, events, clock } = this.deps;
    return this.deps.uow.run(async () => {
      // Locked first, as for favorites: the mark's insert would share-lock the row before its counter update.
      const listing = await listings.byId(input.listingId, { forUpdate: true });
      if (!listing || (PRIVATE_STATUSES.includes(listing.status) && input.wanted)) {
        return err(new ListingNotFound(input.listingId));
      }
      if (input.wanted) {
        if (listing.ownerId === userId) return err(new OwnListing(listing.id));
        if (listing.kind === 'wanted') return err(new NotForSale(listing.id));
        if (!listing.isLive || listing.isExpiredAt(clock.now())) {
          return err(new ListingNotOpen(listing.id, listing.status));
        }
        if (await wants.add(userId, listing.id, clock.now())) {
          await listings.adjustCounters(listing.id, { wants: 1 });
          await outbox.append([
            events.create('ListingWanted', listing.id, {
              listingId: listing.id,
              campusId: listing.campusId,
              ownerId: listing.ownerId,
              userId,
              listingTitle: listing.title,
            }),
          ]);
        }
      } else if (await wants.remove(userId, listing.id)) {
        await listings.adjustCounters(listing.id, { wants: -1 });
        await outbox.append([events.create('ListingUnwanted', listing.id, { listingId: listing.id, userId })]);
      }
      const fresh = await listings.byId(listing.id);
      return ok({ wanted: input.wanted, wantCount: fresh?.wantCount ?? listing.wantCount });
    });
  }
}

export interface Wanter {
  readonly user: User | null;
  readonly userId: string;
  readonly at: Date;
}

export const WANTERS_MAX = 200;

/** 谁想要: the seller (or an admin of the campus) sees who marked the listing, newest first. */
export class ListWanters {
  constructor(
    private readonly wants: WantRepository,
    private readonly listings: ListingRepository,
    private readonly users: UserRepository,
  ) {}

  async execute(input: {
    actor: Actor;
    listingId: string;
  }): Promise<Result<Wanter[], NotAuthenticated | UserBanned | ListingNotFound | NotListingOwner>> {
    const listing = await this.listings.byId(input.listingId);
    if (input.actor.kind !== 'admin') {
      const who = requireActiveUser(input.actor);
      if (!who.ok) return who;
      if (!listing) return err(new ListingNotFound(input.listingId));
      if (listing.ownerId !== who.value.userId) return err(new NotListingOwner(listing.id));
    } else if (!listing || !isAdminOf(input.actor, listing.campusId)) {
      return err(new ListingNotFound(input.listingId));
    }
    const marks = await this.wants.wanters(listing.id, WANTERS_MAX);
    const users = new Map((await this.users.byIds(marks.map((m) => m.userId))).map((u) => [u.id, u]));
    return ok(marks.map((m) => ({ user: users.get(m.userId) ?? null, userId: m.userId, at: m.createdAt })));
  }
}
