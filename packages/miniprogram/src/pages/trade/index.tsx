import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useMe, useSignedIn } from '../../api/queries';
import type { Trade, TradeRole } from '../../api/trade-types';
import { CANCEL_REASON_MAX, invalidateTrades, tradeKeys, tradesApi, useTrade } from '../../api/trades';
import { RatingForm } from '../../components/RatingForm';
import { TextSheet } from '../../components/TextSheet';
import { TradeRatings } from '../../components/TradeRatings';
import { formatDate } from '../../lib/labels';
import { formatFen } from '../../lib/money';
import { openProfile } from '../../lib/navigation';
import { myRole, OFFLINE_PAYMENT, TRADE_STATUS_LABEL, tradeProgress } from '../../lib/trade-labels';
import '../../components/Trades.css';
import './index.css';

/** One trade as its two sides see it: confirm, cancel with a reason, and rate once it is completed. */
export default function TradePage() {
  const id = useRouter().params.id ?? '';
  const signedIn = useSignedIn();
  const trade = useTrade(signedIn ? id : '');
  const me = useMe();
  usePullDownRefresh(() => void trade.refetch().finally(() => Taro.stopPullDownRefresh()));

  if (!signedIn) return <View className="page empty">请先在「我的」页登录</View>;
  if (trade.isPending) return <View className="page empty">加载中…</View>;
  if (trade.isError) {
    return (
      <View className="page">
        <View className="empty" data-testid="trade-error" onClick={() => void trade.refetch()}>
          {errorMessage(trade.error)}（点击重试）
        </View>
      </View>
    );
  }
  return <TradeView trade={trade.data} myId={me.data?.id ?? null} />;
}

function TradeView({ trade, myId }: { trade: Trade; myId: string | null }) {
  const client = useQueryClient();
  const role = myRole(trade, myId);
  const [cancelling, setCancelling] = useState(false);
  const refresh = () => invalidateTrades(client, trade.listing.id);
  const confirm = useMutation({
    mutationFn: () => tradesApi.confirmTrade(trade.id),
    onSuccess: (next) => {
      client.setQueryData(tradeKeys.trade(trade.id), next);
      void Taro.showToast({ title: next.status === 'completed' ? '交易已完成' : '已确认，等待对方确认', icon: 'none' });
      void refresh();
    },
    onError: (e) => void Taro.showModal({ title: '确认失败', content: errorMessage(e), showCancel: false }),
  });

  const askConfirm = async () => {
    const r = await Taro.showModal({
      title: '确认完成',
      content: '确认已经当面验货、付款并交接了吗？双方都确认后交易完成，可以互相评价。',
    });
    if (r.confirm) confirm.mutate();
  };

  const other = role === 'seller' ? trade.buyer : trade.seller;
  const mineConfirmed = role === 'seller' ? trade.sellerConfirmedAt : trade.buyerConfirmedAt;
  const agreed = trade.status === 'agreed';

  return (
    <View className="page trade-page" data-testid="trade">
      <View className="section trade-card">
        <View className="trade-card-head">
          <Text
            className="trade-card-title"
            onClick={() =>
              void Taro.navigateTo({ url: `/pages/detail/index?id=${encodeURIComponent(trade.listing.id)}` })
            }
          >
            {trade.listing.title}
          </Text>
          <Text className={`badge badge-${trade.status}`} data-testid="trade-status">
            {TRADE_STATUS_LABEL[trade.status]}
          </Text>
        </View>
        <Text className="trade-card-line">
          成交价 <Text className="price">{formatFen(trade.priceFen)}</Text>
          {trade.offerId ? '（来自出价）' : ''}
        </Text>
        <Text className="trade-card-line" data-testid="trade-progress">
          {tradeProgress(trade, role)}
        </Text>
        {agreed && trade.autoCompleteAt && role === 'buyer' && (
          <Text className="muted trade-card-line">
            卖家已确认：{formatDate(trade.autoCompleteAt)} 前你不确认也不取消，交易将自动完成
          </Text>
        )}
        <Text className="muted trade-card-line">开始于 {formatDate(trade.createdAt)}</Text>
      </View>

      <View className="section">
        <Party label="卖家" role="seller" trade={trade} />
        <Party label="买家" role="buyer" trade={trade} />
      </View>

      <View className="trade-offline-line">{OFFLINE_PAYMENT}</View>

      {agreed && role && (
        <View className="section trade-card-actions">
          <Button className="btn-plain" size="mini" data-testid="trade-cancel" onClick={() => setCancelling(true)}>
            取消交易
          </Button>
          {!mineConfirmed && (
            <Button
              className="btn-primary"
              size="mini"
              data-testid="trade-confirm"
              disabled={confirm.isPending}
              onClick={() => void askConfirm()}
            >
              确认完成
            </Button>
          )}
        </View>
      )}

      {trade.status === 'completed' && role && !trade.myRating && trade.canRate && (
        <RatingForm trade={trade} otherName={other.nickname} onRated={refresh} />
      )}
      {trade.status === 'completed' && role && <TradeRatings trade={trade} myId={myId} />}

      {cancelling && (
        <TextSheet
          title="取消交易"
          placeholder="告诉对方为什么取消（必填）"
          maxLength={CANCEL_REASON_MAX}
          submitLabel="取消交易"
          closeLabel="再想想"
          emptyMessage="请写明取消原因"
          testId="cancel-sheet"
          onSubmit={async (reason) => {
            const next = await tradesApi.cancelTrade(trade.id, reason);
            client.setQueryData(tradeKeys.trade(trade.id), next);
            void Taro.showToast({ title: '交易已取消，宝贝恢复在售', icon: 'none' });
            await refresh();
          }}
          onClose={() => setCancelling(false)}
        />
      )}
    </View>
  );
}

function Party({ label, role, trade }: { label: string; role: TradeRole; trade: Trade }) {
  const user = role === 'seller' ? trade.seller : trade.buyer;
  const confirmedAt = role === 'seller' ? trade.sellerConfirmedAt : trade.buyerConfirmedAt;
  return (
    <View className="trade-person" data-testid={`party-${role}`} onClick={() => openProfile(user.id)}>
      <Text>
        {label} {user.nickname}
      </Text>
      <Text className="muted">{confirmedAt ? `${formatDate(confirmedAt)} 已确认` : '未确认'} ›</Text>
    </View>
  );
}
