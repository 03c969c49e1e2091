import { request, setToken } from './client'
import type {
  Catalog,
  Comment,
  CreateListingBody,
  DevUser,
  FavoriteState,
  ListingDetail,
  ListingQuery,
  ListingStatus,
  ListingSummary,
  Me,
  Page,
  UpdateListingBody,
} from './types'

export const DEFAULT_CAMPUS = 'demo'

export const api = {
  catalog: (campusId = DEFAULT_CAMPUS) => request<Catalog>('GET', '/v1/catalog', { query: { campusId } }),

  listings: (q: ListingQuery) =>
    request<Page<ListingSummary>>('GET', '/v1/listings', {
      query: { campusId: DEFAULT_CAMPUS, limit: 20, ...q },
    }),
  listing: (id: string) => request<ListingDetail>('GET', `/v1/listings/${encodeURIComponent(id)}`),
  createListing: (body: CreateListingBody) => request<ListingDetail>('POST', '/v1/listings', { body }),
  updateListing: (id: string, body: UpdateListingBody) =>
    request<ListingDetail>('PATCH', `/v1/listings/${encodeURIComponent(id)}`, { body }),
  setStatus: (id: string, status: Extract<ListingStatus, 'reserved' | 'active' | 'sold'>) =>
    request<ListingDetail>('POST', `/v1/listings/${encodeURIComponent(id)}/status`, { body: { status } }),
  renew: (id: string) => request<ListingDetail>('POST', `/v1/listings/${encodeURIComponent(id)}/renew`),
  withdraw: (id: string) => request<ListingDetail>('POST', `/v1/listings/${encodeURIComponent(id)}/withdraw`),

  favorite: (id: string) => request<FavoriteState>('PUT', `/v1/listings/${encodeURIComponent(id)}/favorite`),
  unfavorite: (id: string) => request<FavoriteState>('DELETE', `/v1/listings/${encodeURIComponent(id)}/favorite`),

  comments: (id: string) =>
    request<{ items: Comment[] }>('GET', `/v1/listings/${encodeURIComponent(id)}/comments`),
  postComment: (id: string, body: string, replyToCommentId?: string) =>
    request<Comment>('POST', `/v1/listings/${encodeURIComponent(id)}/comments`, {
      body: replyToCommentId ? { body, replyToCommentId } : { body },
    }),
  deleteComment: (commentId: string) => request<null>('DELETE', `/v1/comments/${encodeURIComponent(commentId)}`),

  me: () => request<Me>('GET', '/v1/me'),
  myListings: (status?: ListingStatus, cursor?: string) =>
    request<Page<ListingSummary>>('GET', '/v1/me/listings', { query: { status, cursor } }),
  myFavorites: (cursor?: string) => request<Page<ListingSummary>>('GET', '/v1/me/favorites', { query: { cursor } }),

  async devLogin(user: DevUser): Promise<Me> {
    const res = await request<{ token: string; user: Me }>('POST', '/v1/dev/login', { body: { user } })
    setToken(res.token)
    return res.user
  },
}
