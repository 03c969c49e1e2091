import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { QqContentSafety, WordListContentSafety } from '@xianzhi/adapters';
import {
  ContentScreening,
  ListReviewQueue,
  ReportContent,
  ResolveCase,
  ReviewTargets,
  SafetyReviewQueue,
  type ContentSafety,
} from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { moderationRoutes } from '../http/routes/moderation.js';
import { Identity } from './identity-tokens.js';
import { Notify } from './notifications-module.js';
import { Photos } from './photo-module.js';
import { factory, token } from './token.js';
import { Config, Core, Ports } from './tokens.js';

export const Moderation = {
  Checker: token<ContentSafety>('ContentSafety'),
  /** Applied by the publishing use cases (listings, comments, nicknames, photos). */
  Screening: token<ContentScreening>('ContentScreening'),
  Report: token<ReportContent>('ReportContent'),
  Queue: token<ListReviewQueue>('ListReviewQueue'),
  Resolve: token<ResolveCase>('ResolveCase'),
  Routes: token<FastifyPluginAsyncTypebox>('ModerationRoutes'),
};

/**
 * Content safety (QQ's checker with a QQ app, the word list otherwise; XZ_CONTENT_SAFETY chooses), reports
 * and the admin review queue. The QQ checker shares the app's one access token with the notifications.
 */
export const moderationModule = new ContainerModule(({ bind }) => {
  factory(
    bind(Moderation.Checker),
    (config, tokens): ContentSafety =>
      config.moderation.safety === 'qq' && config.qq && tokens
        ? new QqContentSafety({ appId: config.qq.appId, tokens, baseUrl: config.qq.apiBase })
        : new WordListContentSafety(),
    [Config.App, Notify.AccessTokens],
  );
  factory(
    bind(Moderation.Screening),
    (config, checker, p, ids) =>
      new ContentScreening(checker, config.moderation.whenUnavailable, new SafetyReviewQueue(p.moderationCases, ids)),
    [Config.App, Moderation.Checker, Ports.Persistence, Core.Ids],
  );
  factory(
    bind(Moderation.Report),
    (config, p, lifecycle, audit, uow, ids, clock) =>
      new ReportContent({
        cases: p.moderationCases,
        reports: p.reports,
        lifecycle,
        comments: p.comments,
        users: p.users,
        audit,
        uow,
        ids,
        clock,
        threshold: config.moderation.reportHideThreshold,
      }),
    [Config.App, Ports.Persistence, Core.Lifecycle, Ports.AuditLog, Ports.UnitOfWork, Core.Ids, Core.Clock],
  );
  factory(
    bind(Moderation.Queue),
    (p, lifecycle) =>
      new ListReviewQueue(p.moderationCases, p.reports, new ReviewTargets(lifecycle, p.comments, p.users, p.photos)),
    [Ports.Persistence, Core.Lifecycle],
  );
  factory(
    bind(Moderation.Resolve),
    (p, lifecycle, remove, deleteComment, ban, storage, audit, uow, clock) =>
      new ResolveCase({
        cases: p.moderationCases,
        lifecycle,
        comments: p.comments,
        removeListing: remove,
        deleteComment,
        setUserBan: ban,
        photos: p.photos,
        storage,
        audit,
        uow,
        clock,
      }),
    [
      Ports.Persistence,
      Core.Lifecycle,
      Core.RemoveListing,
      Core.DeleteComment,
      Identity.SetUserBan,
      Photos.Storage,
      Ports.AuditLog,
      Ports.UnitOfWork,
      Core.Clock,
    ],
  );
  factory(bind(Moderation.Routes), (report, queue, resolve) => moderationRoutes({ report, queue, resolve }), [
    Moderation.Report,
    Moderation.Queue,
    Moderation.Resolve,
  ]);
});
