/**
 * The HTTP contract as TypeScript types, derived from the same TypeBox schemas the server validates
 * and serializes with. Front ends `import type` from `@xianzhi/api/contract`; nothing here runs.
 */
import type { Static } from 'typebox';
import type * as C from './http/schemas/catalog.js';
import type * as K from './http/schemas/comments.js';
import type * as Common from './http/schemas/common.js';
import type * as L from './http/schemas/listings.js';
import type * as M from './http/schemas/me.js';
import type * as A from './http/schemas/auth.js';
import type * as V from './http/schemas/campus-verification.js';
import type * as S from './http/schemas/search.js';
import type * as Nt from './http/schemas/notifications.js';
import type * as R from './http/schemas/recommendations.js';
import type * as St from './http/schemas/stats.js';
import type * as Mod from './http/schemas/moderation.js';
import type * as U from './http/schemas/users.js';
import type * as An from './http/schemas/announcements.js';
import type * as P from './http/schemas/platform.js';
import type * as Ops from './http/schemas/admin-ops.js';
import type * as Fb from './http/schemas/feedback.js';
import type * as Tr from './http/schemas/trades.js';
import type * as Ss from './http/schemas/saved-searches.js';

export type ErrorBody = Static<typeof Common.ErrorBody>;
export type ListingKind = Static<typeof Common.Kind>;
export type Condition = Static<typeof Common.ConditionValue>;
export type TradeMethod = Static<typeof Common.TradeMethodValue>;
export type ListingStatus = Static<typeof Common.Status>;
export type ListingSort = Static<typeof Common.Sort>;

export type ListingSummary = Static<typeof L.ListingSummary>;
export type ListingDetail = Static<typeof L.ListingDetail>;
export type ListingPage = Static<typeof L.ListingPage>;
export type ListingQuery = Static<typeof L.ListingQuery>;
export type MyListingsQuery = Static<typeof L.MyListingsQuery>;
export type PageQuery = Static<typeof L.PageQuery>;
export type BookInfo = Static<typeof L.Book>;
export type CreateListingBody = Static<typeof L.CreateListingBody>;
export type EditListingBody = Static<typeof L.EditListingBody>;
export type StatusBody = Static<typeof L.StatusBody>;
export type VersionBody = Static<typeof L.VersionBody>;
export type RemoveListingBody = Static<typeof L.RemoveBody>;
export type FavoriteState = Static<typeof L.FavoriteState>;

export type Catalog = Static<typeof C.Catalog>;
export type CatalogCategory = Catalog['categories'][number];
export type CategoryList = Static<typeof C.CategoryList>;
export type AdminCategory = Static<typeof C.AdminCategory>;
export type CreateCategoryBody = Static<typeof C.CreateCategoryBody>;
export type UpdateCategoryBody = Static<typeof C.UpdateCategoryBody>;

export type CommentView = Static<typeof K.Comment>;
export type CommentThread = Static<typeof K.CommentThread>;
export type CommentList = Static<typeof K.CommentList>;
export type PostCommentBody = Static<typeof K.PostCommentBody>;

export type SellerProfile = Static<typeof U.SellerProfile>;

export type Me = Static<typeof M.Me>;
export type UpdateMeBody = Static<typeof M.UpdateMeBody>;
export type DevLoginBody = Static<typeof M.DevLoginBody>;
export type DevLoginResult = Static<typeof M.DevLoginResult>;
export type Health = Static<typeof M.Health>;
export type Readiness = Static<typeof M.Readiness>;

export type QqLoginBody = Static<typeof A.QqLoginBody>;
export type RefreshBody = Static<typeof A.RefreshBody>;
export type Session = Static<typeof A.Session>;
export type AdminLoginBody = Static<typeof A.AdminLoginBody>;
export type AdminProfile = Static<typeof A.AdminProfile>;
export type AdminSession = Static<typeof A.AdminSession>;
export type BanBody = Static<typeof A.BanBody>;
export type ModeratedUser = Static<typeof A.ModeratedUser>;
export type AuditPage = Static<typeof A.AuditPage>;
export type AuditEntry = AuditPage['items'][number];
export type AuditQuery = Static<typeof A.AuditQuerystring>;

export type AdminUserRow = Static<typeof Ops.AdminUserRow>;
export type AdminUsersQuery = Static<typeof Ops.AdminUsersQuery>;
export type AdminUsersPage = Static<typeof Ops.AdminUsersPage>;
export type AdminUserDetail = Static<typeof Ops.AdminUserDetail>;
export type AdminListingRow = Static<typeof Ops.AdminListingRow>;
export type AdminListingsQuery = Static<typeof Ops.AdminListingsQuery>;
export type AdminListingsPage = Static<typeof Ops.AdminListingsPage>;
export type AdminListingDetail = Static<typeof Ops.AdminListingDetail>;
export type RestoreListingBody = Static<typeof Ops.RestoreBody>;

export type CampusLogin = Static<typeof V.CampusLogin>;
export type CampusVerificationBody = Static<typeof V.CampusVerificationBody>;

export type SearchQuery = Static<typeof S.SearchQuery>;
export type SearchSort = NonNullable<SearchQuery['sort']>;
export type SearchPage = Static<typeof S.SearchPage>;
export type SearchHit = SearchPage['items'][number];
export type HighlightRun = SearchHit['title'][number];
export type Suggestions = Static<typeof S.Suggestions>;
export type HotSearches = Static<typeof S.HotSearches>;
export type BlockedTerm = Static<typeof S.BlockedTerm>;
export type BlockedTermList = Static<typeof S.BlockedTermList>;
export type BlockTermBody = Static<typeof S.BlockTermBody>;

