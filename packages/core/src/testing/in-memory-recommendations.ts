import { LIVE_STATUSES, type Listing } from '../listings/listing.js';
import type {
  CandidateListing,
  InteractionSource,
  Neighbour,
  NeighbourCandidate,
  RecommendationCandidates,
  PairDelta,
  Popularity,
  PopularityDelta,
  SignalStore,
  ViewedListing,
  ViewRecord,
} from '../recommendations/ports.js';
import { pairWeight, popularityWeight, VIEW_HISTORY_ROWS_PER_LISTING } from '../recommendations/ports.js';
import type { SeqRange } from '../shared/projection.js';
import type { InMemoryStore } from './in-memory-store.js';

/**
 * Reads the in-memory view log as the SQL adapter reads `listing_view`: a view's position is its
 * insertion order (a Map keeps it); only signed-in students' keys (`u:…`) name a user.
 */
export class InMemoryInteractionSource implements InteractionSource {
  constructor(private readonly store: InMemoryStore) {}

  private all(): ViewRecord[] {
    const out: ViewRecord[] = [];
    let seq = 0;
    for (const key of this.store.tables.views.keys()) {
      seq++;
      const [listingId, viewer, day] = key.split('|') as [string, string, string];
      out.push({ seq, userId: viewer.startsWith('u:') ? viewer.slice(2) : null, listingId, day });
    }
    return out;
  }

  async viewsAfter(seq: number, limit: number): Promise<ViewRecord[]> {
    return this.all()
      .filter((v) => v.seq > seq)
      .slice(0, limit);
  }

  async viewsWithin(ranges: readonly SeqRange[], limit: number): Promise<ViewRecord[]> {
    return this.all()
      .filter((v) => ranges.some((r) => v.seq >= r.from && v.seq <= r.to))
      .slice(0, limit);
  }

  async lastViewSeq(): Promise<number> {
    return this.store.tables.views.size;
  }

  async viewHistory(userId: string, beforeSeq: number, limit: number): Promise<ViewedListing[]> {
    const byListing = new Map<string, { listingId: string; lastSeq: number; lastDay: string; days: number }>();
    const window = this.all()
      .filter((v) => v.userId === userId && v.seq < beforeSeq)
      .slice(-VIEW_HISTORY_ROWS_PER_LISTING * limit);
    for (const v of window) {
      const h = byListing.get(v.listingId);
      if (h) {
        h.lastSeq = v.seq;
        h.lastDay = v.day > h.lastDay ? v.day : h.lastDay;
        h.days += 1;
      } else byListing.set(v.listingId, { listingId: v.listingId, lastSeq: v.seq, lastDay: v.day, days: 1 });
    }
    return [...byListing.values()].sort((a, b) => b.lastSeq - a.lastSeq).slice(0, limit);
  }

  async viewedBefore(userId: string, listingId: string, beforeSeq: number): Promise<boolean> {
    return this.all().some((v) => v.userId === userId && v.listingId === listingId && v.seq < beforeSeq);
  }

  async favoritesOf(userId: string, until: Date, limit: number): Promise<string[]> {
    return [...this.store.tables.favorites.values()]
      .filter((f) => f.userId === userId && f.createdAt.getTime() <= until.getTime())
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.listingId < b.listingId ? 1 : -1))
      .slice(0, limit)
      .map((f) => f.listingId);
  }
}

/** The signal tables in maps: what the SQL store keeps in `rec_pair`, `rec_item` and `rec_favorite`. */
export class InMemorySignalStore implements SignalStore {
  private readonly pairs = new Map<string, Map<string, { coViews: number; coFavorites: number }>>();
  private readonly items = new Map<string, { campusId: string; viewers: number; favoriters: number }>();
  private readonly favorites = new Map<string, Map<string, number>>();

  /** `store` holds the listings `neighbourCandidates` joins with (as the SQL store joins `listing`). */
  constructor(private readonly store?: InMemoryStore) {}

  async lock(): Promise<void> {}

  async addPairs(deltas: readonly PairDelta[]): Promise<void> {
    for (const d of deltas) {
      this.bump(d.a, d.b, d);
      this.bump(d.b, d.a, d);
    }
  }

  private bump(from: string, to: string, d: PairDelta): void {
    let row = this.pairs.get(from);
    if (!row) this.pairs.set(from, (row = new Map()));
    const cell = row.get(to) ?? { coViews: 0, coFavorites: 0 };
    row.set(to, { coViews: cell.coViews + d.views, coFavorites: cell.coFavorites + d.favorites });
  }

