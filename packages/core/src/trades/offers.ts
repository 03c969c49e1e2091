import { ListingNotOpen } from '../engagement/errors.js';
import type { Actor } from '../identity/actor.js';
import type { NotAuthenticated, NotVerified, UserBanned } from '../identity/errors.js';
import { requireActiveUser, requireVerifiedUser } from '../identity/policy.js';
import { ListingNotFound } from '../listings/errors.js';
import { PRIVATE_STATUSES, type Listing } from '../listings/listing.js';
import {
  noScreening,
  type ContentRisky,
  type ContentSafetyUnavailable,
  type ContentScreening,
} from '../shared/content-safety.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import { isValidFen } from '../shared/money.js';
import { err, ok, type Result } from '../shared/result.js';
import { offerEvent, type DealDeps } from './deals.js';
import {
  NotForSale,
  NotYourMove,
  OfferAlreadyOpen,
  OfferNotFound,
  OwnListing,
  type OfferExpired,
  type OfferNotOpen,
  type TradeAlreadyOpen,
} from './errors.js';
import { DEFAULT_OFFER_TTL_HOURS, Offer, OFFER_NOTE_MAX, type DealRole } from './offer.js';
import { startTrade } from './start-trade.js';
import type { Trade } from './trade.js';

export interface OfferDeps extends DealDeps {
  /** XZ_OFFER_TTL_HOURS: how long an offer (or a counter) waits for an answer. */
  readonly ttlHours?: number;
  /** Screens notes; defaults to `noScreening`. */
  readonly screening?: ContentScreening;
}

const HOUR_MS = 60 * 60 * 1000;

type PriceProblems = ValidationFailed | ContentRisky | ContentSafetyUnavailable;

/** A price above zero and a note of at most OFFER_NOTE_MAX characters, screened as comments are. */
async function checkTerms(
  screening: ContentScreening,
  priceFen: number,
  note: string | undefined,
): Promise<Result<{ priceFen: number; note: string | null }, PriceProblems>> {
  const text = (note ?? '').trim();
  const p = new Problems()
    .check(isValidFen(priceFen) && priceFen > 0, 'priceFen', '出价须为大于 0 的整数分（不超过 1000 万元）')
    .check(text.length <= OFFER_NOTE_MAX, 'note', `留言最多 ${OFFER_NOTE_MAX} 字`);
  if (p.any) return err(p.toError());
  const screened = await screening.texts([{ field: 'note', text }], { scene: 'comment' });
  if (!screened.ok) return screened;
  return ok({ priceFen, note: text === '' ? null : text });
}

export type MakeOfferError =
  | NotAuthenticated
  | UserBanned
  | NotVerified
  | PriceProblems
  | ListingNotFound
  | ListingNotOpen
  | OwnListing
  | NotForSale
  | OfferAlreadyOpen;

/** 出价: a verified student offers a price for an item on sale; one open offer per buyer and listing. */
export class MakeOffer {
  constructor(private readonly deps: OfferDeps) {}

