import { request, setSession } from './client';
import type {
  BannerList,
  CampusList,
  CampusLogin,
  ClientConfig,
  CampusVerificationBody,
  Catalog,
  CommentList,
  CommentView,
  CreateListingBody,
  DevLoginBody,
  DevLoginResult,
  DevUser,
  EditListingBody,
  FavoriteState,
  HotSearches,
  ListingDetail,
  ListingPage,
  ListingQuery,
  Me,
  MyListingsQuery,
  NotificationPage,
  Notice,
  NoticeList,
  NotificationSettings,
  UnreadCount,
  PostCommentBody,
  ReportBody,
  ReportReasons,
  QqLoginBody,
  RecommendationPage,
  SearchPage,
  SearchQuery,
  SellerProfile,
  Session,
  StatusBody,
  Suggestions,
} from './types';

// Every campus-wide read names its campus: the one the student belongs to, or the one a visitor picked
// (src/api/campus.ts). There is no built-in campus.
export const api = {
  clientConfig: () => request<ClientConfig>('GET', '/v1/client-config'),
  campuses: () => request<CampusList>('GET', '/v1/campuses'),
  catalog: (campusId: string) => request<Catalog>('GET', '/v1/catalog', { query: { campusId } }),
  banners: (campusId: string) => request<BannerList>('GET', '/v1/banners', { query: { campusId } }),
  notices: (campusId: string) => request<NoticeList>('GET', '/v1/notices', { query: { campusId } }),
  notice: (id: string) => request<Notice>('GET', `/v1/notices/${encodeURIComponent(id)}`),

  listings: (campusId: string, q: ListingQuery) =>
    request<ListingPage>('GET', '/v1/listings', { query: { campusId, limit: 20, ...q } }),
  search: (campusId: string, q: SearchQuery) =>
    request<SearchPage>('GET', '/v1/search', { query: { campusId, limit: 20, ...q } }),
  suggest: (campusId: string, q: string) =>
    request<Suggestions>('GET', '/v1/search/suggest', { query: { campusId, q, limit: 8 } }),
  hotSearches: (campusId: string) => request<HotSearches>('GET', '/v1/search/hot', { query: { campusId } }),
  listing: (id: string) => request<ListingDetail>('GET', `/v1/listings/${encodeURIComponent(id)}`),
  /** 推荐: personal when signed in with some history, what the campus likes otherwise (`mode`). */
  recommendations: (campusId: string, cursor?: string) =>
    request<RecommendationPage>('GET', '/v1/recommendations', { query: { campusId, limit: 20, cursor } }),
  similar: (id: string, cursor?: string, limit = 6) =>
    request<RecommendationPage>('GET', `/v1/listings/${encodeURIComponent(id)}/similar`, { query: { limit, cursor } }),
  createListing: (body: CreateListingBody) => request<ListingDetail>('POST', '/v1/listings', { body }),
  updateListing: (id: string, body: EditListingBody) =>
    request<ListingDetail>('PATCH', `/v1/listings/${encodeURIComponent(id)}`, { body }),
  setStatus: (id: string, status: StatusBody['status']) =>
    request<ListingDetail>('POST', `/v1/listings/${encodeURIComponent(id)}/status`, {
      body: { status } satisfies StatusBody,
    }),
  renew: (id: string) => request<ListingDetail>('POST', `/v1/listings/${encodeURIComponent(id)}/renew`),
  withdraw: (id: string) => request<ListingDetail>('POST', `/v1/listings/${encodeURIComponent(id)}/withdraw`),

  favorite: (id: string) => request<FavoriteState>('PUT', `/v1/listings/${encodeURIComponent(id)}/favorite`),
  unfavorite: (id: string) => request<FavoriteState>('DELETE', `/v1/listings/${encodeURIComponent(id)}/favorite`),

  comments: (id: string) => request<CommentList>('GET', `/v1/listings/${encodeURIComponent(id)}/comments`),
  /** Answers the new comment alone (a reply or a top-level comment), without a thread around it. */
  postComment: (id: string, body: string, replyToCommentId?: string) =>
    request<CommentView>('POST', `/v1/listings/${encodeURIComponent(id)}/comments`, {
      body: (replyToCommentId ? { body, replyToCommentId } : { body }) satisfies PostCommentBody,
    }),
  deleteComment: (commentId: string) => request<null>('DELETE', `/v1/comments/${encodeURIComponent(commentId)}`),

  reportReasons: () => request<ReportReasons>('GET', '/v1/reports/reasons'),
  /** Once per target; enough reports from different students hide it until an admin decides. */
  report: (body: ReportBody) => request<{ received: true }>('POST', '/v1/reports', { body: body satisfies ReportBody }),

  me: () => request<Me>('GET', '/v1/me'),
  /** A seller's public profile and their live listings (anyone may look; banned or unknown is 404). */
  user: (id: string) => request<SellerProfile>('GET', `/v1/users/${encodeURIComponent(id)}`),
  userListings: (id: string, cursor?: string) =>
    request<ListingPage>('GET', `/v1/users/${encodeURIComponent(id)}/listings`, { query: { limit: 20, cursor } }),
  campusLogin: (campusId: string) => request<CampusLogin>('GET', `/v1/campuses/${encodeURIComponent(campusId)}/login`),
  /** The password goes to the API once, over the same connection as every call; it is never kept here. */
  verifyStudent: (body: CampusVerificationBody) => request<Me>('POST', '/v1/me/campus-verification', { body }),
  myListings: (status?: MyListingsQuery['status'], cursor?: string) =>
    request<ListingPage>('GET', '/v1/me/listings', { query: { status, cursor } }),
  myFavorites: (cursor?: string) => request<ListingPage>('GET', '/v1/me/favorites', { query: { cursor } }),

  notifications: (cursor?: string) => request<NotificationPage>('GET', '/v1/me/notifications', { query: { cursor } }),
  unreadCount: () => request<UnreadCount>('GET', '/v1/me/notifications/unread-count'),
  markRead: (id: string) => request<null>('POST', `/v1/me/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => request<{ marked: number }>('POST', '/v1/me/notifications/read-all'),
  notificationSettings: () => request<NotificationSettings>('GET', '/v1/me/notification-settings'),
  setMuted: (muted: string[]) =>
    request<NotificationSettings>('PUT', '/v1/me/notification-settings', { body: { muted } }),
  /** The template ids `qq.subscribeAppMsg` reported as accepted: each allows one QQ message. */
  reportConsents: (templateIds: string[]) =>
    request<NotificationSettings>('POST', '/v1/me/notification-consents', { body: { templateIds } }),

  async devLogin(user: DevUser): Promise<Me> {
    const res = await request<DevLoginResult>('POST', '/v1/dev/login', { body: { user } satisfies DevLoginBody });
    setSession(res);
    return res.user;
  },
  /** Signs in with the code from `qq.login` (QQ build); the demo server also takes `demo:<name>`. */
  async qqLogin(code: string): Promise<Me> {
    const res = await request<Session>('POST', '/v1/auth/qq-login', { body: { code } satisfies QqLoginBody });
    setSession(res);
    return res.user;
  },
};
