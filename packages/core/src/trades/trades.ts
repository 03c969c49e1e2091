import type { ListingNotOpen } from '../engagement/errors.js';
import type { Actor } from '../identity/actor.js';
import type { NotAuthenticated, NotVerified, UserBanned } from '../identity/errors.js';
import { requireActiveUser, requireVerifiedUser } from '../identity/policy.js';
import { ListingNotFound, NotListingOwner } from '../listings/errors.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import { isValidFen } from '../shared/money.js';
import { err, ok, type Result } from '../shared/result.js';
import { moveListing, tradeEvent, type DealDeps, type OpenTradeDeps } from './deals.js';
import { BuyerNotEligible, NotForSale, TradeNotFound, type TradeAlreadyOpen, type TradeClosed } from './errors.js';
import { startTrade } from './start-trade.js';
import { CANCEL_REASON_MAX, type Trade } from './trade.js';

export type OpenTradeError =
  | NotAuthenticated
  | UserBanned
  | NotVerified
  | ValidationFailed
  | ListingNotFound
  | NotListingOwner
  | NotForSale
  | ListingNotOpen
  | TradeAlreadyOpen
  | BuyerNotEligible;

/**
 * The seller marks the listing as going to one student who wanted it or commented on it (or has an
 * offer on it), without an accepted offer: at the listing's price unless the seller names another.
 */
export class OpenTrade {
  constructor(private readonly deps: OpenTradeDeps) {}

  execute(input: {
    actor: Actor;
    listingId: string;
    buyerId: string;
    priceFen?: number | null;
  }): Promise<Result<Trade, OpenTradeError>> {
    const who = requireVerifiedUser(input.actor, '成交');
    if (!who.ok) return Promise.resolve(who);
    if (
      input.priceFen !== undefined &&
      input.priceFen !== null &&
      !(isValidFen(input.priceFen) && input.priceFen > 0)
    ) {
      return Promise.resolve(
        err(new Problems().add('priceFen', '成交价须为大于 0 的整数分（不超过 1000 万元）').toError()),
      );
    }
    const sellerId = who.value.userId;
    return this.deps.uow.run(async () => {
      const listing = await this.deps.lifecycle.listings.byId(input.listingId, { forUpdate: true });
      if (!listing) return err(new ListingNotFound(input.listingId));
      if (listing.ownerId !== sellerId) return err(new NotListingOwner(listing.id));
      if (listing.kind === 'wanted') return err(new NotForSale(listing.id));
      if (input.buyerId === sellerId || !(await this.eligible(listing.id, input.buyerId))) {
        return err(new BuyerNotEligible(input.buyerId));
      }
      return startTrade(this.deps, {
        listing,
        buyerId: input.buyerId,
        priceFen: input.priceFen ?? listing.price,
        offerId: null,
        by: sellerId,
      });
    });
  }

  private async eligible(listingId: string, buyerId: string): Promise<boolean> {
    if (await this.deps.wants.has(buyerId, listingId)) return true;
    if ((await this.deps.offers.forListing(listingId, buyerId)).length > 0) return true;
    return (await this.deps.comments.forListing(listingId)).some((c) => c.authorId === buyerId && !c.deleted);
  }
}

type TradeMoveError = NotAuthenticated | UserBanned | TradeNotFound;

/** A party of the trade, its listing locked first (every change to a listing's trades queues on that row), then the trade. */
async function loadForChange(deps: DealDeps, actor: Actor, tradeId: string) {
  const who = requireActiveUser(actor);
  if (!who.ok) return who;
  const first = await deps.trades.byId(tradeId);
  if (!first || first.roleOf(who.value.userId) === null) return err(new TradeNotFound(tradeId));
  const listing = await deps.lifecycle.listings.byId(first.listingId, { forUpdate: true });
  const trade = await deps.trades.byId(tradeId, { forUpdate: true });
  if (!listing || !trade) return err(new TradeNotFound(tradeId));
  return ok({ trade, listing, role: trade.roleOf(who.value.userId)!, userId: who.value.userId });
}

