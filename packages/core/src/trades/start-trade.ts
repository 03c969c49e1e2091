import { ListingNotOpen } from '../engagement/errors.js';
import type { Listing } from '../listings/listing.js';
import type { Fen } from '../shared/money.js';
import { err, ok, type Result } from '../shared/result.js';
import { moveListing, tradeEvent, type DealDeps } from './deals.js';
import { TradeAlreadyOpen } from './errors.js';
import { Trade } from './trade.js';

/**
 * Opens a trade on a listing locked by the caller's unit of work: the listing must be on sale (active,
 * not past its lifetime) with no trade in progress; it becomes reserved for the buyer. The trade
 * store's unique key is the last word when two acceptances race past the checks.
 */
export async function startTrade(
  deps: DealDeps,
  input: { listing: Listing; buyerId: string; priceFen: Fen | null; offerId: string | null; by: string },
): Promise<Result<Trade, ListingNotOpen | TradeAlreadyOpen>> {
  const { listing } = input;
  const now = deps.clock.now();
  // The listing was read under its lock, so its status is the latest; a reserved one is spoken for.
  if (listing.status === 'reserved' || (await deps.trades.agreedOn(listing.id))) {
    return err(new TradeAlreadyOpen(listing.id));
  }
  if (listing.status !== 'active' || listing.isExpiredAt(now))
    return err(new ListingNotOpen(listing.id, listing.status));
  const trade = Trade.open({
    id: deps.ids.next(),
    listingId: listing.id,
    campusId: listing.campusId,
    sellerId: listing.ownerId,
    buyerId: input.buyerId,
    priceFen: input.priceFen,
    offerId: input.offerId,
    now,
  });
  if (!(await deps.trades.insert(trade))) return err(new TradeAlreadyOpen(listing.id));
  await moveListing(deps.lifecycle, listing, 'reserved', input.by, now);
  await deps.outbox.append([tradeEvent(deps, 'TradeOpened', trade, listing, input.by)]);
  return ok(trade);
}
