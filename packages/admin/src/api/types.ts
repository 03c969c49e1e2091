// The HTTP contract is the API's: types derived from the TypeBox schemas the server validates and
// serializes with. Only what the contract does not describe is declared here.
// Money is always integer fen (1 yuan = 100 fen).

export type {
  AdminLoginBody,
  AdminProfile,
  AdminSession,
  AdminStats,
  BlockedTerm,
  BlockedTermList,
  BlockTermBody,
  Catalog,
  DeadLetterItem,
  DeadLetterPage,
  DevLoginBody,
  DevLoginResult,
  ErrorBody,
  ListingDetail,
  ListingKind,
  ListingPage,
  ListingQuery,
  ListingSort,
  ListingStatus,
  ListingSummary,
  Me,
  RemoveListingBody,
  ResolveBody,
  ReviewCase,
  ReviewPage,
} from '@xianzhi/api/contract';
