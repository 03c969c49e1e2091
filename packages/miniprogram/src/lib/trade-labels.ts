import type { OfferStatus, Rating, RatingScore, Trade, TradeRole, TradeStatus, Trust } from '../api/trade-types';

export const OFFER_STATUS_LABEL: Record<OfferStatus, string> = {
  open: '等待卖家回复',
  countered: '卖家已还价',
  accepted: '已接受',
  declined: '已拒绝',
  withdrawn: '已撤回',
  expired: '已过期',
};

/** An offer's state in the words of the side looking at it: who has to answer next. */
export function offerStatusLabel(status: OfferStatus, role: TradeRole): string {
  if (role === 'seller' && status === 'open') return '待你回复';
  if (role === 'seller' && status === 'countered') return '等待买家回复';
  return OFFER_STATUS_LABEL[status];
}

export const TRADE_STATUS_LABEL: Record<TradeStatus, string> = {
  agreed: '进行中',
  completed: '已完成',
  cancelled: '已取消',
};

export const SCORE_LABEL: Record<RatingScore, string> = { good: '好评', neutral: '中评', bad: '差评' };

export const SCORES: RatingScore[] = ['good', 'neutral', 'bad'];

/** Said wherever money comes up: Xianzhi never holds or moves a payment. */
export const OFFLINE_PAYMENT = '当面交易，线下付款：闲置不经手任何付款，见面验货后再付钱。';

const HOUR = 3_600_000;

/**
 * Whether my rating is public yet. Until the other side rates, `publishedAt` is the latest date it will be
 * shown (14 days after it was written), far in the future; once both have rated it is the moment of the
 * second rating. An hour's slack covers a phone's clock running behind the server's and a page opened
 * before the other side rated.
 */
export function ratingShown(rating: Pick<Rating, 'publishedAt'>, now: number): boolean {
  return Date.parse(rating.publishedAt) <= now + HOUR;
}

/** 好评率 as a whole percentage, or a dash before anyone has rated. */
export function goodShareText(trust: Trust): string {
  if (trust.goodShare === null || trust.ratingCount === 0) return '暂无';
  return `${Math.round(trust.goodShare * 100)}%`;
}

/** Which side of a trade the signed-in student is on. */
export function myRole(trade: Trade, myId: string | null | undefined): TradeRole | null {
  if (!myId) return null;
  if (trade.seller.id === myId) return 'seller';
  if (trade.buyer.id === myId) return 'buyer';
  return null;
}

/** The line under a trade's state: who still has to confirm, or how it ended. */
export function tradeProgress(trade: Trade, role: TradeRole | null): string {
  if (trade.status === 'cancelled') {
    const who = trade.cancelledBy === 'seller' ? '卖家' : trade.cancelledBy === 'buyer' ? '买家' : '';
    return `${who}已取消${trade.cancelReason ? `：${trade.cancelReason}` : ''}`;
  }
  if (trade.status === 'completed') return '交易已完成';
  const mine = role === 'seller' ? trade.sellerConfirmedAt : role === 'buyer' ? trade.buyerConfirmedAt : null;
  const theirs = role === 'seller' ? trade.buyerConfirmedAt : role === 'buyer' ? trade.sellerConfirmedAt : null;
  if (mine && !theirs) return '你已确认，等待对方确认';
  if (!mine && theirs) return '对方已确认，见面交易后请确认完成';
  return '约好时间地点，当面交易后双方确认完成';
}
