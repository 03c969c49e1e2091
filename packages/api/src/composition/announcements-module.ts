import {
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
import { ContainerModule } from 'inversify';
import { bannerRoutes } from '../http/routes/banners.js';
import { noticeRoutes } from '../http/routes/notices.js';
import { platformRoutes } from '../http/routes/platform.js';
import { Announcements as A } from './announcements-tokens.js';
import { factory, named } from './token.js';
import { Config, Core, HttpRoutes, Ports } from './tokens.js';

/** Banners and notices (use cases and routes), and the platform routes clients read first. */
export const announcementsModule = new ContainerModule(({ bind }) => {
  const bannerWrites = {
    banners: Ports.Banners,
    notices: Ports.Notices,
    listings: Ports.Listings,
    categories: Ports.Categories,
    campuses: Ports.Campuses,
    photos: Ports.Photos,
    audit: Ports.AuditLog,
    uow: Ports.UnitOfWork,
    clock: Core.Clock,
  };
  const noticeWrites = {
    notices: Ports.Notices,
    campuses: Ports.Campuses,
    audit: Ports.AuditLog,
    uow: Ports.UnitOfWork,
    clock: Core.Clock,
  };
  factory(bind(A.LiveBanners), (b, c, clock) => new ListLiveBanners(b, c, clock), [
    Ports.Banners,
    Ports.Campuses,
    Core.Clock,
  ]);
  factory(bind(A.ListBanners), (b, c, clock) => new ListBanners(b, c, clock), [
    Ports.Banners,
    Ports.Campuses,
    Core.Clock,
  ]);
  named(bind(A.CreateBanner), (deps) => new CreateBanner(deps), { ...bannerWrites, ids: Core.Ids });
  named(bind(A.UpdateBanner), (deps) => new UpdateBanner(deps), bannerWrites);
  named(bind(A.DeleteBanner), (deps) => new DeleteBanner(deps), {
    banners: Ports.Banners,
    audit: Ports.AuditLog,
    uow: Ports.UnitOfWork,
    clock: Core.Clock,
  });
  factory(bind(A.LiveNotices), (n, c, clock) => new ListLiveNotices(n, c, clock), [
    Ports.Notices,
    Ports.Campuses,
    Core.Clock,
  ]);
  factory(bind(A.GetNotice), (n, clock) => new GetNotice(n, clock), [Ports.Notices, Core.Clock]);
  factory(bind(A.ListNotices), (n, c, clock) => new ListNotices(n, c, clock), [
    Ports.Notices,
    Ports.Campuses,
    Core.Clock,
  ]);
  named(bind(A.CreateNotice), (deps) => new CreateNotice(deps), { ...noticeWrites, ids: Core.Ids });
  named(bind(A.UpdateNotice), (deps) => new UpdateNotice(deps), noticeWrites);
  named(bind(A.DeleteNotice), (deps) => new DeleteNotice(deps), noticeWrites);

  factory(
    bind(HttpRoutes.Api),
    (config, campuses, authenticators) =>
      platformRoutes({ env: config.env, campusSettings: config.campuses, campuses, authenticators }),
    [Config.App, Ports.Campuses, Ports.CampusAuthenticators],
  );
  named(
    bind(HttpRoutes.Api),
    ({ config, ...deps }) => bannerRoutes({ ...deps, defaultCampusId: config.defaultCampusId }),
    {
      config: Config.App,
      live: A.LiveBanners,
      list: A.ListBanners,
      create: A.CreateBanner,
      update: A.UpdateBanner,
      remove: A.DeleteBanner,
    },
  );
  named(
    bind(HttpRoutes.Api),
    ({ config, ...deps }) => noticeRoutes({ ...deps, defaultCampusId: config.defaultCampusId }),
    {
      config: Config.App,
      live: A.LiveNotices,
      get: A.GetNotice,
      list: A.ListNotices,
      create: A.CreateNotice,
      update: A.UpdateNotice,
      remove: A.DeleteNotice,
    },
  );
});