export type RecommendationQuery = Static<typeof R.RecommendationQuery>;
export type SimilarQuery = Static<typeof R.SimilarQuery>;
export type RecommendationPage = Static<typeof R.RecommendationPage>;

export type AdminStats = Static<typeof St.AdminStats>;
export type StatsQuery = Static<typeof St.StatsQuery>;

export type NotificationKind = Static<typeof Nt.NotificationKindValue>;
export type NotificationItem = Static<typeof Nt.NotificationItem>;
export type NotificationPage = Static<typeof Nt.NotificationPage>;
export type UnreadCount = Static<typeof Nt.UnreadCount>;
export type NotificationSettings = Static<typeof Nt.NotificationSettings>;
export type UpdateNotificationSettingsBody = Static<typeof Nt.UpdateNotificationSettingsBody>;
export type ConsentsBody = Static<typeof Nt.ConsentsBody>;
export type DeadLetterItem = Static<typeof Nt.DeadLetterItem>;
export type DeadLetterPage = Static<typeof Nt.DeadLetterPage>;

export type ReportBody = Static<typeof Mod.ReportBody>;
export type ReportReason = ReportBody['reason'];
export type ReportTargetType = ReportBody['targetType'];
export type ReportReasons = Static<typeof Mod.ReportReasons>;
export type ReviewCase = Static<typeof Mod.ReviewCase>;
export type ReviewPage = Static<typeof Mod.ReviewPage>;
export type ResolveBody = Static<typeof Mod.ResolveBody>;

export type ClientConfig = Static<typeof P.ClientConfig>;
export type Campus = Static<typeof P.Campus>;
export type CampusContact = Static<typeof P.CampusContact>;
export type CampusList = Static<typeof P.CampusList>;

export type AnnouncementState = Banner['state'];
export type Banner = Static<typeof An.Banner>;
export type BannerTarget = Static<typeof An.BannerTarget>;
export type BannerList = Static<typeof An.BannerList>;
export type CreateBannerBody = Static<typeof An.CreateBannerBody>;
export type UpdateBannerBody = Static<typeof An.UpdateBannerBody>;
export type Notice = Static<typeof An.Notice>;
export type NoticeList = Static<typeof An.NoticeList>;
export type CreateNoticeBody = Static<typeof An.CreateNoticeBody>;
export type UpdateNoticeBody = Static<typeof An.UpdateNoticeBody>;
export type FeedbackState = Static<typeof Fb.FeedbackStateValue>;
export type Feedback = Static<typeof Fb.Feedback>;
export type FeedbackReply = Feedback['replies'][number];
export type FeedbackPhoto = Feedback['photos'][number];
export type AdminFeedback = Static<typeof Fb.AdminFeedback>;
export type FeedbackPage = Static<typeof Fb.FeedbackPage>;
export type AdminFeedbackPage = Static<typeof Fb.AdminFeedbackPage>;
export type SendFeedbackBody = Static<typeof Fb.SendFeedbackBody>;
export type FeedbackReplyBody = Static<typeof Fb.FeedbackReplyBody>;
export type MyFeedbackQuery = Static<typeof Fb.MyFeedbackQuery>;
export type AdminFeedbackQuery = Static<typeof Fb.AdminFeedbackQuery>;

// 想要, offers, trades and ratings (issue 15; docs/trades-api.md).
export type UserSummary = Static<typeof Tr.UserSummary>;
export type DealListing = Static<typeof Tr.DealListing>;
export type WantState = Static<typeof Tr.WantState>;
export type WanterList = Static<typeof Tr.WanterList>;
export type Offer = Static<typeof Tr.Offer>;
export type OfferStatus = Offer['status'];
export type OfferList = Static<typeof Tr.OfferList>;
export type OfferPage = Static<typeof Tr.OfferPage>;
export type MakeOfferBody = Static<typeof Tr.MakeOfferBody>;
export type CounterOfferBody = Static<typeof Tr.CounterOfferBody>;
export type MyOffersQuery = Static<typeof Tr.MyOffersQuery>;
export type AcceptedOffer = Static<typeof Tr.AcceptedOffer>;
export type Trade = Static<typeof Tr.Trade>;
export type TradeStatus = Trade['status'];
export type DealRole = Trade['cancelledBy'] & string;
export type TradePage = Static<typeof Tr.TradePage>;
export type OpenTradeBody = Static<typeof Tr.OpenTradeBody>;
export type CancelTradeBody = Static<typeof Tr.CancelTradeBody>;
export type MyTradesQuery = Static<typeof Tr.MyTradesQuery>;
export type Rating = Static<typeof Tr.Rating>;
export type RatingScore = Rating['score'];
export type AdminRating = Static<typeof Tr.AdminRating>;
export type RatingPage = Static<typeof Tr.RatingPage>;
export type AdminRatingPage = Static<typeof Tr.AdminRatingPage>;
export type RateTradeBody = Static<typeof Tr.RateTradeBody>;
export type RatingReplyBody = Static<typeof Tr.RatingReplyBody>;
export type Trust = Static<typeof Tr.Trust>;
export type SavedSearch = Static<typeof Ss.SavedSearch>;
export type SavedSearchList = Static<typeof Ss.SavedSearchList>;
export type SaveSearchBody = Static<typeof Ss.SaveSearchBody>;
