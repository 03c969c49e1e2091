import { Image, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { paged, useUserListings } from '../../api/feeds';
import { useMe, useProfile } from '../../api/queries';
import { useUserRatings } from '../../api/trades';
import { ListingGrid } from '../../components/ListingGrid';
import { RatingList, TrustSummary } from '../../components/ProfileTrust';
import { ShareButton } from '../../components/ShareButton';
import { useShare } from '../../lib/share';
import './index.css';

const since = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : `${d.getFullYear()} 年 ${d.getMonth() + 1} 月加入`;
};

/**
 * A seller's page: who they are, how their trades went (completed trades, 好评率, the ratings with replies)
 * and what they have on sale now. Anyone may open it from a shared link.
 */
export default function ProfilePage() {
  const id = useRouter().params.id ?? '';
  const profile = useProfile(id);
  const listings = useUserListings(id);
  const list = paged(listings);
  const ratingsQuery = useUserRatings(id);
  const ratings = paged(ratingsQuery);
  const myId = useMe().data?.id ?? null;
  const [tab, setTab] = useState<'listings' | 'ratings'>('listings');
  const p = profile.data;
  const share = {
    title: p ? `${p.nickname} 在闲置上的 ${p.liveListingCount} 件宝贝` : '闲置 · 校园二手',
    path: `/pages/profile/index?id=${encodeURIComponent(id)}`,
    imageUrl: list.items.find((l) => l.coverPhotoUrl)?.coverPhotoUrl ?? p?.avatarUrl,
  };
  useShare(share);
  useReachBottom(tab === 'listings' ? list.more : ratings.more);
  usePullDownRefresh(() => {
    void Promise.all([profile.refetch(), listings.refetch(), ratingsQuery.refetch()]).finally(() =>
      Taro.stopPullDownRefresh(),
    );
  });

  if (!id) return <View className="page empty">找不到这位同学</View>;
  if (profile.isPending) return <View className="page empty">加载中…</View>;
  if (profile.isError) {
    return (
      <View className="page">
        <View className="empty" data-testid="profile-error" onClick={() => void profile.refetch()}>
          {errorMessage(profile.error)}（点击重试）
        </View>
      </View>
    );
  }
  const trust = p!.trust;
  return (
    <View className="page profile">
      <View className="section profile-card" data-testid="profile-card">
        {p!.avatarUrl ? (
          <Image className="profile-avatar" src={p!.avatarUrl} mode="aspectFill" />
        ) : (
          <View className="profile-avatar profile-avatar-placeholder">{p!.nickname.slice(0, 1)}</View>
        )}
        <View className="profile-text">
          <View className="profile-name-row">
            <Text className="profile-nickname" data-testid="profile-nickname">
              {p!.nickname}
            </Text>
            {p!.verified && <Text className="badge badge-verified">已认证学生</Text>}
          </View>
          <Text className="muted">
            {since(p!.memberSince)} · 在售 {p!.liveListingCount} 件
          </Text>
        </View>
        <ShareButton content={share} />
      </View>
      <TrustSummary trust={trust} />
      <View className="profile-tabs">
        <Text
          className={`profile-tab ${tab === 'listings' ? 'profile-tab-active' : ''}`}
          data-testid="profile-tab-listings"
          onClick={() => setTab('listings')}
        >
          TA 在卖的
        </Text>
        <Text
          className={`profile-tab ${tab === 'ratings' ? 'profile-tab-active' : ''}`}
          data-testid="profile-tab-ratings"
          onClick={() => setTab('ratings')}
        >
          收到的评价{trust.ratingCount > 0 ? ` (${trust.ratingCount})` : ''}
        </Text>
      </View>
      {tab === 'listings' ? (
        <ListingGrid list={list} empty="TA 现在没有在售的闲置" />
      ) : (
        <RatingList list={ratings} myId={myId} />
      )}
    </View>
  );
}
