// These types mirror the API's response schemas (packages/api routes, TypeBox). They are kept by
// hand for now; a later change replaces this file with type-only imports from
// `@xianzhi/api/contract`, so keep names and shapes identical to the contract.
// Money is always integer fen (1 yuan = 100 fen).

export type ListingKind = 'item' | 'book' | 'wanted'
export type ListingStatus = 'active' | 'reserved' | 'sold' | 'withdrawn' | 'removed' | 'expired'
export type Condition = 'new' | 'like_new' | 'lightly_used' | 'heavily_used'
export type TradeMethod = 'face_to_face' | 'delivery' | 'express'
export type SortOrder = 'newest' | 'price_asc' | 'price_desc'

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown }
}

export interface FieldIssue {
  /** Dotted path, e.g. `title` or `book.isbn`. */
  field: string
  message: string
}

export interface Option<V extends string = string> {
  value: V
  label: string
}

export interface CampusArea {
  id: string
  name: string
}

export interface Category {
  id: string
  /** Stable machine name (e.g. `textbooks`); shown nowhere, present in the API. */
  code?: string
  name: string
  children: { id: string; code?: string; name: string }[]
}

export interface Catalog {
  campus: { id: string; name: string; areas: CampusArea[] }
  categories: Category[]
  conditions: Option<Condition>[]
  tradeMethods: Option<TradeMethod>[]
  kinds: Option<ListingKind>[]
}

export interface UserRef {
  id: string
  nickname: string
  avatarUrl: string | null
}

export interface ListingSummary {
  id: string
  kind: ListingKind
  title: string
  price: number | null
  originalPrice: number | null
  status: ListingStatus
  category: { id: string; name: string; parentId: string | null; parentName: string | null }
  condition: Condition | null
  areaId: string | null
  coverPhotoUrl: string | null
  listedAt: string
  viewCount: number
  favoriteCount: number
  commentCount: number
  seller: UserRef
}

export interface BookFields {
  isbn: string
  author?: string | null
  publisher?: string | null
  course?: string | null
}

export interface ListingDetail extends ListingSummary {
  description: string
  photos: { url: string }[]
  tradeMethods: TradeMethod[]
  book: BookFields | null
  expiresAt: string
  version: number
  createdAt: string
  updatedAt: string
  /** Why an admin removed it; sent to the owner and admins only. */
  removalReason?: string | null
  favoritedByMe: boolean
  isMine: boolean
  /** `qqOpenId` is present only when the viewer is a verified student. */
  seller: UserRef & { qqOpenId?: string }
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface ListingQuery {
  campusId?: string
  kind?: ListingKind
  categoryId?: string
  condition?: Condition
  minPrice?: number
  maxPrice?: number
  areaId?: string
  sort?: SortOrder
  cursor?: string
  limit?: number
}

export interface CreateListingBody {
  kind: ListingKind
  title: string
  description: string
  price: number | null
  originalPrice?: number | null
  categoryId: string
  condition?: Condition | null
  areaId?: string | null
  tradeMethods: TradeMethod[]
  photos?: string[]
  book?: BookFields
}

export interface UpdateListingBody extends Partial<Omit<CreateListingBody, 'kind' | 'photos'>> {
  version: number
}

export interface FavoriteState {
  favorited: boolean
  favoriteCount: number
}

export interface Reply {
  id: string
  author: UserRef
  /** Null once deleted (the thread keeps its place). */
  body: string | null
  deleted?: boolean
  createdAt: string
  replyTo: { commentId: string; user: { id: string; nickname: string } } | null
  canDelete: boolean
}

export interface Comment {
  id: string
  author: UserRef
  body: string | null
  deleted?: boolean
  createdAt: string
  canDelete: boolean
  replies: Reply[]
}

export interface Me {
  id: string
  nickname: string
  avatarUrl: string | null
  campusId: string
  verified: boolean
  verifiedAt: string | null
  status: 'active' | 'banned'
  role: 'student' | 'admin'
}

export type DevUser = 'alice' | 'bob' | 'carol' | 'dave' | 'admin'
