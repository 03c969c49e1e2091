import { request } from './client';
import type { ListingDetail, Me } from './types';

/** `PATCH /v1/me`: the nickname, or the avatar as one of my uploaded photos (its id); null removes it. */
export interface UpdateProfileBody {
  nickname?: string;
  avatarUrl?: string | null;
}

/** `GET /v1/users/:id`: what anyone may see of a student (spec 11-12, student side). */
export interface PublicUser {
  id: string;
  nickname: string;
  avatarUrl: string | null;
  verified: boolean;
  campusId: string | null;
  memberSince: string;
  liveListingCount: number;
}

export const profileApi = {
  updateMe: (body: UpdateProfileBody) => request<Me>('PATCH', '/v1/me', { body }),
  user: (id: string) => request<PublicUser>('GET', `/v1/users/${encodeURIComponent(id)}`),
  /** 重新上架: a withdrawn listing back on sale, where the lifecycle allows it (the error says why not). */
  relist: (id: string) => request<ListingDetail>('POST', `/v1/listings/${encodeURIComponent(id)}/relist`),
};
