import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client';
import type { UserSummary } from '../api/trade-types';
import { invalidateTrades, tradesApi } from '../api/trades';
import { openTrade } from '../lib/navigation';
import './TradeSheet.css';
import './Trades.css';

interface Props {
  listingId: string;
  candidates: { user: UserSummary; why: string }[];
  loading: boolean;
  onClose: () => void;
}

/** 选择买家: the seller opens a trade (at the listing's price) with one who wanted, offered or commented. */
export function BuyerPicker({ listingId, candidates, loading, onClose }: Props) {
  const client = useQueryClient();
  const open = useMutation({
    mutationFn: (buyer: UserSummary) => tradesApi.openTrade(listingId, buyer.id),
    onSuccess: (trade) => {
      void Taro.showToast({ title: '交易已开始', icon: 'none' });
      void invalidateTrades(client, listingId);
      onClose();
      openTrade(trade.id);
    },
    onError: (e) => void Taro.showModal({ title: '没能开始交易', content: errorMessage(e), showCancel: false }),
  });

  const pick = async (buyer: UserSummary) => {
    if (open.isPending) return;
    const r = await Taro.showModal({
      title: '选择买家',
      content: `和 ${buyer.nickname} 开始交易？这件宝贝会为 TA 预留。当面交易，线下付款。`,
    });
    if (r.confirm) open.mutate(buyer);
  };

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
          <View key={user.id} className="trade-person" data-testid="candidate" onClick={() => void pick(user)}>
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
