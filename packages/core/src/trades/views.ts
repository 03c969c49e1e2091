import type { UserRepository } from '../identity/ports.js';
import type { User } from '../identity/user.js';
import type { Listing } from '../listings/listing.js';
import type { ListingRepository } from '../listings/ports.js';
import type { Clock } from '../shared/clock.js';
import type { Offer } from './offer.js';
import type { RatingRepository } from './ports.js';
import type { Rating } from './rating.js';
import type { Trade } from './trade.js';

export interface OfferView {
  readonly offer: Offer;
  readonly listing: Listing | null;
  readonly seller: User | null;
  readonly buyer: User | null;
}

export interface TradeView {
  readonly trade: Trade;
  readonly listing: Listing | null;
  readonly seller: User | null;
  readonly buyer: User | null;
  /** The viewer's own rating of this trade, shown to them whether or not it is published. */
  readonly myRating: RatingView | null;
  /** The viewer is a party, the trade completed and they have not rated it yet. */
  readonly canRate: boolean;
}

export interface RatingView {
  readonly rating: Rating;
  readonly rater: User | null;
  readonly ratee: User | null;
}

/** Resolves listings, people and the viewer's ratings for a page of offers, trades or ratings in batched reads. */
export class DealViews {
  constructor(
    private readonly listings: ListingRepository,
    private readonly users: UserRepository,
    private readonly ratings: RatingRepository,
    private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  async offers(offers: readonly Offer[]): Promise<OfferView[]> {
    const [listings, users] = await this.lookup(
      offers,
      offers.flatMap((o) => [o.sellerId, o.buyerId]),
    );
    return offers.map((offer) => ({
      offer,
      listing: listings.get(offer.listingId) ?? null,
      seller: users.get(offer.sellerId) ?? null,
      buyer: users.get(offer.buyerId) ?? null,
    }));
  }

  async trades(trades: readonly Trade[], viewerId: string | null): Promise<TradeView[]> {
    const [listings, users] = await this.lookup(
      trades,
      trades.flatMap((t) => [t.sellerId, t.buyerId]),
    );
    const out: TradeView[] = [];
    for (const trade of trades) {
      const party = viewerId !== null && trade.roleOf(viewerId) !== null;
      const mine = party ? (await this.ratings.forTrade(trade.id)).find((r) => r.raterId === viewerId) : undefined;
      const rater = mine ? (users.get(mine.raterId) ?? null) : null;
      const ratee = mine ? (users.get(mine.rateeId) ?? null) : null;
      out.push({
        trade,
        listing: listings.get(trade.listingId) ?? null,
        seller: users.get(trade.sellerId) ?? null,
        buyer: users.get(trade.buyerId) ?? null,
        myRating: mine ? { rating: mine, rater, ratee } : null,
        canRate: party && trade.status === 'completed' && !mine,
      });
    }
    return out;
  }

  async ratingViews(ratings: readonly Rating[]): Promise<RatingView[]> {
    const ids = [...new Set(ratings.flatMap((r) => [r.raterId, r.rateeId]))];
    const users = new Map((await this.users.byIds(ids)).map((u) => [u.id, u]));
    return ratings.map((rating) => ({
      rating,
      rater: users.get(rating.raterId) ?? null,
      ratee: users.get(rating.rateeId) ?? null,
    }));
  }

  private async lookup(
    deals: readonly { listingId: string }[],
    userIds: readonly string[],
  ): Promise<[Map<string, Listing>, Map<string, User>]> {
    const [listings, users] = await Promise.all([
      this.listings.byIds([...new Set(deals.map((d) => d.listingId))]),
      this.users.byIds([...new Set(userIds)]),
    ]);
    return [new Map(listings.map((l) => [l.id, l])), new Map(users.map((u) => [u.id, u]))];
  }
}
