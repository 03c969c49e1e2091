// Shapes of the routes issue 12 adds that the API does not export yet (the agreed contract,
// /work/notes/spec-11-12.md); each moves to `@xianzhi/api/contract` as its branch lands.
import type { AdminStats as BaseStats, ListingKind, ListingStatus } from '@xianzhi/api/contract';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
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
