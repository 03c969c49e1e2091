import {
  BrowseListings,
  ChangeListingStatus,
  CreateCategory,
  DeleteComment,
  EditListing,
  EventFactory,
  ExpireListings,
  GetCatalog,
  GetListing,
  GetMyProfile,
  LifecycleDeps,
  ListComments,
  ListingViews,
  MyFavorites,
  MyListings,
  PostComment,
  PublishListing,
  RemoveListing,
  RenewListing,
  SeedDefaultCategories,
  SetFavorite,
  systemClock,
  UlidGenerator,
  UpdateCategory,
  UpdateMyProfile,
  WithdrawListing,
} from '@xianzhi/core';
import { ReleaseStudentNumber, VerifyStudent } from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { Moderation } from './moderation-module.js';
import { factory } from './token.js';
import { Core, Ports } from './tokens.js';

/** The framework-free use cases, built by plain constructor calls so core needs no decorators. */
export const coreModule = new ContainerModule(({ bind }) => {
  bind(Core.Clock).toConstantValue(systemClock);
  bind(Core.Ids).toDynamicValue(() => new UlidGenerator());
  factory(bind(Core.Events), (ids, clock) => new EventFactory(ids, clock), [Core.Ids, Core.Clock]);
  factory(bind(Core.Views), (c, u, f) => new ListingViews(c, u, f), [Ports.Categories, Ports.Users, Ports.Favorites]);
  factory(bind(Core.Lifecycle), (l, o, uow, clock, ev) => new LifecycleDeps(l, o, uow, clock, ev), [
    Ports.Listings,
    Ports.Outbox,
    Ports.UnitOfWork,
    Core.Clock,
    Core.Events,
  ]);

  factory(
    bind(Core.PublishListing),
    (l, c, cs, o, uow, ids, clock, ev, ph, sc) => new PublishListing(l, c, cs, o, uow, ids, clock, ev, ph, sc),
    [
      Ports.Listings,
      Ports.Categories,
      Ports.Campuses,
      Ports.Outbox,
      Ports.UnitOfWork,
      Core.Ids,
      Core.Clock,
      Core.Events,
      Ports.Photos,
      Moderation.Screening,
    ],
  );
  factory(
    bind(Core.EditListing),
    (l, c, cs, o, uow, clock, ev, ph, sc) => new EditListing(l, c, cs, o, uow, clock, ev, ph, sc),
    [
      Ports.Listings,
      Ports.Categories,
      Ports.Campuses,
      Ports.Outbox,
      Ports.UnitOfWork,
      Core.Clock,
      Core.Events,
      Ports.Photos,
      Moderation.Screening,
    ],
  );
  factory(bind(Core.ChangeListingStatus), (d) => new ChangeListingStatus(d), [Core.Lifecycle]);
  factory(bind(Core.WithdrawListing), (d) => new WithdrawListing(d), [Core.Lifecycle]);
  factory(bind(Core.RenewListing), (d, cs) => new RenewListing(d, cs), [Core.Lifecycle, Ports.Campuses]);
  factory(bind(Core.RemoveListing), (d, audit) => new RemoveListing(d, audit), [Core.Lifecycle, Ports.AuditLog]);
  factory(bind(Core.ExpireListings), (d) => new ExpireListings(d), [Core.Lifecycle]);
  factory(bind(Core.BrowseListings), (l, c, v, clock) => new BrowseListings(l, c, v, clock), [
    Ports.Listings,
    Ports.Categories,
    Core.Views,
    Core.Clock,
  ]);
  factory(bind(Core.MyListings), (l, v) => new MyListings(l, v), [Ports.Listings, Core.Views]);
  factory(bind(Core.GetListing), (l, log, v, clock, audit) => new GetListing(l, log, v, clock, audit), [
    Ports.Listings,
    Ports.ViewLog,
    Core.Views,
    Core.Clock,
    Ports.AuditLog,
  ]);

  factory(bind(Core.SetFavorite), (f, l, o, uow, clock, ev) => new SetFavorite(f, l, o, uow, clock, ev), [
    Ports.Favorites,
    Ports.Listings,
    Ports.Outbox,
    Ports.UnitOfWork,
    Core.Clock,
    Core.Events,
  ]);
  factory(bind(Core.MyFavorites), (f, l, v) => new MyFavorites(f, l, v), [Ports.Favorites, Ports.Listings, Core.Views]);
  factory(
    bind(Core.PostComment),
    (c, l, o, uow, ids, clock, ev, sc) => new PostComment(c, l, o, uow, ids, clock, ev, sc),
    [
      Ports.Comments,
      Ports.Listings,
      Ports.Outbox,
      Ports.UnitOfWork,
      Core.Ids,
      Core.Clock,
      Core.Events,
      Moderation.Screening,
    ],
  );
  factory(bind(Core.DeleteComment), (c, l, o, uow, clock, ev) => new DeleteComment(c, l, o, uow, clock, ev), [
    Ports.Comments,
    Ports.Listings,
    Ports.Outbox,
    Ports.UnitOfWork,
    Core.Clock,
    Core.Events,
  ]);
  factory(bind(Core.ListComments), (c, l, u) => new ListComments(c, l, u), [
    Ports.Comments,
    Ports.Listings,
    Ports.Users,
  ]);

  factory(bind(Core.GetCatalog), (cs, c) => new GetCatalog(cs, c), [Ports.Campuses, Ports.Categories]);
  factory(bind(Core.SeedDefaultCategories), (c, ids) => new SeedDefaultCategories(c, ids), [
    Ports.Categories,
    Core.Ids,
  ]);
  factory(bind(Core.CreateCategory), (c, cs, ids, audit, clock) => new CreateCategory(c, cs, ids, audit, clock), [
    Ports.Categories,
    Ports.Campuses,
    Core.Ids,
    Ports.AuditLog,
    Core.Clock,
  ]);
  factory(bind(Core.UpdateCategory), (c, audit, clock) => new UpdateCategory(c, audit, clock), [
    Ports.Categories,
    Ports.AuditLog,
    Core.Clock,
  ]);
  factory(bind(Core.GetMyProfile), (u) => new GetMyProfile(u), [Ports.Users]);
  factory(
    bind(Core.UpdateMyProfile),
    (users, photos, clock, screening, uow) => new UpdateMyProfile({ users, photos, clock, screening, uow }),
    [Ports.Users, Ports.Photos, Core.Clock, Moderation.Screening, Ports.UnitOfWork],
  );
  factory(
    bind(Core.VerifyStudent),
    (u, v, a, h, r, uow, audit, clock) => new VerifyStudent(u, v, a, h, r, uow, audit, clock),
    [
      Ports.Users,
      Ports.Verifications,
      Ports.CampusAuthenticators,
      Ports.StudentNumberHasher,
      Ports.RateLimiter,
      Ports.UnitOfWork,
      Ports.AuditLog,
      Core.Clock,
    ],
  );
  factory(
    bind(Core.ReleaseStudentNumber),
    (u, v, audit, uow, clock) => new ReleaseStudentNumber(u, v, audit, uow, clock),
    [Ports.Users, Ports.Verifications, Ports.AuditLog, Ports.UnitOfWork, Core.Clock],
  );
});
