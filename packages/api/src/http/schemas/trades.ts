import { Type } from 'typebox';
import type { DealRole, OfferStatus, RatingScore, TradeStatus } from '@xianzhi/core';
import { Count, Cursor, FreeText, Id, IsoDate, Kind, Limit, Nullable, Status } from './common.js';

type Exhaustive<Union, List extends readonly Union[]> = [Exclude<Union, List[number]>] extends [never] ? List : never;
const list =
  <U>() =>
  <const L extends readonly U[]>(values: Exhaustive<U, L>) =>
    values;

export const OFFER_STATUS_VALUES = list<OfferStatus>()([
  'open',
  'countered',
  'accepted',
  'declined',
  'withdrawn',
  'expired',
]);
export const TRADE_STATUS_VALUES = list<TradeStatus>()(['agreed', 'completed', 'cancelled']);
export const RATING_SCORE_VALUES = list<RatingScore>()(['good', 'neutral', 'bad']);
export const DEAL_ROLE_VALUES = list<DealRole>()(['seller', 'buyer']);

const Role = Type.Enum([...DEAL_ROLE_VALUES]);
const PriceFen = Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'Integer fen (分), above zero' });

/** The public user summary the API uses for sellers and commenters. */
export const UserSummary = Type.Object({ id: Id, nickname: Type.String(), avatarUrl: Nullable(Type.String()) });

export const DealListing = Type.Object(
  {
    id: Id,
    title: Type.String(),
    coverUrl: Nullable(Type.String()),
    priceFen: Nullable(Count),
    status: Status,
    kind: Kind,
  },
  { description: 'The listing an offer or trade is about, as it is now' },
);

export const WantState = Type.Object({ wanted: Type.Boolean(), wantCount: Count });
export const WanterList = Type.Object({
  items: Type.Array(Type.Object({ user: UserSummary, at: IsoDate })),
});

export const Offer = Type.Object({
  id: Id,
  listing: DealListing,
  buyer: UserSummary,
  seller: UserSummary,
  priceFen: PriceFen,
  note: Nullable(Type.String()),
  counterPriceFen: Nullable(PriceFen),
  counterNote: Nullable(Type.String()),
  status: Type.Enum([...OFFER_STATUS_VALUES]),
  expiresAt: IsoDate,
  createdAt: IsoDate,
  updatedAt: IsoDate,
  tradeId: Nullable(Id),
});

export const OfferList = Type.Object({ items: Type.Array(Offer) });
export const OfferPage = Type.Object({ items: Type.Array(Offer), nextCursor: Nullable(Type.String()) });

export const MakeOfferBody = Type.Object({
  priceFen: PriceFen,
  note: Type.Optional(FreeText({ maxLength: 200, description: 'Optional, screened like comments' })),
});
export const CounterOfferBody = MakeOfferBody;

export const MyOffersQuery = Type.Object({
  role: Type.Optional(Role),
  status: Type.Optional(Type.Enum([...OFFER_STATUS_VALUES])),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

export const RatingReply = Type.Object({ text: Type.String(), createdAt: IsoDate });

export const Rating = Type.Object({
  id: Id,
  tradeId: Id,
  score: Type.Enum([...RATING_SCORE_VALUES]),
  text: Nullable(Type.String()),
  rater: UserSummary,
  ratee: UserSummary,
  rateeRole: Role,
  listingTitle: Type.String(),
  createdAt: IsoDate,
  publishedAt: IsoDate,
  reply: Nullable(RatingReply),
});

/** Admins see hidden ratings too, flagged. */
export const AdminRating = Type.Object({ ...Rating.properties, hidden: Type.Boolean() });

export const RatingPage = Type.Object({ items: Type.Array(Rating), nextCursor: Nullable(Type.String()) });
export const AdminRatingPage = Type.Object({ items: Type.Array(AdminRating), nextCursor: Nullable(Type.String()) });

export const Trade = Type.Object({
  id: Id,
  listing: DealListing,
  seller: UserSummary,
  buyer: UserSummary,
  priceFen: Nullable(Count),
  offerId: Nullable(Id),
  status: Type.Enum([...TRADE_STATUS_VALUES]),
  sellerConfirmedAt: Nullable(IsoDate),
  buyerConfirmedAt: Nullable(IsoDate),
  autoCompleteAt: Nullable(IsoDate),
  cancelledBy: Nullable(Role),
  cancelReason: Nullable(Type.String()),
  createdAt: IsoDate,
  completedAt: Nullable(IsoDate),
  myRating: Nullable(Rating),
  canRate: Type.Boolean(),
});

export const TradePage = Type.Object({ items: Type.Array(Trade), nextCursor: Nullable(Type.String()) });
export const AcceptedOffer = Type.Object({ offer: Offer, trade: Trade });

export const OpenTradeBody = Type.Object({
  buyerId: Id,
  priceFen: Type.Optional(
    Nullable(
      Type.Integer({
        minimum: 1,
        maximum: 1_000_000_000,
        description: "The agreed price in fen; the listing's price when absent (null: 面议)",
      }),
    ),
  ),
});
export const CancelTradeBody = Type.Object({ reason: FreeText({ minLength: 1, maxLength: 200 }) });
export const MyTradesQuery = Type.Object({
  role: Type.Optional(Role),
  status: Type.Optional(Type.Enum([...TRADE_STATUS_VALUES])),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

export const RateTradeBody = Type.Object({
  score: Type.Enum([...RATING_SCORE_VALUES]),
  text: Type.Optional(FreeText({ maxLength: 300, description: 'Optional, screened like comments' })),
});
export const RatingReplyBody = Type.Object({ text: FreeText({ minLength: 1, maxLength: 300 }) });
export const PageQuery = Type.Object({ cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) });

export const Trust = Type.Object(
  {
    completedAsSeller: Count,
    completedAsBuyer: Count,
    ratingCount: Count,
    goodShare: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
  },
  { description: 'Completed trades on each side and the share of 好评 among the shown ratings' },
);
