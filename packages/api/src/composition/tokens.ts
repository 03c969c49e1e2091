import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DatabaseHandle, ReadReplicas } from '@xianzhi/adapters';
import type {
  AdminAccountRepository,
  AuditLog,
  BannerRepository,
  BlockedSearchTermRepository,
  CampusAuthenticatorRegistry,
  CampusStatistics,
  FeedbackRepository,
  SavedSearchRepository,
  InteractionSource,
  ModerationCaseRepository,
  NoticeRepository,
  NotificationRepository,
  NotificationSources,
  OutboxLog,
  ProjectionCheckpoints,
  RecommendationCandidates,
  RefreshTokenRepository,
  ReportRepository,
  SearchIndexStore,
  SearchLog,
  SignalStore,
  RateLimiter,
  ReleaseStudentNumber,
  StudentNumberHasher,
  StudentVerificationRepository,
  VerifyStudent,
  CampusRepository,
  CategoryRepository,
  ChangeListingStatus,
  Clock,
  CommentRepository,
  CreateCategory,
  DeleteComment,
  EditListing,
  EventFactory,
  ExpireListings,
  FavoriteRepository,
  GetCatalog,
  GetListing,
  CountListingView,
  GetMyProfile,
  IdGenerator,
  LifecycleDeps,
  ListComments,
  ListingRepository,
  ListingViewLog,
  ListingViews,
  MyFavorites,
  MyListings,
  Outbox,
  PostComment,
  PublishListing,
  RelistListing,
  RemoveListing,
  RenewListing,
  GetSellerProfile,
  SellerListings,
  SeedDefaultCategories,
  SetFavorite,
  UnitOfWork,
  UpdateCategory,
  UpdateMyProfile,
  UserRepository,
  UserDirectory,
  ListingDirectory,
  ActiveUserLog,
  RestoreListing,
  WithdrawListing,
  BrowseListings,
  PhotoRepository,
} from '@xianzhi/core';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import type { AppParts } from '../http/app.js';
import { token } from './token.js';

export const Config = {
  App: token<AppConfig>('AppConfig'),
  Logger: token<Logger>('Logger'),
};

/**
 * The ports, each under its own token typed by core's interface. The store's are bound by the
 * persistence module from whatever the entry point opened; modules depend on the ones they use.
 */
export const Ports = {
  /** The open database itself: health checks and maintenance (the entry point closes it). */
  Database: token<DatabaseHandle>('Database'),
  /** The database's read replicas (`XZ_DATABASE_REPLICAS`); null without them. */
  Replicas: token<ReadReplicas | null>('ReadReplicas'),
  Listings: token<ListingRepository>('ListingRepository'),
  Categories: token<CategoryRepository>('CategoryRepository'),
  Campuses: token<CampusRepository>('CampusRepository'),
  Users: token<UserRepository>('UserRepository'),
  UserDirectory: token<UserDirectory>('UserDirectory'),
  ListingDirectory: token<ListingDirectory>('ListingDirectory'),
  Favorites: token<FavoriteRepository>('FavoriteRepository'),
  Comments: token<CommentRepository>('CommentRepository'),
  Outbox: token<Outbox>('Outbox'),
  ViewLog: token<ListingViewLog>('ListingViewLog'),
  UnitOfWork: token<UnitOfWork>('UnitOfWork'),
  /** The same unit of work without the response cache's version bump: for view counts only (see persistence-module). */
  ViewCountUnitOfWork: token<UnitOfWork>('ViewCountUnitOfWork'),
  RateLimiter: token<RateLimiter>('RateLimiter'),
  AuditLog: token<AuditLog>('AuditLog'),
  RefreshTokens: token<RefreshTokenRepository>('RefreshTokenRepository'),
  Admins: token<AdminAccountRepository>('AdminAccountRepository'),
  Verifications: token<StudentVerificationRepository>('StudentVerificationRepository'),
  Photos: token<PhotoRepository>('PhotoRepository'),
  ModerationCases: token<ModerationCaseRepository>('ModerationCaseRepository'),
  Reports: token<ReportRepository>('ReportRepository'),
  SearchIndex: token<SearchIndexStore>('SearchIndexStore'),
  SearchLog: token<SearchLog>('SearchLog'),
  BlockedSearchTerms: token<BlockedSearchTermRepository>('BlockedSearchTermRepository'),
  OutboxLog: token<OutboxLog>('OutboxLog'),
  Checkpoints: token<ProjectionCheckpoints>('ProjectionCheckpoints'),
  Notifications: token<NotificationRepository>('NotificationRepository'),
  NotificationSources: token<NotificationSources>('NotificationSources'),
  Interactions: token<InteractionSource>('InteractionSource'),
  Signals: token<SignalStore>('SignalStore'),
  Candidates: token<RecommendationCandidates>('RecommendationCandidates'),
  CampusStatistics: token<CampusStatistics>('CampusStatistics'),
  Banners: token<BannerRepository>('BannerRepository'),
  Notices: token<NoticeRepository>('NoticeRepository'),
  ActiveUsers: token<ActiveUserLog>('ActiveUserLog'),
  Feedback: token<FeedbackRepository>('FeedbackRepository'),
  SavedSearches: token<SavedSearchRepository>('SavedSearchRepository'),
  CampusAuthenticators: token<CampusAuthenticatorRegistry>('CampusAuthenticatorRegistry'),
  StudentNumberHasher: token<StudentNumberHasher>('StudentNumberHasher'),
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
  RelistListing: token<RelistListing>('RelistListing'),
  RemoveListing: token<RemoveListing>('RemoveListing'),
  RestoreListing: token<RestoreListing>('RestoreListing'),
  ExpireListings: token<ExpireListings>('ExpireListings'),
  BrowseListings: token<BrowseListings>('BrowseListings'),
  MyListings: token<MyListings>('MyListings'),
  GetSellerProfile: token<GetSellerProfile>('GetSellerProfile'),
  SellerListings: token<SellerListings>('SellerListings'),
  GetListing: token<GetListing>('GetListing'),
  CountListingView: token<CountListingView>('CountListingView'),
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

/**
 * Route plugins, contributed by the modules (`bind` once per plugin, like `Background`'s tokens) and
 * mounted in binding order, so a new route family is one binding in its own module.
 */
export const HttpRoutes = {
  /** Mounted under /v1, behind authentication. */
  Api: token<FastifyPluginAsyncTypebox>('ApiRoutes'),
  /** Mounted at the root, no authentication (health checks, media). */
  Operations: token<FastifyPluginAsyncTypebox>('OperationsRoutes'),
};
