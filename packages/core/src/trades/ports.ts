import type { Offer, OfferStatus, DealRole } from './offer.js';
import type { Rating } from './rating.js';
import type { Trade, TradeStatus } from './trade.js';

export interface Want {
  readonly userId: string;
  readonly listingId: string;
  readonly createdAt: Date;
}

/** 想要 marks: one per student and listing. The listing's wantCount moves with them in the same unit. */
export interface WantRepository {
  /** True when this call created the mark; false when it existed. */
  add(userId: string, listingId: string, at: Date): Promise<boolean>;
  /** True when this call removed an existing mark. */
  remove(userId: string, listingId: string): Promise<boolean>;
  has(userId: string, listingId: string): Promise<boolean>;
  /** Which of these listings the user wants. */
  wantedAmong(userId: string, listingIds: readonly string[]): Promise<Set<string>>;
  /** Who wants the listing, newest first. */
  wanters(listingId: string, limit: number): Promise<Want[]>;
}

/** Position after the last item of a page of offers or trades: newest first by creation, id breaks ties. */
export interface DealCursor {
  readonly createdAt: Date;
  readonly id: string;
}

export interface MyOffersQuery {
  readonly userId: string;
  readonly role: DealRole;
  readonly status?: OfferStatus;
  readonly after: DealCursor | null;
  readonly limit: number;
}

export interface OfferRepository {
  /** `forUpdate` locks the row until the unit of work ends. */
  byId(id: string, options?: { forUpdate?: boolean }): Promise<Offer | null>;
  /**
   * Stores a new offer; false (nothing stored) when the buyer already has an open or countered offer on
   * the listing. The store enforces it (a unique key), so two offers sent at once leave one.
   */
  insert(offer: Offer): Promise<boolean>;
  save(offer: Offer): Promise<void>;
  /** The buyer's open or countered offer on the listing, if any. */
  openOf(listingId: string, buyerId: string): Promise<Offer | null>;
  /** Offers on a listing, newest first; only the buyer's when `buyerId` is given. */
  forListing(listingId: string, buyerId?: string): Promise<Offer[]>;
  mine(query: MyOffersQuery): Promise<Offer[]>;
  /** Open or countered offers whose time ran out at or before `now`, oldest first. */
  dueForExpiry(now: Date, limit: number): Promise<Offer[]>;
}

export interface TradesQuery {
  readonly userId: string;
  /** Either side when absent. */
  readonly role?: DealRole;
  readonly status?: TradeStatus;
  readonly after: DealCursor | null;
  readonly limit: number;
}

export interface TradeRepository {
  byId(id: string, options?: { forUpdate?: boolean }): Promise<Trade | null>;
  /**
   * Stores a new trade; false (nothing stored) when the listing already has an agreed trade. The store
   * enforces it (a unique key), so two acceptances at once leave exactly one trade.
   */
  insert(trade: Trade): Promise<boolean>;
  save(trade: Trade): Promise<void>;
  /** The listing's agreed trade, if any. */
  agreedOn(listingId: string): Promise<Trade | null>;
  list(query: TradesQuery): Promise<Trade[]>;
  /** Agreed trades whose automatic completion is due at or before `now`, oldest first. */
  dueForAutoCompletion(now: Date, limit: number): Promise<Trade[]>;
  completedCounts(userId: string): Promise<{ asSeller: number; asBuyer: number }>;
}

export interface RatingsAboutQuery {
  readonly rateeId: string;
  /** Only ratings published at or before this. */
  readonly now: Date;
  /** Admins see hidden ones too. */
  readonly includeHidden: boolean;
  /** Newest first by publication; the last rating of the previous page. */
  readonly after: { readonly publishedAt: Date; readonly id: string } | null;
  readonly limit: number;
}

export interface RatingRepository {
  byId(id: string): Promise<Rating | null>;
  /** Stores a new rating; false (nothing stored) when the rater already rated this trade. */
  insert(rating: Rating): Promise<boolean>;
  save(rating: Rating): Promise<void>;
  forTrade(tradeId: string): Promise<Rating[]>;
  about(query: RatingsAboutQuery): Promise<Rating[]>;
  /** Published by `now`, not yet announced to the rated person; oldest first. */
  dueForAnnouncement(now: Date, limit: number): Promise<Rating[]>;
  /** Published, not hidden ratings about the user: how many, and how many 好评. */
  tally(rateeId: string, now: Date): Promise<{ count: number; good: number }>;
}
