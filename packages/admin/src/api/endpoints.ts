import { request, upload } from './client';
import type {
  AdminCategory,
  AdminFeedback,
  AdminListingDetail,
  AdminListingRow,
  AdminRatingPage,
  AdminLoginBody,
  AdminProfile,
  AdminSession,
  AdminStats,
  AdminUserDetail,
  AdminUserRow,
  AuditPage,
  Banner,
  CreateBannerBody,
  BlockedTerm,
  BlockedTermList,
  SynonymGroup,
  SynonymGroupList,
  CampusList,
  CategoryList,
  ClientConfig,
  CreateCategoryBody,
  DeadLetterPage,
  FeedbackState,
  Me,
  ModeratedUser,
  Notice,
  CreateNoticeBody,
  Page,
  ResolveBody,
  ReviewCase,
  ReviewPage,
  TradePage,
  UpdateCategoryBody,
  UpdateNoticeBody,
  UpdateBannerBody,
  UploadedPhoto,
} from './types';

const id = encodeURIComponent;

export interface ListingFilters {
  status?: string;
  kind?: string;
  q?: string;
}

export interface UserFilters {
  q?: string;
  verified?: 'true' | 'false';
  banned?: 'true' | 'false';
}

export interface AuditFilters {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

/** Every route the back office calls, by area. */
export const api = {
  clientConfig: () => request<ClientConfig>('GET', '/v1/client-config'),
  campuses: () => request<CampusList>('GET', '/v1/campuses'),
  me: () => request<AdminProfile>('GET', '/v1/admin/me'),
  login: (credentials: AdminLoginBody) => request<AdminSession>('POST', '/v1/admin/auth/login', { body: credentials }),
  /** Embedded builds only: the server refuses it in production and holds the demo account's password itself. */
  demoLogin: () => request<AdminSession>('POST', '/v1/dev/admin-login'),

  stats: (campusId: string) => request<AdminStats>('GET', '/v1/admin/stats', { query: { campusId } }),
  blockedTerms: (campusId: string) =>
    request<BlockedTermList>('GET', '/v1/admin/search/blocked-terms', { query: { campusId } }),
  blockTerm: (campusId: string, term: string) =>
    request<BlockedTerm>('POST', '/v1/admin/search/blocked-terms', { body: { campusId, term } }),
  unblockTerm: (termId: string) => request<BlockedTerm>('DELETE', `/v1/admin/search/blocked-terms/${id(termId)}`),
  synonyms: (campusId: string) =>
    request<SynonymGroupList>('GET', '/v1/admin/search/synonyms', { query: { campusId } }),
  createSynonyms: (campusId: string, terms: string[]) =>
    request<SynonymGroup>('POST', '/v1/admin/search/synonyms', { body: { campusId, terms } }),
  editSynonyms: (groupId: string, terms: string[]) =>
    request<SynonymGroup>('PATCH', `/v1/admin/search/synonyms/${id(groupId)}`, { body: { terms } }),
  deleteSynonyms: (groupId: string) => request<SynonymGroup>('DELETE', `/v1/admin/search/synonyms/${id(groupId)}`),

  listings: (campusId: string, f: ListingFilters, cursor?: string) =>
    request<Page<AdminListingRow>>('GET', '/v1/admin/listings', { query: { campusId, ...f, cursor, limit: 20 } }),
  listing: (listingId: string) => request<AdminListingDetail>('GET', `/v1/admin/listings/${id(listingId)}`),
  removeListing: (listingId: string, reason: string) =>
    request<unknown>('POST', `/v1/admin/listings/${id(listingId)}/remove`, { body: { reason } }),
  restoreListing: (listingId: string, reason: string) =>
    request<unknown>('POST', `/v1/admin/listings/${id(listingId)}/restore`, { body: { reason } }),

  users: (campusId: string, f: UserFilters, cursor?: string) =>
    request<Page<AdminUserRow>>('GET', '/v1/admin/users', { query: { campusId, ...f, cursor, limit: 20 } }),
  user: (userId: string) => request<AdminUserDetail>('GET', `/v1/admin/users/${id(userId)}`),
  setBan: (userId: string, banned: boolean, reason: string) =>
    request<ModeratedUser>('POST', `/v1/admin/users/${id(userId)}/${banned ? 'ban' : 'unban'}`, { body: { reason } }),
  /** The student's trades on either side, newest first. */
  userTrades: (userId: string) => request<TradePage>('GET', `/v1/admin/users/${id(userId)}/trades`),
  /** Shown ratings about the student, hidden ones too (`hidden: true`). */
  userRatings: (userId: string) => request<AdminRatingPage>('GET', `/v1/admin/users/${id(userId)}/ratings`),
  releaseStudentNumber: (userId: string, reason: string) =>
    request<Me>('POST', `/v1/admin/verifications/${id(userId)}/release`, { body: { reason } }),

  categories: (campusId: string) =>
    request<CategoryList>('GET', '/v1/categories', { query: { campusId, includeDisabled: true } }),
  createCategory: (body: CreateCategoryBody) => request<AdminCategory>('POST', '/v1/admin/categories', { body }),
  updateCategory: (categoryId: string, body: UpdateCategoryBody) =>
    request<AdminCategory>('PATCH', `/v1/admin/categories/${id(categoryId)}`, { body }),

  uploadPhoto: (file: File) => upload<UploadedPhoto>('/v1/photos', file, file.name),
  banners: (campusId: string) => request<{ items: Banner[] }>('GET', '/v1/admin/banners', { query: { campusId } }),
  createBanner: (body: CreateBannerBody) => request<Banner>('POST', '/v1/admin/banners', { body }),
  updateBanner: (bannerId: string, body: UpdateBannerBody) =>
    request<Banner>('PATCH', `/v1/admin/banners/${id(bannerId)}`, { body }),
  deleteBanner: (bannerId: string) => request<null>('DELETE', `/v1/admin/banners/${id(bannerId)}`),
  notices: (campusId: string) => request<{ items: Notice[] }>('GET', '/v1/admin/notices', { query: { campusId } }),
  createNotice: (body: CreateNoticeBody) => request<Notice>('POST', '/v1/admin/notices', { body }),
  updateNotice: (noticeId: string, body: UpdateNoticeBody) =>
    request<Notice>('PATCH', `/v1/admin/notices/${id(noticeId)}`, { body }),
  deleteNotice: (noticeId: string) => request<null>('DELETE', `/v1/admin/notices/${id(noticeId)}`),

  feedback: (campusId: string, state: FeedbackState, cursor?: string) =>
    request<Page<AdminFeedback>>('GET', '/v1/admin/feedback', { query: { campusId, state, cursor, limit: 20 } }),
  replyFeedback: (feedbackId: string, text: string) =>
    request<AdminFeedback>('POST', `/v1/admin/feedback/${id(feedbackId)}/reply`, { body: { text } }),
  closeFeedback: (feedbackId: string) =>
    request<AdminFeedback>('POST', `/v1/admin/feedback/${id(feedbackId)}/close`, { body: {} }),

  auditLog: (f: AuditFilters, cursor?: string) =>
    request<AuditPage>('GET', '/v1/admin/audit-log', { query: { ...f, cursor, limit: 50 } }),

  /** Open review cases: reported content and what was let through while the safety checker was down. */
  reviewCases: (cursor?: string) =>
    request<ReviewPage>('GET', '/v1/admin/moderation/cases', { query: { cursor, limit: 20 } }),
  /** Restore (un-hide) or remove with a reason the owner is told; audited. */
  resolveCase: (caseId: string, body: ResolveBody) =>
    request<ReviewCase>('POST', `/v1/admin/moderation/cases/${id(caseId)}/resolve`, { body }),
  /** QQ messages that failed for good or whose outcome is unknown (a campus admin's own campus). */
  deadLetters: (cursor?: string) =>
    request<DeadLetterPage>('GET', '/v1/admin/dead-letters', { query: { cursor, limit: 20 } }),
  /** Audited; the worker sends it again within a couple of minutes. */
  retryDeadLetter: (notificationId: string) =>
    request<null>('POST', `/v1/admin/dead-letters/${id(notificationId)}/retry`),
};
