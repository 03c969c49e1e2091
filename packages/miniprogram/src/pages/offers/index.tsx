import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { paged } from '../../api/feeds';
import { useSignedIn } from '../../api/queries';
import type { OfferStatus, TradeRole } from '../../api/trade-types';
import { useMyOffers } from '../../api/trades';
import { OfferCard } from '../../components/OfferCard';
import { PageFooter } from '../../components/PageFooter';
import { TradeTabs } from '../../components/TradeTabs';
import { OFFLINE_PAYMENT } from '../../lib/trade-labels';
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
  const signedIn = useSignedIn();
  const initial = useRouter().params.role === 'seller' ? 'seller' : 'buyer';
  const [role, setRole] = useState<TradeRole>(initial);
  const [status, setStatus] = useState<OfferStatus | null>(null);
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
      <OfferList role={role} status={status} />
      <View className="trade-offline-line">{OFFLINE_PAYMENT}</View>
    </View>
  );
}

function OfferList({ role, status }: { role: TradeRole; status: OfferStatus | null }) {
  const query = useMyOffers(role, status);
  const list = paged(query);
  useReachBottom(list.more);
  useDidShow(() => void query.refetch());
  usePullDownRefresh(() => void query.refetch().finally(() => Taro.stopPullDownRefresh()));
  return (
    <View data-testid="offer-list">
      {list.error && (
        <View className="banner-error" data-testid="list-error" onClick={list.retry}>
          {list.error}（点击重试）
        </View>
      )}
      {list.items.map((o) => (
        <OfferCard key={o.id} offer={o} role={role} showListing />
      ))}
      {!list.loading && !list.error && list.items.length === 0 && (
        <View className="empty" data-testid="list-empty">
          {status ? '没有这个状态的出价' : EMPTY[role]}
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
