import { EntitySchema } from '@mikro-orm/core';

/*
 * Rows of the trades area (issue 15). Core's Offer, Trade and Rating stay plain classes; these rows add
 * what only the store needs: the keys that hold the one-at-a-time rules (`openKey`, `agreedListingId`).
 */

const id = { type: 'string', length: 26, primary: true } as const;
const ref = { type: 'string', length: 26 } as const;
const time = { type: 'datetime', length: 3 } as const;

export class WantRow {
  listingId!: string;
  userId!: string;
  createdAt!: Date;
}

export const WantSchema = new EntitySchema<WantRow>({
  class: WantRow,
  tableName: 'listing_want',
  properties: {
    listingId: { ...ref, primary: true },
    userId: { ...ref, primary: true },
    createdAt: time,
  },
});

export class OfferRow {
  id!: string;
  listingId!: string;
  campusId!: string;
  buyerId!: string;
  sellerId!: string;
  priceFen!: number;
  note!: string | null;
  counterPriceFen!: number | null;
  counterNote!: string | null;
  status!: string;
  expiresAt!: Date;
  createdAt!: Date;
  updatedAt!: Date;
  tradeId!: string | null;
  /** `listingId|buyerId` while the offer waits (open, countered), else null: unique. */
  openKey!: string | null;
}

export const OfferSchema = new EntitySchema<OfferRow>({
  class: OfferRow,
  tableName: 'trade_offer',
  properties: {
    id,
    listingId: ref,
    campusId: { type: 'string', length: 40 },
    buyerId: ref,
    sellerId: ref,
    priceFen: { type: 'integer' },
    note: { type: 'text', nullable: true },
    counterPriceFen: { type: 'integer', nullable: true },
    counterNote: { type: 'text', nullable: true },
    status: { type: 'string', length: 16 },
    expiresAt: time,
    createdAt: time,
    updatedAt: time,
    tradeId: { ...ref, nullable: true },
    openKey: { type: 'string', length: 60, nullable: true },
  },
});

export class TradeRow {
  id!: string;
  listingId!: string;
  campusId!: string;
  sellerId!: string;
  buyerId!: string;
  priceFen!: number | null;
  offerId!: string | null;
  status!: string;
  sellerConfirmedAt!: Date | null;
  buyerConfirmedAt!: Date | null;
  autoCompleteAt!: Date | null;
  cancelledBy!: string | null;
  cancelReason!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  completedAt!: Date | null;
  /** The listing's id while the trade is agreed, else null: unique. */
  agreedListingId!: string | null;
}

export const TradeSchema = new EntitySchema<TradeRow>({
  class: TradeRow,
  tableName: 'trade_record',
  properties: {
    id,
    listingId: ref,
    campusId: { type: 'string', length: 40 },
    sellerId: ref,
    buyerId: ref,
    priceFen: { type: 'integer', nullable: true },
    offerId: { ...ref, nullable: true },
    status: { type: 'string', length: 16 },
    sellerConfirmedAt: { ...time, nullable: true },
    buyerConfirmedAt: { ...time, nullable: true },
    autoCompleteAt: { ...time, nullable: true },
    cancelledBy: { type: 'string', length: 8, nullable: true },
    cancelReason: { type: 'string', length: 255, nullable: true },
    createdAt: time,
    updatedAt: time,
    completedAt: { ...time, nullable: true },
    agreedListingId: { ...ref, nullable: true },
  },
});

export class RatingRow {
  id!: string;
  tradeId!: string;
  campusId!: string;
  listingId!: string;
  listingTitle!: string;
  raterId!: string;
  rateeId!: string;
  rateeRole!: string;
  score!: string;
  text!: string | null;
  createdAt!: Date;
  publishedAt!: Date;
  announced!: boolean;
  hiddenAt!: Date | null;
  replyText!: string | null;
  replyAt!: Date | null;
}

export const RatingSchema = new EntitySchema<RatingRow>({
  class: RatingRow,
  tableName: 'trade_rating',
  properties: {
    id,
    tradeId: ref,
    campusId: { type: 'string', length: 40 },
    listingId: ref,
    listingTitle: { type: 'string', length: 120 },
    raterId: ref,
    rateeId: ref,
    rateeRole: { type: 'string', length: 8 },
    score: { type: 'string', length: 8 },
    text: { type: 'text', nullable: true },
    createdAt: time,
    publishedAt: time,
    announced: { type: 'boolean' },
    hiddenAt: { ...time, nullable: true },
    replyText: { type: 'text', nullable: true },
    replyAt: { ...time, nullable: true },
  },
});

export const TRADE_SCHEMAS = [WantSchema, OfferSchema, TradeSchema, RatingSchema];
