import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/client';
import { listingKeys } from '../api/listing-queries';
import type { UserSummary } from '../api/trade-types';
import type { CommentList, ListingDetail } from '../api/types';
import { useListingOffers, useWanters } from '../api/trades';
import { formatDate } from '../lib/labels';
import { OFFLINE_PAYMENT } from '../lib/trade-labels';
import { BuyerPicker } from './BuyerPicker';
import { OfferCard } from './OfferCard';
import './Trades.css';

/**
 * Who may be picked as the buyer: whoever wants the listing, made an offer on it or commented, once each
 * (the first reason found), never the seller.
 */
export function buyerCandidates(
  wanters: UserSummary[],
  offerers: UserSummary[],
  comments: CommentList | undefined,
  sellerId: string,
): { user: UserSummary; why: string }[] {
  const out = new Map<string, { user: UserSummary; why: string }>();
  for (const u of wanters) if (u.id !== sellerId && !out.has(u.id)) out.set(u.id, { user: u, why: '想要' });
  for (const u of offerers) if (u.id !== sellerId && !out.has(u.id)) out.set(u.id, { user: u, why: '出过价' });
  for (const t of comments?.items ?? []) {
    for (const c of [t, ...t.replies]) {
      if (c.author.id !== sellerId && !out.has(c.author.id)) out.set(c.author.id, { user: c.author, why: '留言' });
    }
  }
  return [...out.values()];
}

const LIVE = new Set(['open', 'countered']);

/**
 * The seller's side of their listing: who wants it, the offers received with their answers, and 选择买家
 * (a trade with one of those who wanted it or commented, without an offer).
 */
export function SellerTrade({ listing }: { listing: ListingDetail }) {
  const wanters = useWanters(listing.id, true);
  const offers = useListingOffers(listing.id, true);
  const comments = useQuery({
    queryKey: listingKeys.comments(listing.id),
    queryFn: () => api.comments(listing.id),
  });
  const [picking, setPicking] = useState(false);
  const people = wanters.data?.items ?? [];
  // Open offers first (they wait for an answer), then the rest, newest first as the API sends them.
  const all = offers.data?.items ?? [];
  const sorted = [...all.filter((o) => LIVE.has(o.status)), ...all.filter((o) => !LIVE.has(o.status))];
  const candidates = buyerCandidates(
    people.map((w) => w.user),
    all.map((o) => o.buyer),
    comments.data,
    listing.seller.id,
  );

  return (
    <View data-testid="seller-trade">
      <View className="section">
        <View className="section-title">想要的人{people.length > 0 ? ` (${people.length})` : ''}</View>
        {wanters.isPending && <View className="muted">加载中…</View>}
        {wanters.isError && (
          <View className="error-text" onClick={() => void wanters.refetch()}>
            {errorMessage(wanters.error)}（点击重试）
          </View>
        )}
        {wanters.isSuccess && people.length === 0 && (
          <View className="muted" data-testid="wanters-empty">
            还没有人想要
          </View>
        )}
        {people.map((w) => (
          <View key={w.user.id} className="trade-person" data-testid="wanter">
            <Text>{w.user.nickname}</Text>
            <Text className="muted">{formatDate(w.at)}</Text>
          </View>
        ))}
      </View>

      <View className="section-title profile-list-title">收到的出价</View>
      {offers.isPending && <View className="empty">加载中…</View>}
      {offers.isError && (
        <View className="banner-error" onClick={() => void offers.refetch()}>
          {errorMessage(offers.error)}（点击重试）
        </View>
      )}
      {offers.isSuccess && sorted.length === 0 && (
        <View className="muted trade-offline-line" data-testid="offers-empty">
          还没有收到出价
        </View>
      )}
      {sorted.map((o) => (
        <OfferCard key={o.id} offer={o} role="seller" />
      ))}

      {listing.status === 'active' && (
        <View className="section">
          <View className="section-title">选择买家</View>
          <View className="muted">
            已经和想要、出过价或留言的同学谈好了？直接选 TA 开始交易，这件宝贝会为 TA 预留。
          </View>
          <Button className="btn-plain trade-card-line" data-testid="choose-buyer" onClick={() => setPicking(true)}>
            选择买家
          </Button>
          <View className="muted trade-card-line">{OFFLINE_PAYMENT}</View>
        </View>
      )}
      {listing.status === 'reserved' && (
        <View
          className="trade-offline-line"
          onClick={() => void Taro.navigateTo({ url: '/pages/trades/index?role=seller' })}
        >
          这件宝贝已为买家预留，去「我的交易」确认完成或取消 ›
        </View>
      )}
      {picking && (
        <BuyerPicker
          listingId={listing.id}
          askingFen={listing.price}
          candidates={candidates}
          loading={wanters.isPending || offers.isPending || comments.isPending}
          onClose={() => setPicking(false)}
        />
      )}
    </View>
  );
}
