import Taro from '@tarojs/taro';
import type { BannerTarget } from '../api/types';

/** The tab bar's pages (app.config.ts): reached with switchTab, which carries no query. */
export const TAB_PAGES = [
  'pages/home/index',
  'pages/category/index',
  'pages/publish/index',
  'pages/notifications/index',
  'pages/me/index',
];

let categoryIntent: string | null | undefined;

/** Opens 分类 on a category (a tab page takes no query, so the choice waits here for it). */
export function openCategory(categoryId: string | null): void {
  categoryIntent = categoryId;
  void Taro.switchTab({ url: '/pages/category/index' });
}

/** The category the last openCategory asked for, once; `undefined` when nothing was asked. */
export function takeCategoryIntent(): string | null | undefined {
  const intent = categoryIntent;
  categoryIntent = undefined;
  return intent;
}

/**
 * Back to the page that opened this one, or, when this page was opened first (a shared link, a reload in the
 * browser), on to `fallback` in its place: going back would leave the app (in the H5 build, to whatever the
 * browser showed before), and QQ refuses a back with no page behind.
 */
export function backOr(fallback: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: fallback });
}

/** Opens one of the app's pages by its path (`pages/about/index`), as a tab or on top of the current page. */
export function openPage(path: string): void {
  const clean = path.replace(/^\/+/, '');
  const page = clean.split('?')[0]!;
  if (TAB_PAGES.includes(page)) void Taro.switchTab({ url: `/${page}` });
  else void Taro.navigateTo({ url: `/${clean}` });
}

/** Where a tap on a banner goes: a listing, a category, a notice, a page, or nowhere. */
export function openBannerTarget(target: BannerTarget): void {
  switch (target.kind) {
    case 'listing':
      void Taro.navigateTo({ url: `/pages/detail/index?id=${encodeURIComponent(target.listingId)}` });
      return;
    case 'category':
      openCategory(target.categoryId);
      return;
    case 'notice':
      openNotice(target.noticeId);
      return;
    case 'page':
      openPage(target.path);
      return;
    case 'none':
      return;
  }
}

export function openNotice(id: string): void {
  void Taro.navigateTo({ url: `/pages/notice/index?id=${encodeURIComponent(id)}` });
}

export function openProfile(userId: string): void {
  void Taro.navigateTo({ url: `/pages/profile/index?id=${encodeURIComponent(userId)}` });
}

export function openTrade(tradeId: string): void {
  void Taro.navigateTo({ url: `/pages/trade/index?id=${encodeURIComponent(tradeId)}` });
}
