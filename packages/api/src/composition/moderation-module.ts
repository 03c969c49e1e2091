import { QqContentSafety, WordListContentSafety } from '@xianzhi/adapters';
import {
  ContentScreening,
  GetAdminListing,
  GetAdminUser,
  ListAdminListings,
  ListAdminUsers,
  ListReviewQueue,
  ReportContent,
  ResolveCase,
  ReviewTargets,
  SafetyReviewQueue,
  type ContentSafety,
} from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { adminOpsRoutes } from '../http/routes/admin-ops.js';
import { moderationRoutes } from '../http/routes/moderation.js';
import { Identity } from './identity-tokens.js';
import { Moderation } from './moderation-tokens.js';
import { Notify } from './notifications-tokens.js';
import { Photos } from './photo-tokens.js';
import { factory, named } from './token.js';
import { Config, Core, HttpRoutes, Ports } from './tokens.js';

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
    (config, checker, cases, ids) =>
      new ContentScreening(checker, config.moderation.whenUnavailable, new SafetyReviewQueue(cases, ids)),
    [Config.App, Moderation.Checker, Ports.ModerationCases, Core.Ids],
  );
  named(
    bind(Moderation.Report),
    ({ config, ...deps }) => new ReportContent({ ...deps, threshold: config.moderation.reportHideThreshold }),
    {
      config: Config.App,
      cases: Ports.ModerationCases,
      reports: Ports.Reports,
      lifecycle: Core.Lifecycle,
      comments: Ports.Comments,
      users: Ports.Users,
      ratings: Ports.Ratings,
      audit: Ports.AuditLog,
      uow: Ports.UnitOfWork,
      ids: Core.Ids,
      clock: Core.Clock,
    },
  );
  factory(
    bind(Moderation.Queue),
    (cases, reports, lifecycle, comments, users, photos, ratings) =>
      new ListReviewQueue(cases, reports, new ReviewTargets(lifecycle, comments, users, photos, ratings)),
    [Ports.ModerationCases, Ports.Reports, Core.Lifecycle, Ports.Comments, Ports.Users, Ports.Photos, Ports.Ratings],
  );
  named(bind(Moderation.Resolve), (deps) => new ResolveCase(deps), {
    cases: Ports.ModerationCases,
    lifecycle: Core.Lifecycle,
    comments: Ports.Comments,
    removeListing: Core.RemoveListing,
    deleteComment: Core.DeleteComment,
    setUserBan: Identity.SetUserBan,
    photos: Ports.Photos,
    ratings: Ports.Ratings,
    storage: Photos.Storage,
    audit: Ports.AuditLog,
    uow: Ports.UnitOfWork,
    clock: Core.Clock,
  });
  named(bind(HttpRoutes.Api), moderationRoutes, {
    report: Moderation.Report,
    queue: Moderation.Queue,
    resolve: Moderation.Resolve,
  });
  factory(bind(Moderation.ListAdminUsers), (d, l) => new ListAdminUsers(d, l), [
    Ports.UserDirectory,
    Ports.ListingDirectory,
  ]);
  named(bind(Moderation.GetAdminUser), (deps) => new GetAdminUser(deps), {
    users: Ports.Users,
    listings: Ports.Listings,
    listingDirectory: Ports.ListingDirectory,
    cases: Ports.ModerationCases,
    reports: Ports.Reports,
    audit: Ports.AuditLog,
  });
  factory(bind(Moderation.ListAdminListings), (d, u) => new ListAdminListings(d, u), [
    Ports.ListingDirectory,
    Ports.Users,
  ]);
  named(bind(Moderation.GetAdminListing), (deps) => new GetAdminListing(deps), {
    listings: Ports.Listings,
    directory: Ports.ListingDirectory,
    users: Ports.Users,
    clock: Core.Clock,
  });
  named(bind(HttpRoutes.Api), adminOpsRoutes, {
    listUsers: Moderation.ListAdminUsers,
    getUser: Moderation.GetAdminUser,
    listListings: Moderation.ListAdminListings,
    getListing: Moderation.GetAdminListing,
    restore: Core.RestoreListing,
  });
});
