import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import { useSignedIn, useUnreadCount } from '../api/queries';

/** 消息's place in the tab bar (app.config.ts): 首页 / 分类 / 发布 / 消息 / 我的. */
export const MESSAGES_TAB = 3;

export function badgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}

/**
 * Keeps the unread count on the 消息 tab: asked again whenever a tab page shows, cleared on logout.
 * Every tab page calls it (a tab page stays mounted, so it comes back through onShow).
 */
export function useUnreadBadge(): number {
  const signedIn = useSignedIn();
  const unread = useUnreadCount();
  const count = signedIn ? (unread.data?.unread ?? 0) : 0;
  useDidShow(() => {
    if (signedIn) void unread.refetch();
  });
  useEffect(() => {
    // Outside a tab page (or before the tab bar exists) these fail; the next show sets it again.
    if (count > 0) Taro.setTabBarBadge({ index: MESSAGES_TAB, text: badgeText(count) }).catch(() => undefined);
    else Taro.removeTabBarBadge({ index: MESSAGES_TAB }).catch(() => undefined);
  }, [count]);
  return count;
}
