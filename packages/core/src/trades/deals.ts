import type { LifecycleDeps } from '../listings/lifecycle.js';
import type { Listing } from '../listings/listing.js';
import type { Clock } from '../shared/clock.js';
import type { EventFactory, OfferEventType, Outbox, TradeEventType } from '../shared/events.js';
import type { IdGenerator } from '../shared/ids.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { Offer } from './offer.js';
import type { OfferRepository, TradeRepository, WantRepository } from './ports.js';
import type { Trade } from './trade.js';

/** The ports offers and trades share; the listing's own moves go through its lifecycle. */
export interface DealDeps {
  readonly offers: OfferRepository;
  readonly trades: TradeRepository;
  readonly lifecycle: LifecycleDeps;
  readonly outbox: Outbox;
  readonly events: EventFactory;
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

export interface OpenTradeDeps extends DealDeps {
  readonly wants: WantRepository;
  readonly comments: { forListing(listingId: string): Promise<{ authorId: string; deleted: boolean }[]> };
}

/** What the lifecycle records as the reason of a status change a trade made. */
export const TRADE_REASONS = {
  reserved: '交易进行中',
  active: '交易已取消',
  sold: '交易已完成',
} as const;

/**
 * Moves the listing with its trade (reserved while agreed, sold when completed, active when cancelled)
 * through the owner's transitions and the lifecycle's event. A listing the seller has meanwhile taken
 * elsewhere (withdrawn, marked sold, expired) stays where it is: the trade still ends.
 */
export async function moveListing(
  lifecycle: LifecycleDeps,
  listing: Listing,
  to: keyof typeof TRADE_REASONS,
  by: string | null,
  now: Date,
): Promise<void> {
  const from = listing.status;
  if (from === to) return;
  if (to === 'active' && from !== 'reserved') return;
  if (!listing.changeStatusByOwner(to, now).ok) return;
  await lifecycle.record(listing, from, TRADE_REASONS[to], by);
}

export function offerEvent(
  deps: Pick<DealDeps, 'events'>,
  type: OfferEventType,
  offer: Offer,
  listing: Listing,
  by: string | null,
) {
  return deps.events.create(type, offer.id, {
    offerId: offer.id,
    listingId: offer.listingId,
    campusId: offer.campusId,
    listingTitle: listing.title,
    sellerId: offer.sellerId,
    buyerId: offer.buyerId,
    priceFen: type === 'OfferCountered' ? (offer.counterPriceFen ?? offer.priceFen) : offer.agreedPriceFen,
    tradeId: offer.tradeId,
    by,
  });
}

export function tradeEvent(
  deps: Pick<DealDeps, 'events'>,
  type: TradeEventType,
  trade: Trade,
  listing: Listing,
  by: string | null,
) {
  return deps.events.create(type, trade.id, {
    tradeId: trade.id,
    offerId: trade.offerId,
    listingId: trade.listingId,
    campusId: trade.campusId,
    listingTitle: listing.title,
    sellerId: trade.sellerId,
    buyerId: trade.buyerId,
    priceFen: trade.priceFen,
    reason: trade.cancelReason,
    by,
  });
}
