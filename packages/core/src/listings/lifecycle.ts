import type { Actor } from '../identity/actor.js';
import type { AdminScope } from '../identity/admin.js';
import type { AdminOnly, NotAuthenticated } from '../identity/errors.js';
import { requireAdmin, requireAdminOf } from '../identity/policy.js';
import { auditActorOf, type AuditLog } from '../shared/audit.js';
import type { CampusRepository } from '../identity/ports.js';
import type { Clock } from '../shared/clock.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import type { EventFactory, Outbox } from '../shared/events.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { ListingNotFound, ListingNotRemoved, type ListingTransitionNotAllowed, type RenewTooSoon } from './errors.js';
import type { Listing, ListingStatus, OwnerStatusChange } from './listing.js';
import { loadOwnListingForUpdate, type OwnedListingError } from './owned.js';
import type { ListingRepository } from './ports.js';

export interface LifecyclePorts {
  readonly listings: ListingRepository;
  readonly outbox: Outbox;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly events: EventFactory;
}

/** What every lifecycle use case needs: one place to save a transition and record its event. */
export class LifecycleDeps implements LifecyclePorts {
  readonly listings: ListingRepository;
  readonly outbox: Outbox;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly events: EventFactory;

  constructor(ports: LifecyclePorts) {
    this.listings = ports.listings;
    this.outbox = ports.outbox;
    this.uow = ports.uow;
    this.clock = ports.clock;
    this.events = ports.events;
  }

  async record(listing: Listing, from: ListingStatus, reason: string | null, by: string | null): Promise<void> {
    if (from !== listing.status) listing.noteStatusChange(from, listing.updatedAt, by, reason);
    await this.listings.save(listing);
    if (from !== listing.status) {
      await this.outbox.append([
        this.events.create('ListingStatusChanged', listing.id, {
          listingId: listing.id,
          campusId: listing.campusId,
          ownerId: listing.ownerId,
          from,
          to: listing.status,
          reason,
          by,
        }),
      ]);
    }
  }
}

export interface OwnerChangeInput {
  readonly actor: Actor;
  readonly listingId: string;
  readonly version?: number;
}

/** 预订 / 取消预订 / 已售出 (for a wanted post: 已求到). */
export class ChangeListingStatus {
  constructor(private readonly deps: LifecycleDeps) {}

  execute(
    input: OwnerChangeInput & { status: OwnerStatusChange },
  ): Promise<Result<Listing, OwnedListingError | ListingTransitionNotAllowed>> {
    const { listings, uow, clock } = this.deps;
    return uow.run(async () => {
      const loaded = await loadOwnListingForUpdate(listings, input.actor, input.listingId, input.version);
      if (!loaded.ok) return loaded;
      const listing = loaded.value.listing;
      const from = listing.status;
      const changed = listing.changeStatusByOwner(input.status, clock.now());
      if (!changed.ok) return changed;
      await this.deps.record(listing, from, null, loaded.value.owner.userId);
      return ok(listing);
    });
  }
}

/** 下架: the owner takes the listing down. Nothing is deleted; it stays in 我的发布. */
export class WithdrawListing {
  constructor(private readonly deps: LifecycleDeps) {}

  execute(input: OwnerChangeInput): Promise<Result<Listing, OwnedListingError | ListingTransitionNotAllowed>> {
    const { listings, uow, clock } = this.deps;
    return uow.run(async () => {
      const loaded = await loadOwnListingForUpdate(listings, input.actor, input.listingId, input.version);
      if (!loaded.ok) return loaded;
      const listing = loaded.value.listing;
      const from = listing.status;
      const changed = listing.withdraw(clock.now());
      if (!changed.ok) return changed;
      await this.deps.record(listing, from, null, loaded.value.owner.userId);
      return ok(listing);
    });
  }
}

/** 擦亮: renews the lifetime and moves the listing to the top of the feed, once a day. */
export class RenewListing {
  constructor(
    private readonly deps: LifecycleDeps,
    private readonly campuses: CampusRepository,
  ) {}

  execute(
    input: OwnerChangeInput,
  ): Promise<Result<Listing, OwnedListingError | ListingTransitionNotAllowed | RenewTooSoon>> {
    const { listings, uow, clock, outbox, events } = this.deps;
    return uow.run(async () => {
      const loaded = await loadOwnListingForUpdate(listings, input.actor, input.listingId, input.version);
      if (!loaded.ok) return loaded;
      const listing = loaded.value.listing;
      const campus = await this.campuses.byId(listing.campusId);
      const from = listing.status;
      const renewed = listing.renew(clock.now(), campus?.listingLifetimeDays ?? 60);
      if (!renewed.ok) return renewed;
      await this.deps.record(listing, from, null, loaded.value.owner.userId);
      await outbox.append([
        events.create('ListingRenewed', listing.id, {
          listingId: listing.id,
          campusId: listing.campusId,
          expiresAt: listing.expiresAt.toISOString(),
        }),
      ]);
      return ok(listing);
    });
  }
}

/** 重新上架: a listing the owner withdrew goes back on sale, and back into the feed and search. */
export class RelistListing {
  constructor(
    private readonly deps: LifecycleDeps,
    private readonly campuses: CampusRepository,
  ) {}

  execute(input: OwnerChangeInput): Promise<Result<Listing, OwnedListingError | ListingTransitionNotAllowed>> {
    const { listings, uow, clock } = this.deps;
    return uow.run(async () => {
      const loaded = await loadOwnListingForUpdate(listings, input.actor, input.listingId, input.version);
      if (!loaded.ok) return loaded;
      const listing = loaded.value.listing;
      const campus = await this.campuses.byId(listing.campusId);
      const from = listing.status;
      const relisted = listing.relist(clock.now(), campus?.listingLifetimeDays ?? 60);
      if (!relisted.ok) return relisted;
      // The status change alone re-indexes it for search; the feed reads the row as saved.
      await this.deps.record(listing, from, null, loaded.value.owner.userId);
      return ok(listing);
    });
  }
}

