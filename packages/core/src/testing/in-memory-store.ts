import type { Category } from '../catalog/category.js';
import type { Comment } from '../engagement/comment.js';
import type { FavoriteEntry } from '../engagement/ports.js';
import type { AdminAccount } from '../identity/admin.js';
import type { Campus } from '../identity/campus.js';
import type { StudentVerification } from '../identity/campus-verification.js';
import type { RefreshToken } from '../identity/session.js';
import type { AuditEntry } from '../shared/audit.js';
import type { User } from '../identity/user.js';
import type { Photo } from '../photos/photo.js';
import type { Feedback } from '../feedback/feedback.js';
import type { Listing } from '../listings/listing.js';
import type { Offer } from '../trades/offer.js';
import type { Rating } from '../trades/rating.js';
import type { Trade } from '../trades/trade.js';
import type { Want } from '../trades/ports.js';
import type { SavedSearch } from '../trades/saved-search.js';
import type { DomainEvent } from '../shared/events.js';
import { isErr } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';

/**
 * In-memory adapters for unit tests. They store copies, never the caller's objects, so a use case
 * that forgets to save fails here as it would against a database; and a unit of work restores
 * every table when its work throws or returns an `err`.
 */
export class InMemoryStore {
  readonly tables = {
    listings: new Map<string, Listing>(),
    categories: new Map<string, Category>(),
    campuses: new Map<string, Campus>(),
    users: new Map<string, User>(),
    favorites: new Map<string, FavoriteEntry & { userId: string }>(),
    comments: new Map<string, Comment>(),
    outbox: new Map<
      string,
      { event: DomainEvent; publishedAt: Date | null; seq: number; claim?: string | null; claimedUntil?: Date | null }
    >(),
    views: new Map<string, true>(),
    /** Keyed `userId|day`. */
    activeDays: new Map<string, { userId: string; campusId: string; day: string }>(),
    studentVerifications: new Map<string, StudentVerification>(),
    audit: new Map<string, AuditEntry>(),
    rateHits: new Map<string, Date[]>(),
    refreshTokens: new Map<string, RefreshToken>(),
    admins: new Map<string, AdminAccount>(),
    photos: new Map<string, Photo>(),
    feedback: new Map<string, Feedback>(),
    /** Keyed `listingId|userId`. */
    wants: new Map<string, Want>(),
    offers: new Map<string, Offer>(),
    trades: new Map<string, Trade>(),
    ratings: new Map<string, Rating>(),
    savedSearches: new Map<string, { search: SavedSearch; keys: readonly string[] }>(),
    /** Keyed `userId|listingId`: the alerts taken, with their China day. */
    savedSearchAlerts: new Map<string, string>(),
  };
  private seq = 0;
  nextSeq(): number {
    return ++this.seq;
  }

  snapshot(): () => void {
    const saved = Object.fromEntries(
      Object.entries(this.tables).map(([k, v]) => [k, new Map(v as Map<string, unknown>)]),
    );
    return () => {
      for (const [k, v] of Object.entries(saved)) {
        const table = this.tables[k as keyof InMemoryStore['tables']] as Map<string, unknown>;
        table.clear();
        for (const [key, value] of v) table.set(key, value);
      }
    };
  }
}

export function copy<T extends object>(entity: T): T {
  const out = Object.create(Object.getPrototypeOf(entity)) as T;
  for (const key of Object.keys(entity) as (keyof T)[]) out[key] = structuredClone(entity[key]);
  return out;
}

export class InMemoryUnitOfWork implements UnitOfWork {
  private tail: Promise<unknown> = Promise.resolve();
  private depth = 0;
  constructor(private readonly store: InMemoryStore) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.depth > 0) return work();
    // Units of work run one at a time, as row locks would make them on a database.
    const result = this.tail.then(async () => {
      this.depth++;
      const restore = this.store.snapshot();
      try {
        const result = await work();
        if (isErr(result)) restore();
        return result;
      } catch (e) {
        restore();
        throw e;
      } finally {
        this.depth--;
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}
