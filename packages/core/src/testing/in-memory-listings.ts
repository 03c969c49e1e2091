import { LIVE_STATUSES, type Listing } from '../listings/listing.js';
import {
  sortValueOf,
  type CounterDeltas,
  type ListingDayCount,
  type ListingDirectory,
  type ListingDirectoryQuery,
  type ListingFeedQuery,
  type ListingRepository,
  type ListingViewLog,
  type LiveOwnerListingsQuery,
  type OwnerListingsQuery,
  type SearchHitQuery,
  type SearchHitRow,
} from '../listings/ports.js';
import { isSearchHit } from '../listings/search-ranking.js';
import { copy, type InMemoryStore } from './in-memory-store.js';
import { cmp } from './order.js';

export class InMemoryListingRepository implements ListingRepository {
  constructor(private readonly store: InMemoryStore) {}
  private get table() {
    return this.store.tables.listings;
  }

  async byId(id: string): Promise<Listing | null> {
    const found = this.table.get(id);
    return found ? copy(found) : null;
  }
  async byIds(ids: readonly string[]): Promise<Listing[]> {
    return ids.flatMap((id) => (this.table.has(id) ? [copy(this.table.get(id)!)] : []));
  }
  async searchHits(ids: readonly string[], query: SearchHitQuery): Promise<SearchHitRow[]> {
    return ids.flatMap((id) => {
      const l = this.table.get(id);
      return l && isSearchHit(l, query) ? [{ id: l.id, price: l.price }] : [];
    });
  }
  async save(listing: Listing): Promise<void> {
    const stored = this.table.get(listing.id);
    const next = copy(listing);
    // Counters are owned by adjustCounters, as in the SQL adapters.
    if (stored)
      Object.assign(next, {
        viewCount: stored.viewCount,
        favoriteCount: stored.favoriteCount,
        commentCount: stored.commentCount,
        wantCount: stored.wantCount,
        ownerBanned: stored.ownerBanned,
      });
    this.table.set(listing.id, next);
  }
  async feed(q: ListingFeedQuery): Promise<Listing[]> {
    const priceSort = q.sort !== 'newest';
    const dir = q.sort === 'price_asc' ? 1 : -1;
    const rows = [...this.table.values()].filter(
      (l) =>
        l.campusId === q.campusId &&
        LIVE_STATUSES.includes(l.status) &&
        !l.ownerBanned &&
        l.expiresAt.getTime() > q.now.getTime() &&
        (q.kind === undefined || l.kind === q.kind) &&
        (q.categoryId === undefined || l.categoryId === q.categoryId) &&
        (q.rootCategoryId === undefined || l.rootCategoryId === q.rootCategoryId) &&
        (q.condition === undefined || l.condition === q.condition) &&
        (q.areaId === undefined || l.areaId === q.areaId) &&
        (q.tradeMethod === undefined || l.tradeMethods.includes(q.tradeMethod)) &&
        (!priceSort || l.price !== null) &&
        (q.minPrice === undefined || (l.price !== null && l.price >= q.minPrice)) &&
        (q.maxPrice === undefined || (l.price !== null && l.price <= q.maxPrice)),
    );
    const key = (l: Listing) => sortValueOf(l, q.sort);
    const position = (v: number, id: string, w: number, other: string) =>
      dir * (cmp(v, w) || (id < other ? -1 : id > other ? 1 : 0));
    const after = q.after;
    return rows
      .filter((l) => !after || position(key(l), l.id, after.sortValue, after.id) > 0)
      .sort((a, b) => position(key(a), a.id, key(b), b.id))
      .slice(0, q.limit)
      .map(copy);
  }
  async byOwner(q: OwnerListingsQuery): Promise<Listing[]> {
    const key = (l: Listing): [number, string] => [l.createdAt.getTime(), l.id];
    const desc = (a: [number, string], b: [number, string]) =>
      cmp(b[0], a[0]) || (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0);
    return [...this.table.values()]
      .filter((l) => l.ownerId === q.ownerId && (q.status === undefined || l.status === q.status))
      .filter((l) => !q.after || desc(key(l), [q.after.sortValue, q.after.id]) > 0)
      .sort((a, b) => desc(key(a), key(b)))
      .slice(0, q.limit)
      .map(copy);
  }
  async liveByOwner(q: LiveOwnerListingsQuery): Promise<Listing[]> {
    const key = (l: Listing): [number, string] => [l.listedAt.getTime(), l.id];
    const desc = (a: [number, string], b: [number, string]) =>
      cmp(b[0], a[0]) || (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0);
    return this.liveOf(q.ownerId, q.now)
      .filter((l) => !q.after || desc(key(l), [q.after.sortValue, q.after.id]) > 0)
      .sort((a, b) => desc(key(a), key(b)))
      .slice(0, q.limit)
      .map(copy);
  }
  async countLiveByOwner(ownerId: string, now: Date): Promise<number> {
    return this.liveOf(ownerId, now).length;
  }
  private liveOf(ownerId: string, now: Date): Listing[] {
    return [...this.table.values()].filter(
      (l) =>
        l.ownerId === ownerId &&
        LIVE_STATUSES.includes(l.status) &&
        !l.ownerBanned &&
        l.expiresAt.getTime() > now.getTime(),
    );
  }
  async dueForExpiry(now: Date, limit: number): Promise<Listing[]> {
    return [...this.table.values()]
      .filter((l) => LIVE_STATUSES.includes(l.status) && l.expiresAt.getTime() <= now.getTime())
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .slice(0, limit)
      .map(copy);
  }
  async adjustCounters(id: string, d: CounterDeltas): Promise<void> {
    const stored = this.table.get(id);
    if (!stored) return;
    const next = copy(stored);
    next.viewCount = Math.max(0, next.viewCount + (d.views ?? 0));
    next.favoriteCount = Math.max(0, next.favoriteCount + (d.favorites ?? 0));
    next.commentCount = Math.max(0, next.commentCount + (d.comments ?? 0));
    next.wantCount = Math.max(0, next.wantCount + (d.wants ?? 0));
    this.table.set(id, next);
  }
  async setOwnerBanned(ownerId: string, banned: boolean): Promise<void> {
    for (const [id, l] of this.table)
      if (l.ownerId === ownerId) this.table.set(id, Object.assign(copy(l), { ownerBanned: banned }));
  }
}

