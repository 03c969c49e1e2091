import type {
  CreateBanner,
  CreateNotice,
  DeleteBanner,
  DeleteNotice,
  GetNotice,
  ListBanners,
  ListLiveBanners,
  ListLiveNotices,
  ListNotices,
  UpdateBanner,
  UpdateNotice,
} from '@xianzhi/core';
import { token } from './token.js';

/** Banners and notices: the campus's announcements on the mini-program's home page. */
export const Announcements = {
  LiveBanners: token<ListLiveBanners>('ListLiveBanners'),
  ListBanners: token<ListBanners>('ListBanners'),
  CreateBanner: token<CreateBanner>('CreateBanner'),
  UpdateBanner: token<UpdateBanner>('UpdateBanner'),
  DeleteBanner: token<DeleteBanner>('DeleteBanner'),
  LiveNotices: token<ListLiveNotices>('ListLiveNotices'),
  GetNotice: token<GetNotice>('GetNotice'),
  ListNotices: token<ListNotices>('ListNotices'),
  CreateNotice: token<CreateNotice>('CreateNotice'),
  UpdateNotice: token<UpdateNotice>('UpdateNotice'),
  DeleteNotice: token<DeleteNotice>('DeleteNotice'),
};
