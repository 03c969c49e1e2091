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
  CountListingView,
  GetMyProfile,
  LifecycleDeps,
  ListComments,
  ListingViews,
  MyFavorites,
  MyListings,
  PostComment,
  PublishListing,
  RelistListing,
  RemoveListing,
  RestoreListing,
  RenewListing,
  GetSellerProfile,
  SellerListings,
  SeedDefaultCategories,
  SetFavorite,
  systemClock,
  UlidGenerator,
  UpdateCategory,
  UpdateMyProfile,
  WithdrawListing,
  ReleaseStudentNumber,
  VerifyStudent,
} from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { Moderation } from './moderation-tokens.js';
import { factory, named } from './token.js';
import { Core, Ports } from './tokens.js';

/** The framework-free use cases, built by plain constructor calls so core needs no decorators. */
export const coreModule = new ContainerModule(({ bind }) => {
  bind(Core.Clock).toConstantValue(systemClock);
  bind(Core.Ids).toDynamicValue(() => new UlidGenerator());
  factory(bind(Core.Events), (ids, clock) => new EventFactory(ids, clock), [Core.Ids, Core.Clock]);
  factory(bind(Core.Views), (c, u, f, w) => new ListingViews(c, u, f, w), [
    Ports.Categories,
    Ports.Users,
    Ports.Favorites,
    Ports.Wants,
  ]);
  named(bind(Core.Lifecycle), (ports) => new LifecycleDeps(ports), {
    listings: Ports.Listings,
    outbox: Ports.Outbox,
    uow: Ports.UnitOfWork,
    clock: Core.Clock,
    events: Core.Events,
  });

  named(bind(Core.PublishListing), (deps) => new PublishListing(deps), {
    listings: Ports.Listings,
    categories: Ports.Categories,
    campuses: Ports.Campuses,
    outbox: Ports.Outbox,
    uow: Ports.UnitOfWork,
    ids: Core.Ids,
    clock: Core.Clock,
    events: Core.Events,
    photos: Ports.Photos,
    screening: Moderation.Screening,
  });
  named(bind(Core.EditListing), (deps) => new EditListing(deps), {
    listings: Ports.Listings,
    categories: Ports.Categories,
    campuses: Ports.Campuses,
    outbox: Ports.Outbox,
    uow: Ports.UnitOfWork,
    clock: Core.Clock,
    events: Core.Events,
    photos: Ports.Photos,
    screening: Moderation.Screening,
  });
  factory(bind(Core.ChangeListingStatus), (d) => new ChangeListingStatus(d), [Core.Lifecycle]);
  factory(bind(Core.WithdrawListing), (d) => new WithdrawListing(d), [Core.Lifecycle]);
  factory(bind(Core.RenewListing), (d, cs) => new RenewListing(d, cs), [Core.Lifecycle, Ports.Campuses]);
  factory(bind(Core.RelistListing), (d, cs) => new RelistListing(d, cs), [Core.Lifecycle, Ports.Campuses]);
  factory(bind(Core.RemoveListing), (d, audit) => new RemoveListing(d, audit), [Core.Lifecycle, Ports.AuditLog]);
  factory(bind(Core.RestoreListing), (d, audit) => new RestoreListing(d, audit), [Core.Lifecycle, Ports.AuditLog]);
  factory(bind(Core.ExpireListings), (d) => new ExpireListings(d), [Core.Lifecycle]);
  factory(bind(Core.BrowseListings), (l, c, v, clock) => new BrowseListings(l, c, v, clock), [
    Ports.Listings,
    Ports.Categories,
    Core.Views,
    Core.Clock,
  ]);
  factory(bind(Core.MyListings), (l, v) => new MyListings(l, v), [Ports.Listings, Core.Views]);
  factory(bind(Core.GetSellerProfile), (u, l, clock) => new GetSellerProfile(u, l, clock), [
    Ports.Users,
    Ports.Listings,
    Core.Clock,
  ]);
  factory(bind(Core.SellerListings), (u, l, v, clock) => new SellerListings(u, l, v, clock), [
    Ports.Users,
    Ports.Listings,
    Core.Views,
    Core.Clock,
  ]);
  named(bind(Core.GetListing), (deps) => new GetListing(deps), {
    listings: Ports.Listings,
    viewLog: Ports.ViewLog,
    views: Core.Views,
    clock: Core.Clock,
    audit: Ports.AuditLog,
    uow: Ports.ViewCountUnitOfWork,
  });

  factory(bind(Core.CountListingView), (listings, viewLog, clock) => new CountListingView(listings, viewLog, clock), [
    Ports.Listings,
    Ports.ViewLog,
    Core.Clock,
  ]);

  named(bind(Core.SetFavorite), (deps) => new SetFavorite(deps), {
    favorites: Ports.Favorites,
    listings: Ports.Listings,
    outbox: Ports.Outbox,
    uow: Ports.UnitOfWork,
    clock: Core.Clock,
    events: Core.Events,
  });
  factory(bind(Core.MyFavorites), (f, l, v) => new MyFavorites(f, l, v), [Ports.Favorites, Ports.Listings, Core.Views]);
  named(bind(Core.PostComment), (deps) => new PostComment(deps), {
    comments: Ports.Comments,
    listings: Ports.Listings,
    outbox: Ports.Outbox,
    uow: Ports.UnitOfWork,
    ids: Core.Ids,
    clock: Core.Clock,
    events: Core.Events,
    screening: Moderation.Screening,
  });
  named(bind(Core.DeleteComment), (deps) => new DeleteComment(deps), {
    comments: Ports.Comments,
    listings: Ports.Listings,
    outbox: Ports.Outbox,
    uow: Ports.UnitOfWork,
    clock: Core.Clock,
    events: Core.Events,
  });
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
  named(bind(Core.CreateCategory), (deps) => new CreateCategory(deps), {
    categories: Ports.Categories,
    campuses: Ports.Campuses,
    ids: Core.Ids,
    audit: Ports.AuditLog,
    clock: Core.Clock,
  });
  factory(bind(Core.UpdateCategory), (c, audit, clock) => new UpdateCategory(c, audit, clock), [
    Ports.Categories,
    Ports.AuditLog,
    Core.Clock,
  ]);
  factory(bind(Core.GetMyProfile), (u) => new GetMyProfile(u), [Ports.Users]);
  named(bind(Core.UpdateMyProfile), (deps) => new UpdateMyProfile(deps), {
    users: Ports.Users,
    photos: Ports.Photos,
    clock: Core.Clock,
    screening: Moderation.Screening,
    uow: Ports.UnitOfWork,
  });
  named(bind(Core.VerifyStudent), (deps) => new VerifyStudent(deps), {
    users: Ports.Users,
    verifications: Ports.Verifications,
    authenticators: Ports.CampusAuthenticators,
    hasher: Ports.StudentNumberHasher,
    limiter: Ports.RateLimiter,
    uow: Ports.UnitOfWork,
    audit: Ports.AuditLog,
    clock: Core.Clock,
  });
  named(bind(Core.ReleaseStudentNumber), (deps) => new ReleaseStudentNumber(deps), {
    users: Ports.Users,
    verifications: Ports.Verifications,
    audit: Ports.AuditLog,
    uow: Ports.UnitOfWork,
    clock: Core.Clock,
  });
});
