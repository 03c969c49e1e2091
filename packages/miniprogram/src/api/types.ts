// The HTTP contract is the API's: types derived from the TypeBox schemas the server validates and
// serializes with. Only what the contract does not describe is declared here.
// Money is always integer fen (1 yuan = 100 fen).

export type {
  BookInfo,
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

// ---- Issue 11/12 routes (/work/notes/spec-11-12.md). Declared here from the agreed contract until the
// API exports them from '@xianzhi/api/contract'; then these become re-exports like the ones above.

/** `GET /v1/client-config`: how this server runs. `demoLogin` only in embedded (demo) mode. */
export interface ClientConfig {
  mode: 'embedded' | 'production';
  demoLogin: boolean;
  /** The one campus when exactly one is configured, else null (a visitor picks). */
  defaultCampusId: string | null;
}

export interface CampusContact {
  qq?: string;
  email?: string;
  phone?: string;
  hours?: string;
}

export interface Campus {
  id: string;
  name: string;
  verification: string;
  contact: CampusContact | null;
}

export interface CampusList {
  items: Campus[];
  defaultCampusId: string | null;
}

export type BannerTarget =
  | { kind: 'none' }
  | { kind: 'listing'; listingId: string }
  | { kind: 'category'; categoryId: string }
  | { kind: 'notice'; noticeId: string }
  | { kind: 'page'; path: string };

export type ScheduleState = 'scheduled' | 'live' | 'ended';

export interface Banner {
  id: string;
  campusId: string;
  title: string;
  imageUrl: string;
  photoId: string;
  target: BannerTarget;
  position: number;
  startsAt: string;
  endsAt: string | null;
  createdAt: string;
  updatedAt: string;
  state: ScheduleState;
}

export interface Notice {
  id: string;
  campusId: string;
  title: string;
  body: string;
  pinned: boolean;
  startsAt: string;
  endsAt: string | null;
  createdAt: string;
  updatedAt: string;
  state: ScheduleState;
}
