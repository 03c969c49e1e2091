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

export interface Option<V extends string = string> {
  value: V
  label: string
}

export interface Category {
  id: string
  code?: string
  name: string
  children: { id: string; code?: string; name: string }[]
}

export interface Catalog {
  campus: { id: string; name: string; areas: { id: string; name: string }[] }
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

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface ListingQuery {
  campusId?: string
  kind?: ListingKind
  categoryId?: string
  sort?: SortOrder
  cursor?: string
  limit?: number
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

/**
 * GET /v1/admin/stats arrives with the admin routes in a later issue; its exact shape is not
 * fixed yet, so the dashboard renders whatever counts it returns (numbers, or maps of numbers).
 */
export type AdminStats = Record<string, number | Record<string, number>>
