import { DomainError } from '../shared/errors.js';

/** 想要, offers and trades are between two people: one's own listing is no party to them. */
export class OwnListing extends DomainError<'OWN_LISTING'> {
  readonly code = 'OWN_LISTING' as const;
  constructor(readonly listingId: string) {
    super('不能对自己发布的商品想要、出价或交易', { listingId });
  }
}

/** Offers and trades are for items on sale; a wanted post (求购) is answered in its comments. */
export class NotForSale extends DomainError<'LISTING_NOT_FOR_SALE'> {
  readonly code = 'LISTING_NOT_FOR_SALE' as const;
  constructor(readonly listingId: string) {
    super('求购信息不能出价或成交，请在留言里联系对方', { listingId });
  }
}

/** Unknown, or somebody else's: a third student learns nothing about an offer between two others. */
export class OfferNotFound extends DomainError<'OFFER_NOT_FOUND'> {
  readonly code = 'OFFER_NOT_FOUND' as const;
  constructor(readonly offerId: string) {
    super('出价不存在', { offerId });
  }
}

export class OfferAlreadyOpen extends DomainError<'OFFER_ALREADY_OPEN'> {
  readonly code = 'OFFER_ALREADY_OPEN' as const;
  constructor(readonly offerId: string | null) {
    super('你对这件商品已有一个进行中的出价，请等卖家回复或先撤回', { offerId });
  }
}

/** The offer has been answered, withdrawn or has expired: nothing more can be done with it. */
export class OfferNotOpen extends DomainError<'OFFER_NOT_OPEN'> {
  readonly code = 'OFFER_NOT_OPEN' as const;
  constructor(
    readonly offerId: string,
    readonly status: string,
  ) {
    super(`该出价已结束（${status}），不能再操作`, { offerId, status });
  }
}

export class OfferExpired extends DomainError<'OFFER_EXPIRED'> {
  readonly code = 'OFFER_EXPIRED' as const;
  constructor(
    readonly offerId: string,
    readonly expiresAt: Date,
  ) {
    super('该出价已过期，请重新出价', { offerId, expiresAt: expiresAt.toISOString() });
  }
}

/** A party of the offer, but not the one whose move it is (the buyer cannot accept their own offer). */
export class NotYourMove extends DomainError<'OFFER_NOT_YOUR_MOVE'> {
  readonly code = 'OFFER_NOT_YOUR_MOVE' as const;
  constructor(
    readonly offerId: string,
    readonly action: string,
  ) {
    super('现在轮到对方回复这个出价', { offerId, action });
  }
}

export class TradeNotFound extends DomainError<'TRADE_NOT_FOUND'> {
  readonly code = 'TRADE_NOT_FOUND' as const;
  constructor(readonly tradeId: string) {
    super('交易不存在', { tradeId });
  }
}

/** The listing already has a trade in progress (reserved for someone): one buyer at a time. */
export class TradeAlreadyOpen extends DomainError<'TRADE_ALREADY_OPEN'> {
  readonly code = 'TRADE_ALREADY_OPEN' as const;
  constructor(readonly listingId: string) {
    super('这件商品已和其他同学达成交易（已预订）', { listingId });
  }
}

/** Completed or cancelled: a trade that ended takes no more confirmations or cancellations. */
export class TradeClosed extends DomainError<'TRADE_CLOSED'> {
  readonly code = 'TRADE_CLOSED' as const;
  constructor(
    readonly tradeId: string,
    readonly status: string,
  ) {
    super(`交易已${status === 'completed' ? '完成' : '取消'}，不能再操作`, { tradeId, status });
  }
}

/** The seller picks a buyer among those who wanted the listing or commented on it. */
export class BuyerNotEligible extends DomainError<'BUYER_NOT_ELIGIBLE'> {
  readonly code = 'BUYER_NOT_ELIGIBLE' as const;
  constructor(readonly buyerId: string) {
    super('只能选择想要过或留言过这件商品的同学作为买家', { buyerId });
  }
}

export class RatingNotFound extends DomainError<'RATING_NOT_FOUND'> {
  readonly code = 'RATING_NOT_FOUND' as const;
  constructor(readonly ratingId: string) {
    super('评价不存在', { ratingId });
  }
}

export class TradeNotCompleted extends DomainError<'TRADE_NOT_COMPLETED'> {
  readonly code = 'TRADE_NOT_COMPLETED' as const;
  constructor(readonly tradeId: string) {
    super('交易完成后才能评价', { tradeId });
  }
}

export class AlreadyRated extends DomainError<'ALREADY_RATED'> {
  readonly code = 'ALREADY_RATED' as const;
  constructor(readonly tradeId: string) {
    super('你已经评价过这笔交易，评价不能修改', { tradeId });
  }
}

/** Only the rated person answers a rating. */
export class RatingReplyNotAllowed extends DomainError<'RATING_REPLY_NOT_ALLOWED'> {
  readonly code = 'RATING_REPLY_NOT_ALLOWED' as const;
  constructor(readonly ratingId: string) {
    super('只有被评价的人可以回复这条评价', { ratingId });
  }
}

export class RatingAlreadyReplied extends DomainError<'RATING_ALREADY_REPLIED'> {
  readonly code = 'RATING_ALREADY_REPLIED' as const;
  constructor(readonly ratingId: string) {
    super('每条评价只能回复一次', { ratingId });
  }
}
