import Taro, { useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { useEffect } from 'react';

export interface ShareContent {
  /** What the card says in the chat: the price and title of a listing, a seller's name… */
  title: string;
  /** The page that opens, with its query: `/pages/detail/index?id=…`. */
  path: string;
  /** The card's picture; QQ takes a screenshot of the page when there is none. */
  imageUrl?: string | null;
}

/** Where QQ lets a page be shared from its menu: QQ friends and groups, QZone, and WeChat where QQ offers it. */
export const QQ_SHARE_ITEMS = ['qq', 'qzone', 'wechatFriends', 'wechatMoment'];

/**
 * Makes the page shareable: QQ's share menu with every target, the card for friends and groups
 * (`onShareAppMessage`) and for moments (`onShareTimeline`). The page's config must set
 * `enableShareAppMessage` and `enableShareTimeline`. On the web page, ShareButton does the sharing.
 */
export function useShare(content: ShareContent): void {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'qq') return;
    Taro.showShareMenu({ withShareTicket: true, showShareItems: QQ_SHARE_ITEMS }).catch(() => undefined);
  }, []);
  const imageUrl = content.imageUrl ?? undefined;
  useShareAppMessage(() => ({ title: content.title, path: content.path, imageUrl }));
  useShareTimeline(() => ({ title: content.title, query: content.path.split('?')[1] ?? '', imageUrl }));
}

/** The web address of a page of this app (the H5 build routes by the part after `#`). */
export function webLink(path: string): string {
  if (typeof window === 'undefined') return path;
  const { origin, pathname } = window.location;
  return `${origin}${pathname}#${path.startsWith('/') ? path : `/${path}`}`;
}

export async function copyLink(url = typeof window === 'undefined' ? '' : window.location.href): Promise<void> {
  try {
    await Taro.setClipboardData({ data: url });
    await Taro.showToast({ title: '链接已复制', icon: 'none' });
  } catch {
    await Taro.showModal({ title: '复制这个链接分享', content: url, showCancel: false });
  }
}

/** The web page's share: the phone's own share sheet (Web Share API) where there is one, else copy the link. */
export async function shareOnWeb(content: ShareContent): Promise<'shared' | 'copied' | 'cancelled'> {
  const url = webLink(content.path);
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  if (nav && typeof nav.share === 'function') {
    try {
      await nav.share({ title: content.title, text: content.title, url });
      return 'shared';
    } catch (e) {
      // The student closed the sheet: nothing to do. Anything else falls back to the link.
      if ((e as Error)?.name === 'AbortError') return 'cancelled';
    }
  }
  await copyLink(url);
  return 'copied';
}
