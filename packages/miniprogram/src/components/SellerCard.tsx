import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useQuery } from '@tanstack/react-query';
import { profileApi } from '../api/profile';
import type { ListingDetail } from '../api/types';
import { ContactSeller } from './ContactSeller';

export const userKey = (id: string) => ['user', id] as const;

/**
 * The seller: avatar, nickname and the verified badge (from their public profile), opening that
 * profile; beside it the 加QQ好友 button.
 */
export function SellerCard({ listing }: { listing: ListingDetail }) {
  const seller = listing.seller;
  // Only for the badge: the card shows the listing's own seller fields while it loads or if it fails.
  const profile = useQuery({ queryKey: userKey(seller.id), queryFn: () => profileApi.user(seller.id), retry: false });
  const open = () => void Taro.navigateTo({ url: `/pages/profile/index?id=${encodeURIComponent(seller.id)}` });
  return (
    <View className="section detail-seller" data-testid="seller-card">
      <View className="detail-seller-info" onClick={open}>
        {seller.avatarUrl ? (
          <Image className="avatar" src={seller.avatarUrl} mode="aspectFill" />
        ) : (
          <View className="avatar avatar-placeholder">{seller.nickname.slice(0, 1)}</View>
        )}
        <View className="detail-seller-text">
          <Text className="detail-seller-name">{seller.nickname}</Text>
          {profile.data?.verified && <Text className="badge badge-verified detail-seller-badge">已认证学生</Text>}
          <Text className="muted detail-seller-more">查看主页 ›</Text>
        </View>
      </View>
      <ContactSeller listing={listing} />
    </View>
  );
}
