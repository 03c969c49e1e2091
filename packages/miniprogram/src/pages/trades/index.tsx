import { Text, View } from '@tarojs/components';
import type { Trade, TradeRole, TradeStatus } from '../../api/trade-types';
import { useMyTrades } from '../../api/trades';
import { TradeListPage } from '../../components/TradeListPage';
import { formatDate } from '../../lib/labels';
import { formatFen } from '../../lib/money';
import { openTrade } from '../../lib/navigation';
import { TRADE_STATUS_LABEL, tradeProgress } from '../../lib/trade-labels';
import '../../components/Trades.css';
import './index.css';

const ROLE_LABELS: Record<TradeRole, string> = { buyer: '我买到的', seller: '我卖出的' };

const STATUSES: { value: TradeStatus | null; label: string }[] = [
  { value: null, label: '全部' },
  { value: 'agreed', label: '进行中' },
  { value: 'completed', label: '已完成' },
  { value: 'cancelled', label: '已取消' },
];

/** 我的交易: trades as buyer and as seller, by state; each opens its page (confirm, cancel, rate). */
export default function MyTrades() {
  return (
    <TradeListPage
      roleLabels={ROLE_LABELS}
      statuses={STATUSES}
      useList={useMyTrades}
      testId="trade-list"
      empty={(role, status) =>
        status ? '没有这个状态的交易' : role === 'buyer' ? '还没有买到过宝贝' : '还没有卖出过宝贝'
      }
      row={(t, role) => <TradeRow key={t.id} trade={t} role={role} />}
    />
  );
}

function TradeRow({ trade, role }: { trade: Trade; role: TradeRole }) {
  const other = role === 'seller' ? trade.buyer : trade.seller;
  const toRate = trade.status === 'completed' && trade.canRate && !trade.myRating;
  return (
    <View className="section trade-card" data-testid="trade-row" onClick={() => openTrade(trade.id)}>
      <View className="trade-card-head">
        <Text className="trade-card-title">{trade.listing.title}</Text>
        <Text className={`badge badge-${trade.status}`}>{TRADE_STATUS_LABEL[trade.status]}</Text>
      </View>
      <Text className="trade-card-line">
        <Text className="price">{formatFen(trade.priceFen)}</Text> · {role === 'seller' ? '买家' : '卖家'}{' '}
        {other.nickname}
      </Text>
      <Text className="muted trade-card-line">
        {toRate ? '交易已完成，去评价 ›' : tradeProgress(trade, role)} · {formatDate(trade.createdAt)}
      </Text>
    </View>
  );
}
