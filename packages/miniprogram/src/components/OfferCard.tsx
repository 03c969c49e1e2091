import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import type { Offer, Trade, TradeRole } from '../api/trade-types';
import { invalidateTrades, tradesApi } from '../api/trades';
import { formatDate } from '../lib/labels';
import { openTrade } from '../lib/navigation';
import { formatFen } from '../lib/money';
import { offerStatusLabel } from '../lib/trade-labels';
import { PriceSheet } from './PriceSheet';
import './Trades.css';

type Act = 'accept' | 'decline' | 'withdraw';

const CONFIRM: Record<Act, { title: string; seller: string; buyer: string; done: string }> = {
  accept: {
    title: '接受出价',
    seller: '接受后这件宝贝会为 TA 预留，并开始一笔交易。当面交易，线下付款。',
    buyer: '接受卖家的还价后，这件宝贝会为你预留，并开始一笔交易。当面交易，线下付款。',
    done: '已接受，交易已开始',
  },
  decline: { title: '拒绝', seller: '确定拒绝这个出价吗？', buyer: '确定拒绝卖家的还价吗？', done: '已拒绝' },
  withdraw: { title: '撤回出价', seller: '', buyer: '确定撤回你的出价吗？', done: '已撤回' },
};

const openListing = (listingId: string) =>
  void Taro.navigateTo({ url: `/pages/detail/index?id=${encodeURIComponent(listingId)}` });

interface Props {
  offer: Offer;
  /** My side of the offer: what I may do depends on it. */
  role: TradeRole;
  /** In 我的出价 the card names its listing; on the listing's own page it need not. */
  showListing?: boolean;
  /** Inside another card (the buyer's 出价 section): no card of its own. */
  embedded?: boolean;
}

/**
 * One offer with what its two sides may do next: the seller accepts, declines or counters an open offer;
 * the buyer accepts or declines a counter, and withdraws while it is open. The server has the last word.
 */
export function OfferCard({ offer, role, showListing = false, embedded = false }: Props) {
  const client = useQueryClient();
  const [countering, setCountering] = useState(false);
  const act = useMutation({
    mutationFn: (a: Act): Promise<Offer | { offer: Offer; trade: Trade }> =>
      a === 'accept'
        ? tradesApi.acceptOffer(offer.id)
        : a === 'decline'
          ? tradesApi.declineOffer(offer.id)
          : tradesApi.withdrawOffer(offer.id),
    onSuccess: (res, a) => {
      void Taro.showToast({ title: CONFIRM[a].done, icon: 'none' });
      void invalidateTrades(client, offer.listing.id);
      if (a === 'accept' && 'trade' in res) openTrade(res.trade.id);
    },
    onError: (e) => void Taro.showModal({ title: '操作失败', content: errorMessage(e), showCancel: false }),
  });

  const run = async (a: Act) => {
    const r = await Taro.showModal({ title: CONFIRM[a].title, content: CONFIRM[a][role] });
    if (r.confirm) act.mutate(a);
  };

  const other = role === 'seller' ? offer.buyer : offer.seller;
  const { status } = offer;
  const live = status === 'open' || status === 'countered';
  const busy = act.isPending;

  return (
    <View className={`${embedded ? '' : 'section '}trade-card`} data-testid="offer">
      <View className="trade-card-head">
        {showListing ? (
          <Text className="trade-card-title" onClick={() => openListing(offer.listing.id)}>
            {offer.listing.title}
          </Text>
        ) : (
          <Text className="trade-card-title">{role === 'buyer' ? '我的出价' : other.nickname}</Text>
        )}
        <Text className={`badge badge-${status}`} data-testid="offer-status">
          {offerStatusLabel(status, role)}
        </Text>
      </View>
      {showListing && (
        <Text className="muted trade-card-line">
          {role === 'seller' ? `买家 ${other.nickname}` : `卖家 ${other.nickname}`} · 标价{' '}
          {formatFen(offer.listing.priceFen)}
        </Text>
      )}
      <Text className="trade-card-line" data-testid="offer-price">
        {role === 'buyer' ? '我出价' : 'TA 出价'} <Text className="price">{formatFen(offer.priceFen)}</Text>
        {offer.note ? `：${offer.note}` : ''}
      </Text>
      {offer.counterPriceFen !== null && (
        <Text className="trade-card-line" data-testid="offer-counter">
          {role === 'seller' ? '我还价' : '卖家还价'} <Text className="price">{formatFen(offer.counterPriceFen)}</Text>
          {offer.counterNote ? `：${offer.counterNote}` : ''}
        </Text>
      )}
      <Text className="muted trade-card-line">
        {formatDate(offer.createdAt)}
        {live ? ` · ${formatDate(offer.expiresAt)} 前有效` : ''}
      </Text>
      <View className="trade-card-actions">
        {role === 'seller' && status === 'open' && (
          <>
            <Button className="btn-plain" size="mini" disabled={busy} onClick={() => void run('decline')}>
              拒绝
            </Button>
            <Button className="btn-plain" size="mini" disabled={busy} onClick={() => setCountering(true)}>
              还价
            </Button>
            <Button className="btn-primary" size="mini" disabled={busy} onClick={() => void run('accept')}>
              接受
            </Button>
          </>
        )}
        {role === 'buyer' && live && (
          <Button className="btn-plain" size="mini" disabled={busy} onClick={() => void run('withdraw')}>
            撤回
          </Button>
        )}
        {role === 'buyer' && status === 'countered' && (
          <>
            <Button className="btn-plain" size="mini" disabled={busy} onClick={() => void run('decline')}>
              拒绝还价
            </Button>
            <Button className="btn-primary" size="mini" disabled={busy} onClick={() => void run('accept')}>
              接受还价
            </Button>
          </>
        )}
        {offer.tradeId && (
          <Button className="btn-plain" size="mini" onClick={() => openTrade(offer.tradeId!)}>
            查看交易
          </Button>
        )}
      </View>
      {countering && (
        <PriceSheet
          title={`还价给 ${offer.buyer.nickname}`}
          submitLabel="发送还价"
          askingFen={offer.listing.priceFen}
          hint={`TA 出价 ${formatFen(offer.priceFen)}`}
          onSubmit={async (fen, note) => {
            await tradesApi.counterOffer(offer.id, fen, note);
            void Taro.showToast({ title: '已还价，等待对方回复', icon: 'none' });
            await invalidateTrades(client, offer.listing.id);
          }}
          onClose={() => setCountering(false)}
        />
      )}
    </View>
  );
}
