import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ContainerModule } from 'inversify';
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
import { Identity } from './identity-tokens.js';
import { Search } from './search-module.js';
import { Insights } from './insights-module.js';
import { Recs } from './recommendations-module.js';
import { Notify } from './notifications-module.js';
import { Photos } from './photo-module.js';
import { Moderation } from './moderation-tokens.js';
import { factory, token } from './token.js';
import { Config, Core, Http, Ports } from './tokens.js';

type Routes = FastifyPluginAsyncTypebox;

export const HttpParts = {
  Tokens: token<AccessTokens>('AccessTokens'),
  ViewerKeys: token<ViewerKeys>('ViewerKeys'),
  Authenticator: token<Authenticator>('Authenticator'),
  CatalogRoutes: token<Routes>('CatalogRoutes'),
  ListingRoutes: token<Routes>('ListingRoutes'),
  LifecycleRoutes: token<Routes>('LifecycleRoutes'),
  EngagementRoutes: token<Routes>('EngagementRoutes'),
  MeRoutes: token<Routes>('MeRoutes'),
  CampusVerificationRoutes: token<Routes>('CampusVerificationRoutes'),
  AdminCategoryRoutes: token<Routes>('AdminCategoryRoutes'),
  DevRoutes: token<Routes>('DevRoutes'),
  HealthRoutes: token<Routes>('HealthRoutes'),
};

/** Route plugins receive their use cases here, once; handlers never reach back into the container. */
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
  factory(bind(H.Authenticator), (tokens, users, admins) => new Authenticator(tokens, users, admins), [
    H.Tokens,
    Ports.Users,
    Identity.Admins,
  ]);

  factory(
    bind(H.CatalogRoutes),
    (config, getCatalog) => catalogRoutes({ getCatalog, defaultCampusId: config.defaultCampusId }),
    [Config.App, Core.GetCatalog],
  );
  factory(
    bind(H.ListingRoutes),
    (config, browse, getListing, publish, edit, views, viewerKeys) =>
      listingRoutes({
        browse,
        getListing,
        publish,
        edit,
        views,
        viewerKeys,
        defaultCampusId: config.defaultCampusId,
      }),
    [Config.App, Core.BrowseListings, Core.GetListing, Core.PublishListing, Core.EditListing, Core.Views, H.ViewerKeys],
  );
  factory(
    bind(H.LifecycleRoutes),
    (changeStatus, renew, withdraw, remove, views) => lifecycleRoutes({ changeStatus, renew, withdraw, remove, views }),
    [Core.ChangeListingStatus, Core.RenewListing, Core.WithdrawListing, Core.RemoveListing, Core.Views],
  );
  factory(
    bind(H.EngagementRoutes),
    (setFavorite, listComments, postComment, deleteComment, users) =>
      engagementRoutes({
        setFavorite,
        listComments,
        postComment,
        deleteComment,
        users,
      }),
    [Core.SetFavorite, Core.ListComments, Core.PostComment, Core.DeleteComment, Ports.Users],
  );
  factory(
    bind(H.MeRoutes),
    (getProfile, updateProfile, myListings, myFavorites) =>
      meRoutes({ getProfile, updateProfile, myListings, myFavorites }),
    [Core.GetMyProfile, Core.UpdateMyProfile, Core.MyListings, Core.MyFavorites],
  );
  factory(
    bind(H.AdminCategoryRoutes),
    (config, create, update) => adminCategoryRoutes({ create, update, defaultCampusId: config.defaultCampusId }),
    [Config.App, Core.CreateCategory, Core.UpdateCategory],
  );
  factory(
    bind(H.DevRoutes),
    (config, users, tokens, startSession) => devRoutes({ env: config.env, users, tokens, startSession }),
    [Config.App, Ports.Users, H.Tokens, Identity.StartSession],
  );
  factory(bind(H.HealthRoutes), (persistence) => healthRoutes({ ping: () => persistence.ping() }), [Ports.Persistence]);

  factory(
    bind(H.CampusVerificationRoutes),
    (verify, release, authenticators, campuses, clientKeys) =>
      campusVerificationRoutes({
        verify,
        release,
        authenticators,
        campuses,
        clientKeys,
      }),
    [Core.VerifyStudent, Core.ReleaseStudentNumber, Ports.CampusAuthenticators, Ports.Campuses, H.ViewerKeys],
  );

  factory(
    bind(Http.Parts),
    (
      config,
      logger,
      clock,
      authenticator,
      catalog,
      listings,
      lifecycle,
      engagement,
      me,
      adminCategories,
      dev,
      health,
      campusVerification,
      auth,
      adminIdentity,
      photos,
      moderation,
      media,
      search,
      recs,
      notifications,
      stats,
    ) => ({
      config,
      logger,
      clock,
      authenticator,
      api: [
        catalog,
        listings,
        lifecycle,
        engagement,
        me,
        adminCategories,
        dev,
        campusVerification,
        auth,
        adminIdentity,
        photos,
        moderation,
        search,
        recs,
        notifications,
        stats,
      ],
      operations: [health, media],
    }),
    [
      Config.App,
      Config.Logger,
      Core.Clock,
      H.Authenticator,
      H.CatalogRoutes,
      H.ListingRoutes,
      H.LifecycleRoutes,
      H.EngagementRoutes,
      H.MeRoutes,
      H.AdminCategoryRoutes,
      H.DevRoutes,
      H.HealthRoutes,
      H.CampusVerificationRoutes,
      Identity.AuthRoutes,
      Identity.AdminIdentityRoutes,
      Photos.Routes,
      Moderation.Routes,
      Photos.MediaRoutes,
      Search.Routes,
      Recs.Routes,
      Notify.Routes,
      Insights.Routes,
    ],
  );
});
