import type { Actor } from '../identity/actor.js';
import { isAdminOf } from '../identity/policy.js';
import { auditActorOf, type AuditLog } from '../shared/audit.js';
import { chinaDay, type Clock } from '../shared/clock.js';
import { err, ok, type Result } from '../shared/result.js';
import { ListingNotFound } from './errors.js';
import { PRIVATE_STATUSES } from './listing.js';
import type { ListingRepository, ListingViewLog } from './ports.js';
import type { ListingView, ListingViews } from './views.js';

export interface GetListingInput {
  readonly actor: Actor;
  readonly listingId: string;
  /**
   * Identifies an anonymous viewer for view counting; ignored for users. The API derives it from the
   * client address alone, so all visitors behind one address count as one viewer.
   */
  readonly anonymousViewerKey?: string;
}

export interface GetListingDeps {
  readonly listings: ListingRepository;
  readonly viewLog: ListingViewLog;
  readonly views: ListingViews;
  readonly clock: Clock;
  readonly audit: AuditLog;
}

/**
 * Listing detail. Counts a view once per viewer per listing per China day (the owner's own views
 * do not count) and reveals the seller's contact to verified viewers only. A withdrawn or removed
 * listing is visible to its owner and to admins of its campus, and is "not found" to everyone else.
 * Each reveal of the contact is audited, at most once per viewer, listing and China day.
 */
export class GetListing {
  constructor(private readonly deps: GetListingDeps) {}

  async execute(input: GetListingInput): Promise<Result<ListingView, ListingNotFound>> {
    const listing = await this.deps.listings.byId(input.listingId);
    if (!listing) return err(new ListingNotFound(input.listingId));
    const actor = input.actor;
    const isOwner = actor.kind === 'user' && actor.userId === listing.ownerId;
    const isAdmin = isAdminOf(actor, listing.campusId);
    if (PRIVATE_STATUSES.includes(listing.status) && !isOwner && !isAdmin) {
      return err(new ListingNotFound(input.listingId));
    }

    const day = chinaDay(this.deps.clock.now());
    const viewerKey =
      actor.kind === 'user' ? `u:${actor.userId}` : input.anonymousViewerKey ? `a:${input.anonymousViewerKey}` : null;
    if (viewerKey && !isOwner && listing.isLive) {
      const firstToday = await this.deps.viewLog.recordView(listing.id, viewerKey, day);
      if (firstToday) {
        await this.deps.listings.adjustCounters(listing.id, { views: 1 });
        listing.viewCount += 1;
      }
    }
    const [view] = await this.deps.views.build([listing], actor, { revealContact: true });
    if (view!.seller.qqOpenId !== null && actor.kind === 'user' && !isOwner) {
      // One audit entry per viewer, listing and China day: the day log dedupes under its own key prefix.
      const firstReveal = await this.deps.viewLog.recordView(listing.id, `c:${actor.userId}`, day);
      if (firstReveal) {
        await this.deps.audit.record({
          actor: auditActorOf(actor),
          action: 'contact.reveal',
          targetType: 'listing',
          targetId: listing.id,
          campusId: listing.campusId,
          details: { sellerId: listing.ownerId },
          at: this.deps.clock.now(),
        });
      }
    }
    return ok(view!);
  }
}

export interface CountListingViewInput {
  readonly listingId: string;
  /** An anonymous viewer's key, as given to GetListing. */
  readonly anonymousViewerKey: string;
}

/**
 * The view counting of GetListing alone, for a detail the API answered from its cache of anonymous
 * details (built by GetListing for a live listing moments ago): once per viewer, listing and China day.
 */
export class CountListingView {
  constructor(
    private readonly listings: ListingRepository,
    private readonly viewLog: ListingViewLog,
    private readonly clock: Clock,
  ) {}

  async execute(input: CountListingViewInput): Promise<void> {
    const day = chinaDay(this.clock.now());
    if (await this.viewLog.recordView(input.listingId, `a:${input.anonymousViewerKey}`, day)) {
      await this.listings.adjustCounters(input.listingId, { views: 1 });
    }
  }
}
