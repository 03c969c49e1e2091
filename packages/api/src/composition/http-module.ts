import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MemoryRequestRateLimiter, RedisRequestRateLimiter } from '@xianzhi/adapters';
import { ContainerModule } from 'inversify';
import { RecordActivity } from '@xianzhi/core';
import type { AppParts } from '../http/app.js';
import { AccessTokens, ADMIN_TOKEN_SECONDS, Authenticator, ViewerKeys } from '../http/auth.js';
import { adminCategoryRoutes } from '../http/routes/admin-categories.js';
import { campusVerificationRoutes } from '../http/routes/campus-verification.js';
import { catalogRoutes } from '../http/routes/catalog.js';
import { devRoutes } from '../http/routes/dev.js';
import { engagementRoutes } from '../http/routes/engagement.js';
import { healthRoutes } from '../http/routes/health.js';
import { lifecycleRoutes } from '../http/routes/lifecycle.js';
import { listingRoutes } from '../http/routes/listings.js';
import { meRoutes } from '../http/routes/me.js';
import { userRoutes } from '../http/routes/users.js';
import { Trades } from './trades-tokens.js';
import { Cache } from './cache-tokens.js';
import { HttpParts } from './http-tokens.js';
import { Identity } from './identity-tokens.js';
import { Observability } from './observability-tokens.js';
import { allOf, factory, named } from './token.js';
import { Config, Core, Http, HttpRoutes, Ports } from './tokens.js';

/**
 * The HTTP app's parts, and the route plugins of the core use cases. Every module contributes its own
 * plugins to `HttpRoutes`; they mount in binding order. Route plugins receive their use cases here,
 * once; handlers never reach back into the container.
 */
export const httpModule = new ContainerModule(({ bind }) => {
  const H = HttpParts;
  // Token expiry runs on the wall clock, not the domain clock: tests move the domain clock by days.
  factory(
    bind(H.Tokens),
    (config) =>
      new AccessTokens(config.jwtSecret, () => new Date(), {
        studentSeconds: config.accessTokenMinutes * 60,
        adminSeconds: ADMIN_TOKEN_SECONDS,
      }),
    [Config.App],
  );
  factory(bind(H.ViewerKeys), (config) => new ViewerKeys(config.jwtSecret), [Config.App]);
  factory(
    bind(H.RequestLimiter),
    (config) =>
      config.redis
        ? RedisRequestRateLimiter.connect(config.redis.url, config.redis.prefix)
        : new MemoryRequestRateLimiter(),
    [Config.App],
  );
  factory(
    bind(H.Authenticator),
    (tokens, users, admins, activeUsers, clock) =>
      new Authenticator(tokens, users, admins, new RecordActivity(activeUsers, clock)),
    [H.Tokens, Ports.Users, Ports.Admins, Ports.ActiveUsers, Core.Clock],
  );

  factory(
    bind(HttpRoutes.Api),
    (config, getCatalog, cache) => catalogRoutes({ getCatalog, cache, defaultCampusId: config.defaultCampusId }),
    [Config.App, Core.GetCatalog, Cache.Responses],
  );
  named(
    bind(HttpRoutes.Api),
    ({ config, ...routes }) => listingRoutes({ ...routes, defaultCampusId: config.defaultCampusId }),
    {
      config: Config.App,
      browse: Core.BrowseListings,
      getListing: Core.GetListing,
      publish: Core.PublishListing,
      edit: Core.EditListing,
      views: Core.Views,
      viewerKeys: H.ViewerKeys,
      countView: Core.CountListingView,
      cache: Cache.Responses,
    },
  );
  named(bind(HttpRoutes.Api), lifecycleRoutes, {
    changeStatus: Core.ChangeListingStatus,
    renew: Core.RenewListing,
    withdraw: Core.WithdrawListing,
    relist: Core.RelistListing,
    remove: Core.RemoveListing,
    views: Core.Views,
  });
  named(bind(HttpRoutes.Api), engagementRoutes, {
    setFavorite: Core.SetFavorite,
    listComments: Core.ListComments,
    postComment: Core.PostComment,
    deleteComment: Core.DeleteComment,
    users: Ports.Users,
  });
  named(bind(HttpRoutes.Api), meRoutes, {
    getProfile: Core.GetMyProfile,
    updateProfile: Core.UpdateMyProfile,
    myListings: Core.MyListings,
    myFavorites: Core.MyFavorites,
  });
  named(bind(HttpRoutes.Api), userRoutes, {
    profile: Core.GetSellerProfile,
    listings: Core.SellerListings,
    trust: Trades.Trust,
  });
  factory(
    bind(HttpRoutes.Api),
    (config, create, update) => adminCategoryRoutes({ create, update, defaultCampusId: config.defaultCampusId }),
    [Config.App, Core.CreateCategory, Core.UpdateCategory],
  );
  named(bind(HttpRoutes.Api), ({ config, ...deps }) => devRoutes({ env: config.env, ...deps }), {
    config: Config.App,
    users: Ports.Users,
    tokens: H.Tokens,
    startSession: Identity.StartSession,
    admins: Ports.Admins,
    audit: Ports.AuditLog,
    clock: Core.Clock,
  });
  named(bind(HttpRoutes.Api), campusVerificationRoutes, {
    verify: Core.VerifyStudent,
    release: Core.ReleaseStudentNumber,
    authenticators: Ports.CampusAuthenticators,
    campuses: Ports.Campuses,
    clientKeys: H.ViewerKeys,
  });
  factory(bind(HttpRoutes.Operations), (readiness) => healthRoutes(readiness), [Observability.Readiness]);
  // The cache's Redis connection closes with the app.
  factory(
    bind(HttpRoutes.Operations),
    (cache): FastifyPluginAsyncTypebox =>
      async (app) => {
        app.addHook('onClose', () => cache.close());
      },
    [Cache.Responses],
  );

  named(
    bind(Http.Parts),
    ({ limiter, clientKeys, ...parts }): AppParts => ({
      ...parts,
      requestLimits: { limiter, clientKeys, limits: parts.config.rateLimits },
    }),
    {
      config: Config.App,
      logger: Config.Logger,
      clock: Core.Clock,
      authenticator: H.Authenticator,
      limiter: H.RequestLimiter,
      clientKeys: H.ViewerKeys,
      api: allOf(HttpRoutes.Api),
      operations: allOf(HttpRoutes.Operations),
      metrics: Observability.Metrics,
    },
  );
});
