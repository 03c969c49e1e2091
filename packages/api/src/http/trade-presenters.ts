import type { Actor, Listing, OfferView, RatingView, TradeView, User } from '@xianzhi/core';
import type { Static } from 'typebox';
import { photoUrl } from './presenters.js';
import type {
  AdminRating as AdminRatingSchema,
  DealListing as DealListingSchema,
  Offer as OfferSchema,
  Rating as RatingSchema,
  Trade as TradeSchema,
  UserSummary as UserSummarySchema,
} from './schemas/trades.js';

type UserSummary = Static<typeof UserSummarySchema>;
type DealListing = Static<typeof DealListingSchema>;

/** The signed-in student, whose own rating a trade shows. */
export const viewerId = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function userSummary(user: User | null, id: string): UserSummary {
  return { id, nickname: user?.nickname ?? '已注销用户', avatarUrl: user?.avatarUrl ?? null };
}

export function dealListing(listing: Listing | null, id: string): DealListing {
  if (!listing) return { id, title: '', coverUrl: null, priceFen: null, status: 'removed', kind: 'item' };
  return {
    id: listing.id,
    title: listing.title,
    coverUrl: listing.photos[0] === undefined ? null : photoUrl(listing.photos[0], 'thumb'),
    priceFen: listing.price,
    status: listing.status,
    kind: listing.kind,
  };
}

export function offerBody(v: OfferView): Static<typeof OfferSchema> {
  const o = v.offer;
  return {
    id: o.id,
    listing: dealListing(v.listing, o.listingId),
    buyer: userSummary(v.buyer, o.buyerId),
    seller: userSummary(v.seller, o.sellerId),
    priceFen: o.priceFen,
    note: o.note,
    counterPriceFen: o.counterPriceFen,
    counterNote: o.counterNote,
    status: o.status,
    expiresAt: o.expiresAt.toISOString(),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    tradeId: o.tradeId,
  };
}

export function ratingBody(v: RatingView): Static<typeof RatingSchema> {
  const r = v.rating;
  return {
    id: r.id,
    tradeId: r.tradeId,
    score: r.score,
    text: r.text,
    rater: userSummary(v.rater, r.raterId),
    ratee: userSummary(v.ratee, r.rateeId),
    rateeRole: r.rateeRole,
    listingTitle: r.listingTitle,
    createdAt: r.createdAt.toISOString(),
    publishedAt: r.publishedAt.toISOString(),
    reply:
      r.replyText !== null && r.replyAt !== null ? { text: r.replyText, createdAt: r.replyAt.toISOString() } : null,
  };
}

export function adminRatingBody(v: RatingView): Static<typeof AdminRatingSchema> {
  return { ...ratingBody(v), hidden: v.rating.hiddenAt !== null };
}

export function tradeBody(v: TradeView): Static<typeof TradeSchema> {
  const t = v.trade;
  return {
    id: t.id,
    listing: dealListing(v.listing, t.listingId),
    seller: userSummary(v.seller, t.sellerId),
    buyer: userSummary(v.buyer, t.buyerId),
    priceFen: t.priceFen,
    offerId: t.offerId,
    status: t.status,
    sellerConfirmedAt: iso(t.sellerConfirmedAt),
    buyerConfirmedAt: iso(t.buyerConfirmedAt),
    autoCompleteAt: iso(t.autoCompleteAt),
    cancelledBy: t.cancelledBy,
    cancelReason: t.cancelReason,
    createdAt: t.createdAt.toISOString(),
    completedAt: iso(t.completedAt),
    myRating: v.myRating ? ratingBody(v.myRating) : null,
    canRate: v.canRate,
  };
}
