import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { UserSummary } from '../api/trade-types';
import { invalidateTrades, tradesApi } from '../api/trades';
import { fenToYuanInput } from '../lib/money';
import { openTrade } from '../lib/navigation';
import { PriceSheet } from './PriceSheet';
import './TradeSheet.css';
import './Trades.css';

interface Props {
  listingId: string;
  /** The listing's price, where the agreed price starts (null: 面议). */
  askingFen: number | null;
  candidates: { user: UserSummary; why: string }[];
  loading: boolean;
  onClose: () => void;
}

/**
 * 选择买家: the seller opens a trade with one who wanted, offered or commented, at a price they agreed (it starts
 * at the listing's; the API refuses a bad one and the sheet shows why). The listing is reserved for the buyer.
 */
export function BuyerPicker({ listingId, askingFen, candidates, loading, onClose }: Props) {
  const client = useQueryClient();
  const [chosen, setChosen] = useState<UserSummary | null>(null);

  const start = async (buyer: UserSummary, priceFen: number) => {
    const trade = await tradesApi.openTrade(listingId, buyer.id, priceFen);
    void Taro.showToast({ title: '交易已开始', icon: 'none' });
    void invalidateTrades(client, listingId);
    onClose();
    openTrade(trade.id);
  };

  if (chosen)
    return (
      <PriceSheet
        title="选择买家"
        subtitle={`和 ${chosen.nickname} 开始交易，这件宝贝会为 TA 预留`}
        submitLabel="开始交易"
        askingFen={askingFen}
        hint="填写和买家商量好的成交价"
        initialPrice={fenToYuanInput(askingFen)}
        withNote={false}
        onSubmit={(priceFen) => start(chosen, priceFen)}
        onClose={() => setChosen(null)}
      />
    );

  return (
    <View className="trade-mask" onClick={onClose}>
      <View className="trade-sheet" data-testid="buyer-picker" onClick={(e) => e.stopPropagation()}>
        <View className="trade-sheet-title">选择买家</View>
        {loading && <View className="muted">加载中…</View>}
        {!loading && candidates.length === 0 && (
          <View className="muted" data-testid="candidates-empty">
            还没有同学想要、出价或留言，有人想要后再来选择
          </View>
        )}
        {candidates.map(({ user, why }) => (
          <View key={user.id} className="trade-person" data-testid="candidate" onClick={() => setChosen(user)}>
            <Text>{user.nickname}</Text>
            <Text className="muted">{why} ›</Text>
          </View>
        ))}
        <View className="trade-actions">
          <Button className="btn-plain" size="mini" onClick={onClose}>
            取消
          </Button>
        </View>
      </View>
    </View>
  );
}