  async execute(input: {
    actor: Actor;
    listingId: string;
    priceFen: number;
    note?: string;
  }): Promise<Result<Offer, MakeOfferError>> {
    const who = requireVerifiedUser(input.actor, '出价');
    if (!who.ok) return who;
    const terms = await checkTerms(this.deps.screening ?? noScreening, input.priceFen, input.note);
    if (!terms.ok) return terms;
    const buyerId = who.value.userId;
    const { offers, lifecycle, clock, outbox } = this.deps;
    return this.deps.uow.run(async () => {
      const listing = await lifecycle.listings.byId(input.listingId, { forUpdate: true });
      if (!listing || PRIVATE_STATUSES.includes(listing.status)) return err(new ListingNotFound(input.listingId));
      if (listing.ownerId === buyerId) return err(new OwnListing(listing.id));
      if (listing.kind === 'wanted') return err(new NotForSale(listing.id));
      const now = clock.now();
      if (listing.status !== 'active' || listing.isExpiredAt(now)) {
        return err(new ListingNotOpen(listing.id, listing.status));
      }
      const open = await offers.openOf(listing.id, buyerId);
      if (open && !open.isExpiredAt(now)) return err(new OfferAlreadyOpen(open.id));
      if (open?.expire(now).ok) {
        // The sweep had not come yet: the old one ends here, as it would have.
        await offers.save(open);
        await outbox.append([offerEvent(this.deps, 'OfferExpired', open, listing, null)]);
      }
      const offer = Offer.make({
        id: this.deps.ids.next(),
        listingId: listing.id,
        campusId: listing.campusId,
        buyerId,
        sellerId: listing.ownerId,
        priceFen: terms.value.priceFen,
        note: terms.value.note,
        now,
        ttlMs: (this.deps.ttlHours ?? DEFAULT_OFFER_TTL_HOURS) * HOUR_MS,
      });
      if (!(await offers.insert(offer))) return err(new OfferAlreadyOpen(null));
      await outbox.append([offerEvent(this.deps, 'OfferMade', offer, listing, buyerId)]);
      return ok(offer);
    });
  }
}

type MoveError = NotAuthenticated | UserBanned | OfferNotFound | NotYourMove;

/**
 * The steps every answer to an offer shares: a party of it, the listing locked first (every change to
 * a listing's offers and trades queues on that row, in that order), the offer re-read, and the move
 * allowed to this party. `mover` null: whoever's turn it is.
 */
async function loadForMove(
  deps: DealDeps,
  actor: Actor,
  offerId: string,
  action: string,
  mover: DealRole | null,
): Promise<Result<{ offer: Offer; listing: Listing; role: DealRole; userId: string }, MoveError>> {
  const who = requireActiveUser(actor);
  if (!who.ok) return who;
  const userId = who.value.userId;
  const first = await deps.offers.byId(offerId);
  if (!first || first.roleOf(userId) === null) return err(new OfferNotFound(offerId));
  const listing = await deps.lifecycle.listings.byId(first.listingId, { forUpdate: true });
  const offer = await deps.offers.byId(offerId, { forUpdate: true });
  if (!listing || !offer) return err(new OfferNotFound(offerId));
  const role = offer.roleOf(userId)!;
  const allowed = mover ?? offer.awaiting ?? role;
  if (role !== allowed) return err(new NotYourMove(offer.id, action));
  return ok({ offer, listing, role, userId });
}

export type AcceptOfferError = MoveError | OfferNotOpen | OfferExpired | ListingNotOpen | TradeAlreadyOpen;

/**
 * The seller accepts an open offer, or the buyer accepts a counter: a trade opens at the agreed price
 * and the listing is reserved for the buyer. Two acceptances on one listing at once leave one trade.
 */
export class AcceptOffer {
  constructor(private readonly deps: OfferDeps) {}

  execute(input: { actor: Actor; offerId: string }): Promise<Result<{ offer: Offer; trade: Trade }, AcceptOfferError>> {
    return this.deps.uow.run(async () => {
      const loaded = await loadForMove(this.deps, input.actor, input.offerId, 'accept', null);
      if (!loaded.ok) return loaded;
      const { offer, listing, userId } = loaded.value;
      const now = this.deps.clock.now();
      // Checked before the trade exists, so an expired offer never opens one.
      const checked = offer.accept('pending', now);
      if (!checked.ok) return checked;
      const opened = await startTrade(this.deps, {
        listing,
        buyerId: offer.buyerId,
        priceFen: offer.agreedPriceFen,
        offerId: offer.id,
        by: userId,
      });
      if (!opened.ok) return opened;
      offer.tradeId = opened.value.id;
      await this.deps.offers.save(offer);
      await this.deps.outbox.append([offerEvent(this.deps, 'OfferAccepted', offer, listing, userId)]);
      return ok({ offer, trade: opened.value });
    });
  }
}

export type DeclineOfferError = MoveError | OfferNotOpen | OfferExpired;