export const REMOVAL_REASON_MAX = 200;

/**
 * The steps an admin's removal and restore share: an admin, a reason (required, at most
 * REMOVAL_REASON_MAX characters), the listing locked for the change, and the admin's scope over its campus.
 */
async function lockForAdmin(
  listings: ListingRepository,
  input: { actor: Actor; listingId: string; reason: string },
  missingReason: string,
): Promise<
  Result<
    { listing: Listing; reason: string; adminId: string },
    NotAuthenticated | AdminOnly | AdminScope | ListingNotFound | ValidationFailed
  >
> {
  const anyAdmin = requireAdmin(input.actor);
  if (!anyAdmin.ok) return anyAdmin;
  const reason = input.reason.trim();
  const problems = new Problems()
    .check(reason.length > 0, 'reason', missingReason)
    .check(reason.length <= REMOVAL_REASON_MAX, 'reason', `原因最多 ${REMOVAL_REASON_MAX} 字`);
  if (problems.any) return err(problems.toError());
  const listing = await listings.byId(input.listingId, { forUpdate: true });
  if (!listing) return err(new ListingNotFound(input.listingId));
  const admin = requireAdminOf(input.actor, listing.campusId);
  if (!admin.ok) return admin;
  return ok({ listing, reason, adminId: admin.value.adminId });
}

/** An admin takes a listing down with a reason the owner will be told. */
export class RemoveListing {
  constructor(
    private readonly deps: LifecycleDeps,
    private readonly audit: AuditLog,
  ) {}

  execute(input: {
    actor: Actor;
    listingId: string;
    reason: string;
  }): Promise<
    Result<
      Listing,
      NotAuthenticated | AdminOnly | AdminScope | ListingNotFound | ListingTransitionNotAllowed | ValidationFailed
    >
  > {
    const { listings, uow, clock } = this.deps;
    return uow.run(async () => {
      const target = await lockForAdmin(listings, input, '请填写下架原因');
      if (!target.ok) return target;
      const { listing, reason, adminId } = target.value;
      const from = listing.status;
      const now = clock.now();
      const removed = listing.remove(reason, now);
      if (!removed.ok) return removed;
      await this.deps.record(listing, from, reason, adminId);
      await this.audit.record({
        actor: auditActorOf(input.actor),
        action: 'listing.remove',
        targetType: 'listing',
        targetId: listing.id,
        campusId: listing.campusId,
        details: { reason, from },
        at: now,
      });
      return ok(listing);
    });
  }
}

const RESTORABLE: readonly ListingStatus[] = ['active', 'reserved', 'sold', 'withdrawn', 'expired'];

/**
 * An admin takes back a removal, with a reason: the listing returns to the status it had before it was
 * removed (before the reports hid it, if they had), and the owner is told in the inbox. Removals older
 * than the status history are read from the removal's audit entry; if neither says, it comes back
 * withdrawn, which only its owner sees and may renew.
 */
export class RestoreListing {
  constructor(
    private readonly deps: LifecycleDeps,
    private readonly audit: AuditLog,
  ) {}

  execute(input: {
    actor: Actor;
    listingId: string;
    reason: string;
  }): Promise<
    Result<Listing, NotAuthenticated | AdminOnly | AdminScope | ListingNotFound | ListingNotRemoved | ValidationFailed>
  > {
    const { listings, uow, clock } = this.deps;
    return uow.run(async () => {
      const target = await lockForAdmin(listings, input, '请填写恢复原因');
      if (!target.ok) return target;
      const { listing, reason, adminId } = target.value;
      if (listing.status !== 'removed') return err(new ListingNotRemoved(listing.id, listing.status));
      const to = listing.statusBeforeRemoval() ?? (await this.audited(listing.id)) ?? 'withdrawn';
      const now = clock.now();
      const restored = listing.restore(to, now);
      if (!restored.ok) return err(new ListingNotRemoved(listing.id, listing.status));
      await this.deps.record(listing, 'removed', reason, adminId);
      await this.audit.record({
        actor: auditActorOf(input.actor),
        action: 'listing.restore',
        targetType: 'listing',
        targetId: listing.id,
        campusId: listing.campusId,
        details: { reason, to },
        at: now,
      });
      return ok(listing);
    });
  }

  /** The status the newest removal's audit entry names, when it is one a listing may return to. */
  private async audited(listingId: string): Promise<ListingStatus | null> {
    const [entry] = await this.audit.list({
      action: 'listing.remove',
      targetType: 'listing',
      targetId: listingId,
      limit: 1,
    });
    const from = entry?.details['from'];
    return RESTORABLE.find((s) => s === from) ?? null;
  }
}

/**
 * The expiry sweep, run periodically by the worker. Each listing expires in its own unit of work
 * so one bad row cannot hold back the rest, and a re-run after a crash simply continues.
 */
export class ExpireListings {
  constructor(private readonly deps: LifecycleDeps) {}

  async execute(input: { batchSize?: number } = {}): Promise<{ expired: number }> {
    const { listings, uow, clock } = this.deps;
    const now = clock.now();
    const due = await listings.dueForExpiry(now, input.batchSize ?? 500);
    let expired = 0;
    for (const candidate of due) {
      const done = await uow.run(async () => {
        const listing = await listings.byId(candidate.id, { forUpdate: true });
        if (!listing) return false;
        const from = listing.status;
        if (!listing.expire(now).ok) return false;
        await this.deps.record(listing, from, null, null);
        return true;
      });
      if (done) expired++;
    }
    return { expired };
  }
}
