// 想要, offers, trades and ratings as the API answers them (docs/trades-api.md). Money is integer fen.

/** A student as trades show them: the public summary the API uses for sellers and commenters. */
export interface UserSummary {
  id: string;
  nickname: string;
  avatarUrl: string | null;
}

/** The listing an offer or a trade is about. */
export interface TradeListing {
  id: string;
  title: string;
  coverUrl: string | null;
  priceFen: number | null;
  status: string;
  kind: string;
}

export interface WantState {
  wanted: boolean;
  wantCount: number;
}

export interface Wanter {
  user: UserSummary;
  at: string;
}

export type OfferStatus = 'open' | 'countered' | 'accepted' | 'declined' | 'withdrawn' | 'expired';

export interface Offer {
  id: string;
  listing: TradeListing;
  buyer: UserSummary;
  seller: UserSummary;
  priceFen: number;
  note: string | null;
  counterPriceFen: number | null;
  counterNote: string | null;
  status: OfferStatus;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
  tradeId: string | null;
}

export type RatingScore = 'good' | 'neutral' | 'bad';

export interface Rating {
  id: string;
  tradeId: string;
  score: RatingScore;
  text: string | null;
  rater: UserSummary;
  ratee: UserSummary;
  rateeRole: 'seller' | 'buyer';
  listingTitle: string;
  createdAt: string;
  /** Null while only its author may see it (the other side has not rated yet, and 14 days have not passed). */
  publishedAt: string | null;
  reply: { text: string; createdAt: string } | null;
}

export type TradeStatus = 'agreed' | 'completed' | 'cancelled';

export interface Trade {
  id: string;
  listing: TradeListing;
  seller: UserSummary;
  buyer: UserSummary;
  priceFen: number;
  offerId: string | null;
  status: TradeStatus;
  sellerConfirmedAt: string | null;
  buyerConfirmedAt: string | null;
  autoCompleteAt: string | null;
  cancelledBy: 'seller' | 'buyer' | null;
  cancelReason: string | null;
  createdAt: string;
  completedAt: string | null;
  myRating: Rating | null;
  canRate: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type TradeRole = 'buyer' | 'seller';

/** What the seller profile adds: completed trades and the share of 好评 (null before any rating). */
export interface Trust {
  completedAsSeller: number;
  completedAsBuyer: number;
  ratingCount: number;
  goodShare: number | null;
}

/** The inbox kinds trades bring. */
export type TradeNoticeKind =
  | 'want_received'
  | 'offer_received'
  | 'offer_countered'
  | 'offer_accepted'
  | 'offer_declined'
  | 'offer_expired'
  | 'trade_opened'
  | 'trade_confirmed'
  | 'trade_completed'
  | 'trade_cancelled'
  | 'rating_received';