export class InMemoryListingViewLog implements ListingViewLog {
  constructor(private readonly store: InMemoryStore) {}
  async recordView(listingId: string, viewerKey: string, day: string): Promise<boolean> {
    const key = `${listingId}|${viewerKey}|${day}`;
    if (this.store.tables.views.has(key)) return false;
    this.store.tables.views.set(key, true);
    return true;
  }
}

/** Newest created first, the id breaking ties: the order of every admin list. */
export const newestCreated = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
  cmp(b.createdAt.getTime(), a.createdAt.getTime()) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export class InMemoryListingDirectory implements ListingDirectory {
  constructor(private readonly store: InMemoryStore) {}
  async search(q: ListingDirectoryQuery): Promise<Listing[]> {
    const needle = q.titleContains?.toLowerCase();
    return [...this.store.tables.listings.values()]
      .filter(
        (l) =>
          (q.campusId === undefined || l.campusId === q.campusId) &&
          (q.status === undefined || l.status === q.status) &&
          (q.kind === undefined || l.kind === q.kind) &&
          (needle === undefined || l.title.toLowerCase().includes(needle)) &&
          (!q.before || newestCreated(l, q.before) > 0),
      )
      .sort(newestCreated)
      .slice(0, q.limit)
      .map(copy);
  }
  async countByOwner(ownerIds: readonly string[]): Promise<Map<string, number>> {
    const wanted = new Set(ownerIds);
    const out = new Map<string, number>();
    for (const l of this.store.tables.listings.values())
      if (wanted.has(l.ownerId)) out.set(l.ownerId, (out.get(l.ownerId) ?? 0) + 1);
    return out;
  }
  async viewsPerDay(listingId: string, sinceDay: string): Promise<ListingDayCount[]> {
    const perDay = new Map<string, number>();
    for (const key of this.store.tables.views.keys()) {
      const [id, viewer, day] = key.split('|') as [string, string, string];
      if (id === listingId && !viewer.startsWith('c:') && day >= sinceDay) perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    return [...perDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, count]) => ({ day, count }));
  }
}