/** The seller declines an open offer, or the buyer declines a counter. */
export class DeclineOffer {
  constructor(private readonly deps: OfferDeps) {}

  execute(input: { actor: Actor; offerId: string }): Promise<Result<Offer, DeclineOfferError>> {
    return this.deps.uow.run(async () => {
      const loaded = await loadForMove(this.deps, input.actor, input.offerId, 'decline', null);
      if (!loaded.ok) return loaded;
      const { offer, listing, userId } = loaded.value;
      const declined = offer.decline(this.deps.clock.now());
      if (!declined.ok) return declined;
      await this.deps.offers.save(offer);
      await this.deps.outbox.append([offerEvent(this.deps, 'OfferDeclined', offer, listing, userId)]);
      return ok(offer);
    });
  }
}

export type CounterOfferError = MoveError | PriceProblems | OfferNotOpen | OfferExpired;

/** 还价: the seller answers an open offer with a price of their own; the buyer's move then. */
export class CounterOffer {
  constructor(private readonly deps: OfferDeps) {}

  async execute(input: {
    actor: Actor;
    offerId: string;
    priceFen: number;
    note?: string;
  }): Promise<Result<Offer, CounterOfferError>> {
    const terms = await checkTerms(this.deps.screening ?? noScreening, input.priceFen, input.note);
    if (!terms.ok) return terms;
    return this.deps.uow.run(async () => {
      const loaded = await loadForMove(this.deps, input.actor, input.offerId, 'counter', 'seller');
      if (!loaded.ok) return loaded;
      const { offer, listing, userId } = loaded.value;
      const ttlMs = (this.deps.ttlHours ?? DEFAULT_OFFER_TTL_HOURS) * HOUR_MS;
      const countered = offer.counter(terms.value.priceFen, terms.value.note, this.deps.clock.now(), ttlMs);
      if (!countered.ok) return countered;
      await this.deps.offers.save(offer);
      await this.deps.outbox.append([offerEvent(this.deps, 'OfferCountered', offer, listing, userId)]);
      return ok(offer);
    });
  }
}

/** The buyer takes their offer back while it waits for an answer. */
export class WithdrawOffer {
  constructor(private readonly deps: OfferDeps) {}

  execute(input: { actor: Actor; offerId: string }): Promise<Result<Offer, MoveError | OfferNotOpen>> {
    return this.deps.uow.run(async () => {
      const loaded = await loadForMove(this.deps, input.actor, input.offerId, 'withdraw', 'buyer');
      if (!loaded.ok) return loaded;
      const { offer, listing, userId } = loaded.value;
      const withdrawn = offer.withdraw(this.deps.clock.now());
      if (!withdrawn.ok) return withdrawn;
      await this.deps.offers.save(offer);
      await this.deps.outbox.append([offerEvent(this.deps, 'OfferWithdrawn', offer, listing, userId)]);
      return ok(offer);
    });
  }
}

/**
 * The expiry sweep, run periodically by the worker: open and countered offers nobody answered in time
 * end, and the buyer is told. Each in its own unit (listing locked first, as every answer does).
 */
export class ExpireOffers {
  constructor(private readonly deps: DealDeps) {}

  async execute(input: { batchSize?: number } = {}): Promise<{ expired: number }> {
    const now = this.deps.clock.now();
    const due = await this.deps.offers.dueForExpiry(now, input.batchSize ?? 500);
    let expired = 0;
    for (const candidate of due) {
      const done = await this.deps.uow.run(async () => {
        const listing = await this.deps.lifecycle.listings.byId(candidate.listingId, { forUpdate: true });
        const offer = await this.deps.offers.byId(candidate.id, { forUpdate: true });
        if (!listing || !offer || !offer.expire(now).ok) return false;
        await this.deps.offers.save(offer);
        await this.deps.outbox.append([offerEvent(this.deps, 'OfferExpired', offer, listing, null)]);
        return true;
      });
      if (done) expired++;
    }
    return { expired };
  }
}
