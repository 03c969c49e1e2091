import type {
  ContentSafety,
  ContentScreening,
  GetAdminListing,
  GetAdminUser,
  ListAdminListings,
  ListAdminUsers,
  ListReviewQueue,
  ReportContent,
  ResolveCase,
} from '@xianzhi/core';
import { token } from './token.js';

export const Moderation = {
  Checker: token<ContentSafety>('ContentSafety'),
  /** Applied by the publishing use cases (listings, comments, nicknames, photos). */
  Screening: token<ContentScreening>('ContentScreening'),
  Report: token<ReportContent>('ReportContent'),
  Queue: token<ListReviewQueue>('ListReviewQueue'),
  Resolve: token<ResolveCase>('ResolveCase'),
  /** The back office's students and listings of every status. */
  ListAdminUsers: token<ListAdminUsers>('ListAdminUsers'),
  GetAdminUser: token<GetAdminUser>('GetAdminUser'),
  ListAdminListings: token<ListAdminListings>('ListAdminListings'),
  GetAdminListing: token<GetAdminListing>('GetAdminListing'),
};
