import type { TradeNoticeKind } from '../api/trade-types';
import type { NotificationItem } from '../api/types';
import { formatFen } from './money';
import { SCORE_LABEL } from './trade-labels';

export const TRADE_KIND_LABEL: Record<TradeNoticeKind, string> = {
  want_received: '有人想要',
  offer_received: '收到出价',
  offer_countered: '卖家还价',
  offer_accepted: '出价已接受',
  offer_declined: '出价被拒绝',
  offer_expired: '出价已过期',
  trade_opened: '交易开始',
  trade_confirmed: '对方已确认',
  trade_completed: '交易完成',
  trade_cancelled: '交易取消',
  rating_received: '收到评价',
};

const TRADE_KINDS = new Set<string>(Object.keys(TRADE_KIND_LABEL));

type Data = NotificationItem['data'];

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const fen = (v: unknown) => (typeof v === 'number' ? formatFen(v) : '');

/**
 * One line for a trade notice from its data (the card shows the listing's title above it). Offers carry
 * `price` (the offer's, or the counter's), trades `price`, `tradeId` and a cancel's `reason`, a 想要 the
 * wanter's `actorNickname`, a rating its `score`. An accepted or declined offer may reach either side (the
 * seller answers an offer, the buyer a counter), so those lines name no side.
 */
export function describeTradeNotice(kind: TradeNoticeKind, d: Data): string {
  switch (kind) {
    case 'want_received':
      return `${str(d.actorNickname) || '有同学'} 想要你的宝贝`;
    case 'offer_received':
      return `收到出价 ${fen(d.price)}，可以接受、拒绝或还价`;
    case 'offer_countered':
      return `卖家还价 ${fen(d.price)}，接受后即可约时间当面交易`;
    case 'offer_accepted':
      return `出价 ${fen(d.price)} 已被接受，交易已开始`;
    case 'offer_declined':
      return `出价 ${fen(d.price)} 被拒绝`;
    case 'offer_expired':
      return `出价 ${fen(d.price)} 无人回复，已过期`;
    case 'trade_opened':
      return '卖家选择与你交易：当面交易，线下付款';
    case 'trade_confirmed':
      return '对方已确认完成，交易后请你也确认';
    case 'trade_completed':
      return '交易已完成，去评价对方吧';
    case 'trade_cancelled':
      return `交易已取消${str(d.reason) ? `：${str(d.reason)}` : ''}`;
    case 'rating_received': {
      const score = str(d.score);
      const label = score in SCORE_LABEL ? SCORE_LABEL[score as keyof typeof SCORE_LABEL] : '评价';
      return `你收到了一条${label}，可以回复一次`;
    }
  }
}

const detail = (id: string) => `/pages/detail/index?id=${encodeURIComponent(id)}`;
const trade = (id: string) => `/pages/trade/index?id=${encodeURIComponent(id)}`;

/**
 * Where a tap on a notice goes: a trade's page for trade news, 我的出价 (on the side told) for a new offer,
 * a counter or an expiry, the listing otherwise, or the page the notice names (意见反馈's reply).
 */
export function noticeTarget(n: NotificationItem): string | null {
  const d = n.data;
  const tradeId = str(d.tradeId);
  if (TRADE_KINDS.has(n.kind)) {
    switch (n.kind as TradeNoticeKind) {
      // An accepted offer opened a trade: its page (notices stored before they named it open the listing).
      case 'offer_accepted':
        return tradeId ? trade(tradeId) : n.listingId ? detail(n.listingId) : '/pages/trades/index';
      // Either side may be told of these: the listing's page shows each side its offers.
      case 'want_received':
      case 'offer_declined':
        return n.listingId ? detail(n.listingId) : '/pages/offers/index';
      case 'offer_received':
        return '/pages/offers/index?role=seller';
      case 'offer_countered':
      case 'offer_expired':
        return '/pages/offers/index?role=buyer';
      default:
        return tradeId ? trade(tradeId) : '/pages/trades/index';
    }
  }
  if (n.listingId) return detail(n.listingId);
  if (typeof d.page === 'string' && d.page.startsWith('pages/')) return `/${d.page}`;
  return null;
}
