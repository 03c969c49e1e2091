import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import type { ListingDetail } from '../api/types';
import { invalidateTrades, tradesApi, useListingOffers } from '../api/trades';
import { askForSubscription } from '../lib/notifications';
import { OFFLINE_PAYMENT } from '../lib/trade-labels';
import { OfferCard } from './OfferCard';
import { PriceSheet } from './PriceSheet';
import './Trades.css';

interface Props {
  listing: ListingDetail;
  signedIn: boolean;
  /** Null while the profile loads. */
  verified: boolean | null;
}

/** Why a student may not offer (or want) here, or null when they may. */
export function tradeBlocker(listing: ListingDetail, signedIn: boolean, verified: boolean | null): string | null {
  if (listing.isMine) return '这是你发布的宝贝';
  if (!signedIn) return '登录并验证学生身份后可以想要和出价';
  if (verified === false) return '验证学生身份后可以想要和出价';
  if (listing.status !== 'active') return '这件宝贝现在不能出价';
  return null;
}

/**
 * 出价 for a student looking at someone else's listing: their own offers on it (the API answers only
 * theirs) with what they may do, and the button for a new one while none is open.
 */
export function BuyerOffer({ listing, signedIn, verified }: Props) {
  const client = useQueryClient();
  const [offering, setOffering] = useState(false);
  const offers = useListingOffers(listing.id, signedIn);
  const mine = offers.data?.items ?? [];
  const open = mine.find((o) => o.status === 'open' || o.status === 'countered');
  const latest = open ?? mine.find((o) => o.status === 'accepted');
  const blocker = tradeBlocker(listing, signedIn, verified);

  const start = () => {
    if (blocker) {
      void Taro.showToast({ title: blocker, icon: 'none' });
      return;
    }
    // Within the tap (QQ asks only then): an offer waits for the seller's answer.
    void askForSubscription(['offer_countered', 'offer_accepted']);
    setOffering(true);
  };

  return (
    <View className="section" data-testid="buyer-offer">
      <View className="section-title">出价</View>
      {signedIn && offers.isPending && <View className="muted">加载中…</View>}
      {offers.isError && (
        <View className="error-text" onClick={() => void offers.refetch()}>
          {errorMessage(offers.error)}（点击重试）
        </View>
      )}
      {latest && <OfferCard offer={latest} role="buyer" embedded />}
      {!open && (
        <Button
          className={blocker ? 'btn-plain' : 'btn-primary'}
          data-testid="make-offer"
          disabled={Boolean(blocker)}
          onClick={start}
        >
          我要出价
        </Button>
      )}
      {blocker && (
        <View className="muted trade-card-line" data-testid="offer-blocked">
          {blocker}
        </View>
      )}
      <View className="muted trade-card-line" data-testid="offline-payment">
        {OFFLINE_PAYMENT}
      </View>
      {offering && (
        <PriceSheet
          title="出价"
          submitLabel="发送出价"
          askingFen={listing.price}
          onSubmit={async (fen, note) => {
            await tradesApi.makeOffer(listing.id, fen, note);
            void Taro.showToast({ title: '已出价，等待卖家回复', icon: 'none' });
            await invalidateTrades(client, listing.id);
          }}
          onClose={() => setOffering(false)}
        />
      )}
    </View>
  );
}
