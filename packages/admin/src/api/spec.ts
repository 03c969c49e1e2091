// Shapes of the routes issue 12 adds (the agreed contract, /work/notes/spec-11-12.md), declared here until
// the API exports them from `@xianzhi/api/contract`.
import type { AdminStats as BaseStats, ListingKind, ListingStatus } from '@xianzhi/api/contract';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ClientConfig {
  mode: 'embedded' | 'production';
  demoLogin: boolean;
  defaultCampusId: string | null;
}

export interface CampusContact {
  qq?: string;
  email?: string;
  phone?: string;
  hours?: string;
}

export interface Campus {
  id: string;
  name: string;
  verification: string;
  contact: CampusContact | null;
}

export interface CampusList {
  items: Campus[];
  defaultCampusId: string | null;
}

export type ScheduleState = 'scheduled' | 'live' | 'ended';

export type BannerTarget =
  | { kind: 'none' }
  | { kind: 'listing'; listingId: string }
  | { kind: 'category'; categoryId: string }
  | { kind: 'notice'; noticeId: string }
  | { kind: 'page'; path: string };

export interface Banner {
  id: string;
  campusId: string;
  title: string;
  imageUrl: string;
  photoId: string;
  target: BannerTarget;
  position: number;
  startsAt: string;
  endsAt: string | null;
  createdAt: string;
  updatedAt: string;
  state: ScheduleState;
}

export interface BannerBody {
  campusId: string;
  title: string;
  photoId: string;
  target: BannerTarget;
  position?: number;
  startsAt?: string;
  endsAt?: string | null;
}

export interface Notice {
  id: string;
  campusId: string;
  title: string;
  body: string;
  pinned: boolean;
  startsAt: string;
  endsAt: string | null;
  createdAt: string;
  updatedAt: string;
  state: ScheduleState;
}

export interface NoticeBody {
  campusId: string;
  title: string;
  body: string;
  pinned?: boolean;
  startsAt?: string;
  endsAt?: string | null;
}

export type FeedbackState = 'open' | 'answered' | 'closed';

export interface AdminFeedback {
  id: string;
  campusId: string;
  text: string;
  photos: { id: string; url: string }[];
  state: FeedbackState;
  createdAt: string;
  updatedAt: string;
  replies: { id: string; text: string; at: string }[];
  author: { id: string; nickname: string; avatarUrl: string | null };
}

export interface AdminUserRow {
  id: string;
  nickname: string;
  avatarUrl: string | null;
  campusId: string | null;
  verified: boolean;
  verifiedAt: string | null;
  banned: boolean;
  createdAt: string;
  listingCount: number;
}

export interface AdminListingRow {
  id: string;
  title: string;
  kind: ListingKind;
  status: ListingStatus;
  price: number | null;
  campusId: string;
  coverUrl: string | null;
  seller: { id: string; nickname: string };
  createdAt: string;
  updatedAt: string;
  viewCount: number;
}

export interface AdminUserDetail {
  user: AdminUserRow;
  verification: { state: 'verified' | 'none' | 'released'; at: string | null };
  listings: AdminListingRow[];
  reports: { caseId: string; reason: string; state: string; createdAt: string }[];
  bans: { banned: boolean; reason: string; at: string; actorId: string | null }[];
}

export interface AdminListingDetail {
  listing: AdminListingRow & {
    description: string;
    photos: { id: string; url: string }[];
    categoryId: string;
    condition: string | null;
    tradeMethods: string[];
  };
  priceHistory: { price: number | null; at: string }[];
  statusHistory: { from: string | null; to: string; at: string; actorId: string | null; reason: string | null }[];
  viewsPerDay: { day: string; count: number }[];
}

type BaseDay = BaseStats['daily'][number];

/** The statistics with what issue 12 adds (views, active users, the funnel, the most viewed). */
export type AdminStats = Omit<BaseStats, 'daily'> & {
  daily: (BaseDay & { views?: number; activeUsers?: number })[];
  funnel?: { listed: number; favorited: number; commented: number; sold: number };
  topViewed?: { listingId: string; title: string; views: number }[];
};

export interface UploadedPhoto {
  id: string;
  urls: { thumb: string; medium: string; large: string };
  width: number;
  height: number;
}
