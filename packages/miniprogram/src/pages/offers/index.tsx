import type { OfferStatus, TradeRole } from '../../api/trade-types';
import { useMyOffers } from '../../api/trades';
import { OfferCard } from '../../components/OfferCard';
import { TradeListPage } from '../../components/TradeListPage';
import '../../components/Trades.css';
import './index.css';

const ROLE_LABELS: Record<TradeRole, string> = { buyer: '我发出的', seller: '我收到的' };

const STATUSES: { value: OfferStatus | null; label: string }[] = [
  { value: null, label: '全部' },
  { value: 'open', label: '待回复' },
  { value: 'countered', label: '已还价' },
  { value: 'accepted', label: '已接受' },
  { value: 'declined', label: '已拒绝' },
];

const EMPTY: Record<TradeRole, string> = {
  buyer: '还没有出过价，在商品页点「我要出价」试试',
  seller: '还没有收到出价',
};

/** 我的出价: offers I made (withdraw, answer a counter) and offers on my listings (accept, decline, counter). */
export default function MyOffers() {
  return (
    <TradeListPage
      roleLabels={ROLE_LABELS}
      statuses={STATUSES}
      useList={useMyOffers}
      testId="offer-list"
      empty={(role, status) => (status ? '没有这个状态的出价' : EMPTY[role])}
      row={(o, role) => <OfferCard key={o.id} offer={o} role={role} showListing />}
    />
  );
}