/**
 * 确认成交: each side confirms it happened. The second confirmation completes the trade and the listing
 * is sold; the seller's alone starts the buyer's AUTO_COMPLETE_DAYS to confirm or cancel.
 */
export class ConfirmTrade {
  constructor(private readonly deps: DealDeps) {}

  execute(input: { actor: Actor; tradeId: string }): Promise<Result<Trade, TradeMoveError | TradeClosed>> {
    return this.deps.uow.run(async () => {
      const loaded = await loadForChange(this.deps, input.actor, input.tradeId);
      if (!loaded.ok) return loaded;
      const { trade, listing, role, userId } = loaded.value;
      const now = this.deps.clock.now();
      const before = role === 'seller' ? trade.sellerConfirmedAt : trade.buyerConfirmedAt;
      const confirmed = trade.confirm(role, now);
      if (!confirmed.ok) return confirmed;
      if (before !== null) return ok(trade); // confirming twice changes nothing
      await this.deps.trades.save(trade);
      const events = [tradeEvent(this.deps, 'TradeConfirmed', trade, listing, userId)];
      if (confirmed.value) {
        await moveListing(this.deps.lifecycle, listing, 'sold', userId, now);
        events.push(tradeEvent(this.deps, 'TradeCompleted', trade, listing, userId));
      }
      await this.deps.outbox.append(events);
      return ok(trade);
    });
  }
}

/** Either side calls the trade off before it completes, with a reason; the listing is on sale again. */
export class CancelTrade {
  constructor(private readonly deps: DealDeps) {}

  execute(input: {
    actor: Actor;
    tradeId: string;
    reason: string;
  }): Promise<Result<Trade, TradeMoveError | TradeClosed | ValidationFailed>> {
    const reason = input.reason.trim();
    const p = new Problems()
      .check(reason.length > 0, 'reason', '请填写取消原因')
      .check(reason.length <= CANCEL_REASON_MAX, 'reason', `原因最多 ${CANCEL_REASON_MAX} 字`);
    if (p.any) return Promise.resolve(err(p.toError()));
    return this.deps.uow.run(async () => {
      const loaded = await loadForChange(this.deps, input.actor, input.tradeId);
      if (!loaded.ok) return loaded;
      const { trade, listing, role, userId } = loaded.value;
      const now = this.deps.clock.now();
      const cancelled = trade.cancel(role, reason, now);
      if (!cancelled.ok) return cancelled;
      await this.deps.trades.save(trade);
      await moveListing(this.deps.lifecycle, listing, 'active', userId, now);
      await this.deps.outbox.append([tradeEvent(this.deps, 'TradeCancelled', trade, listing, userId)]);
      return ok(trade);
    });
  }
}

/**
 * The worker's sweep: trades the seller confirmed AUTO_COMPLETE_DAYS ago, while the buyer neither
 * confirmed nor cancelled, complete by themselves. Each in its own unit, listing locked first.
 */
export class AutoCompleteTrades {
  constructor(private readonly deps: DealDeps) {}

  async execute(input: { batchSize?: number } = {}): Promise<{ completed: number }> {
    const now = this.deps.clock.now();
    const due = await this.deps.trades.dueForAutoCompletion(now, input.batchSize ?? 500);
    let completed = 0;
    for (const candidate of due) {
      const done = await this.deps.uow.run(async () => {
        const listing = await this.deps.lifecycle.listings.byId(candidate.listingId, { forUpdate: true });
        const trade = await this.deps.trades.byId(candidate.id, { forUpdate: true });
        if (!listing || !trade || !trade.autoComplete(now).ok) return false;
        await this.deps.trades.save(trade);
        await moveListing(this.deps.lifecycle, listing, 'sold', null, now);
        await this.deps.outbox.append([tradeEvent(this.deps, 'TradeCompleted', trade, listing, null)]);
        return true;
      });
      if (done) completed++;
    }
    return { completed };
  }
}
