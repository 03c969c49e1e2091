import type { Problems } from '../shared/errors.js';
import { checkSchedule, checkText, stateAt, type AnnouncementState } from './schedule.js';

/**
 * The mini-program's pages a banner may open. A banner is content an admin types in, so its page is
 * one of these, never a free path: a typo would open a blank page on every student's phone.
 */
export const MINI_PROGRAM_PAGES = [
  'pages/home/index',
  'pages/category/index',
  'pages/search/index',
  'pages/about/index',
  'pages/rules/index',
  'pages/feedback/index',
  'pages/notice/index',
  'pages/profile/index',
] as const;
export type MiniProgramPage = (typeof MINI_PROGRAM_PAGES)[number];

export const isMiniProgramPage = (path: string): path is MiniProgramPage =>
  (MINI_PROGRAM_PAGES as readonly string[]).includes(path);

/** What tapping a banner opens. Listings, categories and notices must be on the banner's campus. */
export type BannerTarget =
  | { readonly kind: 'none' }
  | { readonly kind: 'listing'; readonly listingId: string }
  | { readonly kind: 'category'; readonly categoryId: string }
  | { readonly kind: 'notice'; readonly noticeId: string }
  | { readonly kind: 'page'; readonly path: string };

/** A home-page carousel slide of one campus: a photo an admin uploaded, and where a tap goes. */
export interface Banner {
  readonly id: string;
  readonly campusId: string;
  readonly title: string;
  readonly photoId: string;
  readonly target: BannerTarget;
  /** Smaller first; ties show the newest first. */
  readonly position: number;
  readonly startsAt: Date;
  readonly endsAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** The admin account that created it. */
  readonly createdBy: string;
}

export const BANNER_LIMITS = { titleMax: 40, positionMax: 999, liveMax: 10, adminMax: 200 } as const;

/** The fields an admin sets; the rules every banner keeps, whoever writes it. */
export interface BannerFields {
  readonly title: string;
  readonly photoId: string;
  readonly target: BannerTarget;
  readonly position: number;
  readonly startsAt: Date;
  readonly endsAt: Date | null;
}

/** Checks the fields on their own (the target's existence is the use case's); answers them tidied. */
export function checkBannerFields(p: Problems, fields: BannerFields): BannerFields {
  const title = checkText(p, 'title', fields.title, { min: 1, max: BANNER_LIMITS.titleMax, name: '标题' });
  p.check(fields.photoId.trim() !== '', 'photoId', '请上传轮播图图片');
  p.check(
    Number.isInteger(fields.position) && fields.position >= 0 && fields.position <= BANNER_LIMITS.positionMax,
    'position',
    `排序须为 0 到 ${BANNER_LIMITS.positionMax} 的整数`,
  );
  checkSchedule(p, fields);
  const target = fields.target;
  if (target.kind === 'page')
    p.check(isMiniProgramPage(target.path), 'target', `跳转页面须为小程序页面之一：${MINI_PROGRAM_PAGES.join('、')}`);
  return { ...fields, title };
}

export const bannerState = (banner: Banner, now: Date): AnnouncementState => stateAt(banner, now);
