import type {
  AuditLog, CampusAuthenticatorRegistry, RateLimiter, ReleaseStudentNumber, StudentNumberHasher, StudentVerificationRepository,
  VerifyStudent,
  CampusRepository, CategoryRepository, ChangeListingStatus, Clock, CommentRepository, CreateCategory, DeleteComment,
  EditListing, EventFactory, ExpireListings, FavoriteRepository, GetCatalog, GetListing, GetMyProfile, IdGenerator,
  LifecycleDeps, ListComments, ListingRepository, ListingViewLog, ListingViews, MyFavorites, MyListings, Outbox,
  PostComment, PublishListing, RemoveListing, RenewListing, SeedDefaultCategories, SetFavorite, UnitOfWork,
  UpdateCategory, UpdateMyProfile, UserRepository, WithdrawListing, BrowseListings,
} from '@xianzhi/core';
import type { PhotoRepository } from '@xianzhi/core';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import type { AppParts } from '../http/app.js';
import type { Persistence } from './persistence.js';
import { token } from './token.js';

export const Config = {
  App: token<AppConfig>('AppConfig'),
  Logger: token<Logger>('Logger'),
};

export const Ports = {
  Persistence: token<Persistence>('Persistence'),
  Listings: token<ListingRepository>('ListingRepository'),
  Categories: token<CategoryRepository>('CategoryRepository'),
  Campuses: token<CampusRepository>('CampusRepository'),
  Users: token<UserRepository>('UserRepository'),
  Favorites: token<FavoriteRepository>('FavoriteRepository'),
  Comments: token<CommentRepository>('CommentRepository'),
  Outbox: token<Outbox>('Outbox'),
  ViewLog: token<ListingViewLog>('ListingViewLog'),
  UnitOfWork: token<UnitOfWork>('UnitOfWork'),
  RateLimiter: token<RateLimiter>('RateLimiter'),
  AuditLog: token<AuditLog>('AuditLog'),
  Verifications: token<StudentVerificationRepository>('StudentVerificationRepository'),
  CampusAuthenticators: token<CampusAuthenticatorRegistry>('CampusAuthenticatorRegistry'),
  StudentNumberHasher: token<StudentNumberHasher>('StudentNumberHasher'),
  Photos: token<PhotoRepository>('PhotoRepository'),
};

export const Core = {
  Clock: token<Clock>('Clock'),
  Ids: token<IdGenerator>('IdGenerator'),
  Events: token<EventFactory>('EventFactory'),
  Views: token<ListingViews>('ListingViews'),
  Lifecycle: token<LifecycleDeps>('LifecycleDeps'),
  PublishListing: token<PublishListing>('PublishListing'),
  EditListing: token<EditListing>('EditListing'),
  ChangeListingStatus: token<ChangeListingStatus>('ChangeListingStatus'),
  WithdrawListing: token<WithdrawListing>('WithdrawListing'),
  RenewListing: token<RenewListing>('RenewListing'),
  RemoveListing: token<RemoveListing>('RemoveListing'),
  ExpireListings: token<ExpireListings>('ExpireListings'),
  BrowseListings: token<BrowseListings>('BrowseListings'),
  MyListings: token<MyListings>('MyListings'),
  GetListing: token<GetListing>('GetListing'),
  SetFavorite: token<SetFavorite>('SetFavorite'),
  MyFavorites: token<MyFavorites>('MyFavorites'),
  PostComment: token<PostComment>('PostComment'),
  DeleteComment: token<DeleteComment>('DeleteComment'),
  ListComments: token<ListComments>('ListComments'),
  GetCatalog: token<GetCatalog>('GetCatalog'),
  SeedDefaultCategories: token<SeedDefaultCategories>('SeedDefaultCategories'),
  CreateCategory: token<CreateCategory>('CreateCategory'),
  UpdateCategory: token<UpdateCategory>('UpdateCategory'),
  GetMyProfile: token<GetMyProfile>('GetMyProfile'),
  UpdateMyProfile: token<UpdateMyProfile>('UpdateMyProfile'),
  VerifyStudent: token<VerifyStudent>('VerifyStudent'),
  ReleaseStudentNumber: token<ReleaseStudentNumber>('ReleaseStudentNumber'),
};

export const Http = {
  Parts: token<AppParts>('AppParts'),
};
