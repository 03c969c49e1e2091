// 想要, offers, trades and ratings: the API's contract types (docs/trades-api.md), and the few names the
// pages use for parts of them. Money is integer fen.
import type { DealRole, Offer, NotificationKind } from '@xianzhi/api/contract';

export type {
  Offer,
  OfferStatus,
  Rating,
  RatingScore,
  Trade,
  TradeStatus,
  Trust,
  WantState,
  WanterList,
} from '@xianzhi/api/contract';

/** A student as trades show them: the public summary the API uses for sellers and commenters. */
export type UserSummary = Offer['buyer'];

/** Which side of an offer or trade. */
export type TradeRole = DealRole;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The inbox kinds trades bring. */
export type TradeNoticeKind = Extract<
  NotificationKind,
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
  | 'rating_received'
>;
