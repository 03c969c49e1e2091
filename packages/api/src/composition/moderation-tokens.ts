import type { ContentSafety, ContentScreening, ListReviewQueue, ReportContent, ResolveCase } from '@xianzhi/core';
import { token } from './token.js';

export const Moderation = {
  Checker: token<ContentSafety>('ContentSafety'),
  /** Applied by the publishing use cases (listings, comments, nicknames, photos). */
  Screening: token<ContentScreening>('ContentScreening'),
  Report: token<ReportContent>('ReportContent'),
  Queue: token<ListReviewQueue>('ListReviewQueue'),
  Resolve: token<ResolveCase>('ResolveCase'),
};
