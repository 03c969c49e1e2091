import { Image, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { errorMessage } from '../../api/client';
import { paged, useUserListings } from '../../api/feeds';
import { useProfile } from '../../api/queries';
import { ListingGrid } from '../../components/ListingGrid';
import { ShareButton } from '../../components/ShareButton';
import { useShare } from '../../lib/share';
import './index.css';

const since = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : `${d.getFullYear()} 年 ${d.getMonth() + 1} 月加入`;
};

/** A seller's page: who they are and what they have on sale now. Anyone may open it from a shared link. */
export default function ProfilePage() {
  const id = useRouter().params.id ?? '';
  const profile = useProfile(id);
  const listings = useUserListings(id);
  const list = paged(listings);
  const p = profile.data;
  const share = {
    title: p ? `${p.nickname} 在闲置上的 ${p.liveListingCount} 件宝贝` : '闲置 · 校园二手',
    path: `/pages/profile/index?id=${encodeURIComponent(id)}`,
    imageUrl: list.items.find((l) => l.coverPhotoUrl)?.coverPhotoUrl ?? p?.avatarUrl,
  };
  useShare(share);
  useReachBottom(list.more);
  usePullDownRefresh(() => {
    void Promise.all([profile.refetch(), listings.refetch()]).finally(() => Taro.stopPullDownRefresh());
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
      <View className="section-title profile-list-title">TA 在卖的</View>
      <ListingGrid list={list} empty="TA 现在没有在售的闲置" />
    </View>
  );
}
