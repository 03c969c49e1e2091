import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ListingDetail } from '../api/types';

const ADD_FRIEND_SCOPE = 'setting.addFriend';

/**
 * QQ lets a mini-program open "add friend" only through `<button open-type="addFriend">`, and only
 * after the user granted `setting.addFriend`. The web build cannot add QQ friends at all, so it
 * explains where to do it instead.
 */
export function ContactSeller({ listing }: { listing: ListingDetail }) {
  const openId = listing.seller.qqOpenId;
  const [granted, setGranted] = useState(false);

  useEffect(() => {
    if (process.env.TARO_ENV !== 'qq' || !openId) return;
    Taro.getSetting()
      .then((s) => setGranted(Boolean((s.authSetting as Record<string, boolean>)[ADD_FRIEND_SCOPE])))
      .catch(() => setGranted(false));
  }, [openId]);

  if (listing.isMine) return <Text className="muted">这是你发布的商品</Text>;
  if (!openId) return <Text className="muted contact-hint">验证学生身份后可联系卖家</Text>;

  if (process.env.TARO_ENV === 'qq') {
    if (granted) {
      return (
        <Button className="btn-primary contact-btn" openType="addFriend" openId={openId}>
          加QQ好友
        </Button>
      );
    }
    return (
      <Button
        className="btn-primary contact-btn"
        onClick={() =>
          Taro.authorize({ scope: ADD_FRIEND_SCOPE })
            .then(() => {
              setGranted(true);
              void Taro.showToast({ title: '已授权，再点一次加好友', icon: 'none' });
            })
            .catch(() => void Taro.showToast({ title: '需要授权才能添加好友', icon: 'none' }))
        }
      >
        加QQ好友
      </Button>
    );
  }

  return (
    <View>
      <Button
        className="btn-primary contact-btn"
        onClick={() =>
          void Taro.showModal({
            title: '联系卖家',
            content: `请在 QQ 中打开「闲置」小程序，进入这件商品，点击「加QQ好友」联系 ${listing.seller.nickname}。`,
            showCancel: false,
            confirmText: '知道了',
          })
        }
      >
        加QQ好友
      </Button>
    </View>
  );
}
