// The HTTP contract is the API's: types derived from the TypeBox schemas the server validates and
// serializes with. Only what the contract does not describe is declared here.
// Money is always integer fen (1 yuan = 100 fen).

export type {
  Banner,
  BannerList,
  BannerTarget,
  BookInfo,
  Campus,
  CampusContact,
  CampusList,
  ClientConfig,
  CampusLogin,
  CampusVerificationBody,
  Catalog,
  CatalogCategory,
  CommentList,
  CommentThread,
  CommentView,
  Condition,
  CreateListingBody,
  DevLoginBody,
  DevLoginResult,
  EditListingBody,
  ErrorBody,
  FavoriteState,
  HighlightRun,
  HotSearches,
  ListingDetail,
  ListingKind,
  ListingPage,
  ListingQuery,
  ListingSort,
  ListingStatus,
  ListingSummary,
  Me,
  MyListingsQuery,
  Notice,
  NoticeList,
  NotificationItem,
  NotificationKind,
  NotificationPage,
  NotificationSettings,
  UnreadCount,
  PostCommentBody,
  ReportBody,
  ReportReason,
  ReportReasons,
  ReportTargetType,
  QqLoginBody,
  RecommendationPage,
  SearchHit,
  SearchPage,
  SearchQuery,
  SearchSort,
  SellerProfile,
  Session,
  StatusBody,
  Suggestions,
  TradeMethod,
} from '@xianzhi/api/contract';

/** One entry of a VALIDATION_FAILED error's `details` (the contract leaves `details` untyped). */
export interface FieldIssue {
  /** Dotted path, e.g. `title` or `book.isbn`. */
  field: string;
  message: string;
}

/** The demo students the dev login offers (admins sign in to the admin app, not here). */
export type DevUser = 'alice' | 'bob' | 'carol' | 'dave';
