import type { ListingStatus } from '../listings/listing.js';
import type { SeqRange } from '../shared/projection.js';

/**
 * What ranking needs of a listing, read as plain columns without loading the whole listing: rankings
 * weigh a few hundred candidates and only the page shown is loaded in full.
 */
export interface CandidateListing {
  readonly id: string;
  readonly campusId: string;
  readonly ownerId: string;
  readonly status: ListingStatus;
  readonly title: string;
  readonly categoryId: string;
  readonly rootCategoryId: string;
  readonly price: number | null;
  readonly listedAt: Date;
  readonly expiresAt: Date;
  /** Out of every recommendation while the owner is banned. */
  readonly ownerBanned: boolean;
}

/** Candidate listings by where they sit in the catalogue, through the feed's indexes. */
export interface RecommendationCandidates {
  /** Live, unexpired listings of a campus (optionally of one 二级标签 or 一级标签), newest first. */
  fresh(query: {
    campusId: string;
    categoryId?: string;
    rootCategoryId?: string;
    now: Date;
    limit: number;
  }): Promise<CandidateListing[]>;
  /** Those that exist, any status, in any order. */
  byIds(ids: readonly string[]): Promise<CandidateListing[]>;
}

/** A view of a listing, as the view log recorded it (once per viewer, listing and China day). */
export interface ViewRecord {
  /** Position in the view log: increases with every recorded view. */
  readonly seq: number;
  /** The signed-in student; null for an anonymous or contact-reveal view, which holds its position but is no interaction. */
  readonly userId: string | null;
  readonly listingId: string;
  /** China day, YYYY-MM-DD. */
  readonly day: string;
}

/** One listing in a student's history, most recent first. */
export interface ViewedListing {
  readonly listingId: string;
  readonly lastSeq: number;
  readonly lastDay: string;
  /** On how many days the student opened it: repeated visits mean interest. */
  readonly days: number;
}

/**
 * What students did, read from where it is recorded (the view log and favorites). Only signed-in
 * students' views count: anonymous viewer keys may be shared by a whole dormitory behind one address.
 */
/**
 * How many view records `viewHistory` reads per listing it answers: enough for repeat visits on a few days,
 * while a student's read stays bounded (a year of daily browsing is thousands of records).
 */
export const VIEW_HISTORY_ROWS_PER_LISTING = 4;

export interface InteractionSource {
  /** Views after `seq`, oldest first. */
  viewsAfter(seq: number, limit: number): Promise<ViewRecord[]>;
  /** Views whose positions lie in the ranges, oldest first: a follower re-reading the gaps it passed. */
  viewsWithin(ranges: readonly SeqRange[], limit: number): Promise<ViewRecord[]>;
  /** The newest position of the view log, 0 when empty. */
  lastViewSeq(): Promise<number>;
  /**
   * Distinct listings the student viewed before position `beforeSeq` (exclusive), most recent first, among
   * the student's latest `VIEW_HISTORY_ROWS_PER_LISTING × limit` view records (one per listing and day): a
   * bounded read however long the student's history grows. `days` counts the days within those records.
   */
  viewHistory(userId: string, beforeSeq: number, limit: number): Promise<ViewedListing[]>;
  /** Whether the student viewed the listing before position `beforeSeq` (exclusive). */
  viewedBefore(userId: string, listingId: string, beforeSeq: number): Promise<boolean>;
  /** The student's favorites made at or before `until`, newest first. */
  favoritesOf(userId: string, until: Date, limit: number): Promise<string[]>;
}

/** A change to the co-occurrence of two listings (applied in both directions). */
export interface PairDelta {
  readonly a: string;
  readonly b: string;
  readonly views: number;
  readonly favorites: number;
}

export interface PopularityDelta {
  readonly listingId: string;
  readonly campusId: string;
  readonly viewers: number;
  readonly favoriters: number;
}

/** A listing often looked at or kept by the same students as another. */
export interface Neighbour {
  readonly listingId: string;
  readonly coViews: number;
  readonly coFavorites: number;
}

export interface NeighbourCandidate {
  readonly neighbour: Neighbour;
  readonly listing: CandidateListing;
  readonly popularity: Popularity | null;
}

export interface Popularity {
  readonly viewers: number;
  readonly favoriters: number;
}

/**
 * Item-to-item signals kept by the signal job: co-occurrence counts per pair of listings, how many
 * students looked at or kept each listing, and the job's own copy of who favorites what (the event
 * log is replayed against it, never against the live favorites table, so a replay gives the same counts).
 */
export interface SignalStore {
  /** Serialises signal jobs across processes until the surrounding unit of work ends. */
  lock(): Promise<void>;
  addPairs(deltas: readonly PairDelta[]): Promise<void>;
  addPopularity(deltas: readonly PopularityDelta[]): Promise<void>;
  /**
   * The listing's top neighbours by co-occurrence weight (co-views + 2 × co-favorites), strongest
   * first (ties: higher id first); this ordered list is the precomputed neighbour list read by similar items and the feed.
   */
  neighbours(listingId: string, limit: number): Promise<Neighbour[]>;
  /**
   * `neighbours` with each neighbour's candidate columns and popularity, in one read: similar items rank
   * them without a second round trip. Neighbours whose listing no longer exists are left out.
   */
  neighbourCandidates(listingId: string, limit: number): Promise<NeighbourCandidate[]>;
  /** `neighbours` of several listings in one read (the feed asks for a dozen at once). */
  neighboursOf(listingIds: readonly string[], limitEach: number): Promise<Map<string, Neighbour[]>>;
  popularity(listingIds: readonly string[]): Promise<Map<string, Popularity>>;
  /** Most looked-at and kept listings of a campus, strongest first, ties higher id first (any status: callers filter). */
  popularInCampus(campusId: string, limit: number): Promise<string[]>;
  /** Records the favorite state in the job's copy (`position`: the event's place in the log, for order); true when it changed. */
  setFavorite(userId: string, listingId: string, on: boolean, position: number): Promise<boolean>;
  /** The student's favorites in the job's copy, newest first. */
  projectedFavorites(userId: string, limit: number): Promise<string[]>;
}

/** Co-occurrence weight of a pair: a favorite says more than a look. */
export function pairWeight(n: { coViews: number; coFavorites: number }): number {
  return n.coViews + 2 * n.coFavorites;
}

export function popularityWeight(p: Popularity | undefined): number {
  return p ? p.viewers + 2 * p.favoriters : 0;
}
