import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ContentScreening, ContentSafety, ListReviewQueue, ReportContent, ResolveCase } from '@xianzhi/core';
import { token } from './token.js';

/**
 * Content safety, reports and the review queue. Apart from moderation-module.ts because the photo module
 * needs the screening while the moderation module needs the photo store: tokens here keep the two acyclic.
 */
export const Moderation = {
  Checker: token<ContentSafety>('ContentSafety'),
  /** Applied by the publishing use cases (listings, comments, nicknames, photos). */
  Screening: token<ContentScreening>('ContentScreening'),
  Report: token<ReportContent>('ReportContent'),
  Queue: token<ListReviewQueue>('ListReviewQueue'),
  Resolve: token<ResolveCase>('ResolveCase'),
  Routes: token<FastifyPluginAsyncTypebox>('ModerationRoutes'),
};
