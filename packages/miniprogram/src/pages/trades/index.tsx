import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { paged } from '../../api/feeds';
import { useSignedIn } from '../../api/queries';
import type { Trade, TradeRole, TradeStatus } from '../../api/trade-types';
import { useMyTrades } from '../../api/trades';
import { PageFooter } from '../../components/PageFooter';
import { TradeTabs } from '../../components/TradeTabs';
import { formatDate } from '../../lib/labels';
import { formatFen } from '../../lib/money';
import { openTrade } from '../../lib/navigation';
import { OFFLINE_PAYMENT, TRADE_STATUS_LABEL, tradeProgress } from '../../lib/trade-labels';
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
  const signedIn = useSignedIn();
  const initial = useRouter().params.role === 'seller' ? 'seller' : 'buyer';
  const [role, setRole] = useState<TradeRole>(initial);
  const [status, setStatus] = useState<TradeStatus | null>(null);
  if (!signedIn) return <View className="page empty">请先在「我的」页登录</View>;
  return (
    <View className="page trade-list-page">
      <TradeTabs
        role={role}
        roleLabels={ROLE_LABELS}
        onRole={setRole}
        status={status}
        statuses={STATUSES}
        onStatus={setStatus}
      />
      <TradeList role={role} status={status} />
      <View className="trade-offline-line">{OFFLINE_PAYMENT}</View>
    </View>
  );
}

function TradeList({ role, status }: { role: TradeRole; status: TradeStatus | null }) {
  const query = useMyTrades(role, status);
  const list = paged(query);
  useReachBottom(list.more);
  useDidShow(() => void query.refetch());
  usePullDownRefresh(() => void query.refetch().finally(() => Taro.stopPullDownRefresh()));
  return (
    <View data-testid="trade-list">
      {list.error && (
        <View className="banner-error" data-testid="list-error" onClick={list.retry}>
          {list.error}（点击重试）
        </View>
      )}
      {list.items.map((t) => (
        <TradeRow key={t.id} trade={t} role={role} />
      ))}
      {!list.loading && !list.error && list.items.length === 0 && (
        <View className="empty" data-testid="list-empty">
          {status ? '没有这个状态的交易' : role === 'buyer' ? '还没有买到过宝贝' : '还没有卖出过宝贝'}
        </View>
      )}
      <PageFooter
        loading={list.loading}
        done={list.done}
        count={list.items.length}
        loadingText="加载中…"
        onMore={list.more}
      />
    </View>
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
