import { Button, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

/** QQ's permission to open "add friend" from this mini-program (`qq.authorize`). */
export const ADD_FRIEND_SCOPE = 'setting.addFriend';

/** Whether this build can add QQ friends at all (only the QQ mini-program can). */
export const CAN_ADD_FRIEND = process.env.TARO_ENV === 'qq';

function useAddFriendGranted(enabled: boolean): [boolean, (v: boolean) => void] {
  const [granted, setGranted] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    Taro.getSetting()
      .then((s) => setGranted(Boolean((s.authSetting as Record<string, boolean>)[ADD_FRIEND_SCOPE])))
      .catch(() => setGranted(false));
  }, [enabled]);
  return [granted, setGranted];
}

interface Props {
  /** The other student's QQ openid, which the API gives verified viewers only. */
  openId?: string | undefined;
  nickname: string;
  /** A small link (beside a comment) rather than the full-width button. */
  compact?: boolean;
  className?: string;
}

/**
 * 加QQ好友. QQ opens "add friend" only from `<button open-type="addFriend" open-id>`, and only after
 * the student granted `setting.addFriend`: the first tap asks for it, the next one adds. The web
 * build cannot add QQ friends, so it explains where to do it.
 */
export function AddFriend({ openId, nickname, compact, className = '' }: Props) {
  const [granted, setGranted] = useAddFriendGranted(CAN_ADD_FRIEND && Boolean(openId));
  const cls = `${compact ? 'add-friend-link' : 'btn-primary contact-btn'} ${className}`;
  const size = compact ? 'mini' : undefined;

  if (!CAN_ADD_FRIEND) {
    return (
      <Button
        className={cls}
        size={size}
        data-testid="add-friend"
        onClick={() =>
          void Taro.showModal({
            title: '加QQ好友',
            content: `网页版不能添加 QQ 好友。请在 QQ 中打开「闲置」小程序，找到这里，点「加QQ好友」联系 ${nickname}。`,
            showCancel: false,
            confirmText: '知道了',
          })
        }
      >
        加QQ好友
      </Button>
    );
  }
  if (!openId) return compact ? null : <Text className="muted contact-hint">验证学生身份后可加好友</Text>;
  if (granted) {
    return (
      <Button className={cls} size={size} data-testid="add-friend" openType="addFriend" openId={openId}>
        加QQ好友
      </Button>
    );
  }
  return (
    <Button
      className={cls}
      size={size}
      data-testid="add-friend"
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
