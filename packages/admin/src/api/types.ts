// The HTTP contract is the API's: types derived from the TypeBox schemas the server validates and
// serializes with. What issue 12 adds is declared in ./spec until the contract exports it.
// Money is always integer fen (1 yuan = 100 fen).

export type {
  AdminCategory,
  AdminLoginBody,
  AdminProfile,
  AdminSession,
  AuditPage,
  Banner,
  BannerTarget,
  Campus,
  CampusList,
  ClientConfig,
  CreateBannerBody,
  CreateNoticeBody,
  Notice,
  UpdateBannerBody,
  UpdateNoticeBody,
  BlockedTerm,
  BlockedTermList,
  BlockTermBody,
  Catalog,
  CategoryList,
  CreateCategoryBody,
  DeadLetterItem,
  DeadLetterPage,
  ErrorBody,
  ListingKind,
  ListingStatus,
  Me,
  ModeratedUser,
  ResolveBody,
  ReviewCase,
  ReviewPage,
  UpdateCategoryBody,
} from '@xianzhi/api/contract';
export type { AnnouncementState as ScheduleState } from '@xianzhi/api/contract';
export type * from './spec';
