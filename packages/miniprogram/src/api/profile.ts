import { request } from './client';
import type { SellerProfile } from '@xianzhi/api/contract';
import type { ListingDetail, Me } from './types';

/** `PATCH /v1/me`: the nickname, or the avatar as one of my uploaded photos (its id); null removes it. */
export interface UpdateProfileBody {
  nickname?: string;
  avatarUrl?: string | null;
}

/** `GET /v1/users/:id`: what anyone may see of a student (the seller page's header). */
export type PublicUser = SellerProfile;

export const profileApi = {
  updateMe: (body: UpdateProfileBody) => request<Me>('PATCH', '/v1/me', { body }),
  user: (id: string) => request<PublicUser>('GET', `/v1/users/${encodeURIComponent(id)}`),
  /** 重新上架: a withdrawn listing back on sale, where the lifecycle allows it (the error says why not). */
  relist: (id: string) => request<ListingDetail>('POST', `/v1/listings/${encodeURIComponent(id)}/relist`),
};
