import { Text } from '@tarojs/components';
import type { ListingDetail } from '../api/types';
import { AddFriend } from './AddFriend';

/**
 * The seller's 加QQ好友. The API gives the seller's openid to verified students only, so anyone else
 * is told to verify first (visitors on the web included: the hint says what they are missing).
 */
export function ContactSeller({ listing }: { listing: ListingDetail }) {
  const openId = listing.seller.qqOpenId;
  if (listing.isMine) return <Text className="muted">这是你发布的商品</Text>;
  if (!openId) return <Text className="muted contact-hint">验证学生身份后可联系卖家</Text>;
  return <AddFriend openId={openId} nickname={listing.seller.nickname} />;
}
