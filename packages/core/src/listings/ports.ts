import type { Condition, ListingKind, TradeMethod } from '../catalog/dimensions.js';
import type { Fen } from '../shared/money.js';
import type { Listing, ListingStatus } from './listing.js';
import type { SearchFilters } from './search.js';

export type ListingSort = 'newest' | 'price_asc' | 'price_desc';

/** Position after the last item of a page: the sort value and the id that breaks ties. */
export interface ListingCursor {
  readonly sortValue: number;
  readonly id: string;
}

export interface ListingFeedQuery {
  readonly campusId: string;
  readonly kind?: ListingKind;
  /** A 二级标签 id: exact match. */
  readonly categoryId?: string;
  /** A 一级标签 id: any of its children. */
  readonly rootCategoryId?: string;
  readonly condition?: Condition;
  readonly minPrice?: Fen;
  readonly maxPrice?: Fen;
  readonly areaId?: string;
  /** Listings offering this way to hand the item over (among others). */
  readonly tradeMethod?: TradeMethod;
  readonly sort: ListingSort;
  readonly after: ListingCursor | null;
  readonly limit: number;
  /** Listings whose lifetime ended before this are left out even before the sweep marks them. */
  readonly now: Date;
}

export interface OwnerListingsQuery {
  readonly ownerId: string;
  readonly status?: ListingStatus;
  readonly after: ListingCursor | null;
  readonly limit: number;
}

/** A seller's live listings as anyone may see them: the feed's rules, one owner, newest first. */
export interface LiveOwnerListingsQuery {
  readonly ownerId: string;
  readonly after: ListingCursor | null;
  readonly limit: number;
  readonly now: Date;
}

export interface CounterDeltas {
  readonly views?: number;
  readonly favorites?: number;
  readonly comments?: number;
  readonly wants?: number;
}

/** Which listings search may show: the filters of the query, the campus and the time that decides expiry. */
export interface SearchHitQuery extends SearchFilters {
  readonly campusId: string;
  readonly now: Date;
  /** Only listings with a price: the price orders leave 面议 posts out, as the feed does. */
  readonly priced?: boolean;
}

export interface SearchHitRow {
  readonly id: string;
  readonly price: Fen | null;
}

export interface ListingRepository {
  /** `forUpdate` takes a row lock until the surrounding UnitOfWork ends, so concurrent edits queue. */
  byId(id: string, options?: { forUpdate?: boolean }): Promise<Listing | null>;
  byIds(ids: readonly string[]): Promise<Listing[]>;
  /**
   * Those of these listings search may show, in any order: live (active or reserved, the owner not banned),
   * unexpired at `now`, in the campus and passing the filters. Search confirms its ranked candidates here,
   * a few at a time, so an index lagging a change never shows a listing that is no longer a hit.
   */
  searchHits(ids: readonly string[], query: SearchHitQuery): Promise<SearchHitRow[]>;
  save(listing: Listing): Promise<void>;
  /** Live listings (active, reserved) not yet expired, of owners not banned, in sort order. Price sorts leave out 面议 posts. */
  feed(query: ListingFeedQuery): Promise<Listing[]>;
  /** Newest first by creation, any status unless one is named. */
  byOwner(query: OwnerListingsQuery): Promise<Listing[]>;
  /** The owner's listings the feed would show (live, unexpired, owner not banned), newest first by listing time. */
  liveByOwner(query: LiveOwnerListingsQuery): Promise<Listing[]>;
  /** How many listings `liveByOwner` would give in all. */
  countLiveByOwner(ownerId: string, now: Date): Promise<number>;
  /** Live listings whose lifetime ended at or before `now`, oldest first. */
  dueForExpiry(now: Date, limit: number): Promise<Listing[]>;
  /** Counters change atomically in the store, never by read-modify-write, and never bump the version. */
  adjustCounters(id: string, deltas: CounterDeltas): Promise<void>;
  /** Marks every listing of the owner (a ban) or clears the mark (an unban); nothing else changes. */
  setOwnerBanned(ownerId: string, banned: boolean): Promise<void>;
}

/** The back office's query over listings of every status; newest created first. */
export interface ListingDirectoryQuery {
  /** Every campus when absent (super admins). */
  readonly campusId?: string;
  readonly status?: ListingStatus;
  readonly kind?: ListingKind;
  /** Part of the title, matched literally (no wildcards). */
  readonly titleContains?: string;
  /** Keyset cursor: listings created strictly before this (createdAt, id). */
  readonly before: { readonly createdAt: Date; readonly id: string } | null;
  readonly limit: number;
}

/** A China day (YYYY-MM-DD) and how many of something it had. */
export interface ListingDayCount {
  readonly day: string;
  readonly count: number;
}

/** What admins read about listings beyond what students see: every status, counts per owner, views per day. */
export interface ListingDirectory {
  search(query: ListingDirectoryQuery): Promise<Listing[]>;
  /** Listings of each owner, of every status; owners with none are absent. */
  countByOwner(ownerIds: readonly string[]): Promise<Map<string, number>>;
  /** Counted views (the view log's viewers, not contact reveals) per China day from `sinceDay` on, oldest first. */
  viewsPerDay(listingId: string, sinceDay: string): Promise<ListingDayCount[]>;
}

export interface ListingViewLog {
  /** Records that `viewerKey` saw the listing on `day` (YYYY-MM-DD); true only the first time that day. */
  recordView(listingId: string, viewerKey: string, day: string): Promise<boolean>;
}

/**
 * Which of some listings a user has favorited: all a page of listing views asks of favorites.
 * Engagement's FavoriteRepository answers it; it is declared here so listings need not know engagement.
 */
export interface FavoriteLookup {
  favoritedAmong(userId: string, listingIds: readonly string[]): Promise<Set<string>>;
}

/** Which of some listings a user wants (想要); the trades area's WantRepository answers it. */
export interface WantLookup {
  wantedAmong(userId: string, listingIds: readonly string[]): Promise<Set<string>>;
}

/** The sort value a listing has under a sort, as stored in cursors. */
export function sortValueOf(listing: Listing, sort: ListingSort): number {
  return sort === 'newest' ? listing.listedAt.getTime() : (listing.price ?? 0);
}