  async addPopularity(deltas: readonly PopularityDelta[]): Promise<void> {
    for (const d of deltas) {
      const cell = this.items.get(d.listingId) ?? { campusId: d.campusId, viewers: 0, favoriters: 0 };
      this.items.set(d.listingId, {
        campusId: d.campusId,
        viewers: cell.viewers + d.viewers,
        favoriters: cell.favoriters + d.favoriters,
      });
    }
  }

  async neighbours(listingId: string, limit: number): Promise<Neighbour[]> {
    return [...(this.pairs.get(listingId) ?? new Map<string, { coViews: number; coFavorites: number }>()).entries()]
      .map(([id, c]) => ({ listingId: id, ...c }))
      .filter((n) => pairWeight(n) > 0)
      .sort((a, b) => pairWeight(b) - pairWeight(a) || (a.listingId < b.listingId ? 1 : -1))
      .slice(0, limit);
  }

  async neighbourCandidates(listingId: string, limit: number): Promise<NeighbourCandidate[]> {
    const out: NeighbourCandidate[] = [];
    for (const n of await this.neighbours(listingId, limit)) {
      const l = this.store?.tables.listings.get(n.listingId);
      if (!l) continue;
      const p = this.items.get(n.listingId);
      out.push({
        neighbour: n,
        listing: candidate(l),
        popularity: p ? { viewers: p.viewers, favoriters: p.favoriters } : null,
      });
    }
    return out;
  }

  async neighboursOf(listingIds: readonly string[], limitEach: number): Promise<Map<string, Neighbour[]>> {
    const out = new Map<string, Neighbour[]>();
    for (const id of new Set(listingIds)) out.set(id, await this.neighbours(id, limitEach));
    return out;
  }

  async popularity(listingIds: readonly string[]): Promise<Map<string, Popularity>> {
    const out = new Map<string, Popularity>();
    for (const id of listingIds) {
      const cell = this.items.get(id);
      if (cell) out.set(id, { viewers: cell.viewers, favoriters: cell.favoriters });
    }
    return out;
  }

  async popularInCampus(campusId: string, limit: number): Promise<string[]> {
    return [...this.items.entries()]
      .filter(([, c]) => c.campusId === campusId && popularityWeight(c) > 0)
      .sort((a, b) => popularityWeight(b[1]) - popularityWeight(a[1]) || (a[0] < b[0] ? 1 : -1))
      .slice(0, limit)
      .map(([id]) => id);
  }

  async setFavorite(userId: string, listingId: string, on: boolean, position: number): Promise<boolean> {
    let mine = this.favorites.get(userId);
    if (!mine) this.favorites.set(userId, (mine = new Map()));
    if (on === mine.has(listingId)) return false;
    if (on) mine.set(listingId, position);
    else mine.delete(listingId);
    return true;
  }

  async projectedFavorites(userId: string, limit: number): Promise<string[]> {
    return [...(this.favorites.get(userId) ?? new Map<string, number>()).entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([id]) => id);
  }
}

/** Candidates straight from the listings table, as the SQL adapter reads them through the feed's indexes. */
export class InMemoryRecommendationCandidates implements RecommendationCandidates {
  constructor(private readonly store: InMemoryStore) {}

  async fresh(q: {
    campusId: string;
    categoryId?: string;
    rootCategoryId?: string;
    now: Date;
    limit: number;
  }): Promise<CandidateListing[]> {
    return [...this.store.tables.listings.values()]
      .filter(
        (l) =>
          l.campusId === q.campusId &&
          LIVE_STATUSES.includes(l.status) &&
          !l.ownerBanned &&
          l.expiresAt.getTime() > q.now.getTime() &&
          (q.categoryId === undefined || l.categoryId === q.categoryId) &&
          (q.rootCategoryId === undefined || l.rootCategoryId === q.rootCategoryId),
      )
      .sort((a, b) => b.listedAt.getTime() - a.listedAt.getTime() || (a.id < b.id ? 1 : -1))
      .slice(0, q.limit)
      .map(candidate);
  }

  async byIds(ids: readonly string[]): Promise<CandidateListing[]> {
    return ids.flatMap((id) => {
      const l = this.store.tables.listings.get(id);
      return l ? [candidate(l)] : [];
    });
  }
}

function candidate(l: Listing): CandidateListing {
  return {
    id: l.id,
    campusId: l.campusId,
    ownerId: l.ownerId,
    status: l.status,
    title: l.title,
    categoryId: l.categoryId,
    rootCategoryId: l.rootCategoryId,
    price: l.price,
    listedAt: new Date(l.listedAt),
    expiresAt: new Date(l.expiresAt),
    ownerBanned: l.ownerBanned,
  };
}
