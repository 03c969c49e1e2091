import type { Category } from '../catalog/category.js';
import type { CategoryRepository } from '../catalog/ports.js';
import type { Comment } from '../engagement/comment.js';
import type { CommentRepository, FavoriteEntry, FavoriteRepository } from '../engagement/ports.js';
import type { AdminAccount, AdminAccountRepository } from '../identity/admin.js';
import type { Campus } from '../identity/campus.js';
import type { StudentVerification } from '../identity/campus-verification.js';
import type { RefreshToken, RefreshTokenRepository } from '../identity/session.js';
import type { AuditEntry, AuditLog, AuditQuery, AuditRecord } from '../moderation/audit.js';
import { decide, type RateDecision, type RateLimiter, type RateRule } from '../shared/rate-limit.js';
import { UlidGenerator } from '../shared/ids.js';
import type { CampusRepository, UserRepository } from '../identity/ports.js';
import type { User } from '../identity/user.js';
import type { Photo } from '../photos/photo.js';
import { InMemoryPhotoRepository } from './in-memory-photos.js';
import { LIVE_STATUSES, type Listing } from '../listings/listing.js';
import {
  sortValueOf,
  type CounterDeltas,
  type ListingFeedQuery,
  type ListingRepository,
  type ListingSummary,
  type ListingViewLog,
  type OwnerListingsQuery,
} from '../listings/ports.js';
import type { DomainEvent, Outbox } from '../shared/events.js';
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
    studentVerifications: new Map<string, StudentVerification>(),
    audit: new Map<string, AuditEntry>(),
    rateHits: new Map<string, Date[]>(),
    refreshTokens: new Map<string, RefreshToken>(),
    admins: new Map<string, AdminAccount>(),
    photos: new Map<string, Photo>(),
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

const cmp = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);

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
  async summaries(ids: readonly string[]): Promise<ListingSummary[]> {
    return ids.flatMap((id) => {
      const l = this.table.get(id);
      return l
        ? [
            {
              id: l.id,
              campusId: l.campusId,
              status: l.status,
              kind: l.kind,
              categoryId: l.categoryId,
              rootCategoryId: l.rootCategoryId,
              condition: l.condition,
              areaId: l.areaId,
              price: l.price,
              listedAt: new Date(l.listedAt),
              expiresAt: new Date(l.expiresAt),
              ownerBanned: l.ownerBanned,
            },
          ]
        : [];
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

export class InMemoryCategoryRepository implements CategoryRepository {
  constructor(private readonly store: InMemoryStore) {}
  async forCampus(campusId: string): Promise<Category[]> {
    return [...this.store.tables.categories.values()].filter((c) => c.campusId === campusId).map(copy);
  }
  async byId(id: string): Promise<Category | null> {
    const c = this.store.tables.categories.get(id);
    return c ? copy(c) : null;
  }
  async save(category: Category): Promise<void> {
    this.store.tables.categories.set(category.id, copy(category));
  }
}

export class InMemoryCampusRepository implements CampusRepository {
  constructor(private readonly store: InMemoryStore) {}
  async byId(id: string): Promise<Campus | null> {
    const c = this.store.tables.campuses.get(id);
    return c ? copy(c) : null;
  }
  async list(): Promise<Campus[]> {
    return [...this.store.tables.campuses.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map(copy);
  }
  async save(campus: Campus): Promise<void> {
    this.store.tables.campuses.set(campus.id, copy(campus));
  }
}

export class InMemoryUserRepository implements UserRepository {
  constructor(private readonly store: InMemoryStore) {}
  async byId(id: string): Promise<User | null> {
    const u = this.store.tables.users.get(id);
    return u ? copy(u) : null;
  }
  async byIds(ids: readonly string[]): Promise<User[]> {
    return ids.flatMap((id) => (this.store.tables.users.has(id) ? [copy(this.store.tables.users.get(id)!)] : []));
  }
  async byOpenId(qqOpenId: string): Promise<User | null> {
    const u = [...this.store.tables.users.values()].find((x) => x.qqOpenId === qqOpenId);
    return u ? copy(u) : null;
  }
  async save(user: User): Promise<void> {
    const clash = [...this.store.tables.users.values()].find((x) => x.qqOpenId === user.qqOpenId && x.id !== user.id);
    if (clash) throw new Error(`duplicate qqOpenId for user ${user.id}`);
    this.store.tables.users.set(user.id, copy(user));
  }
}

export class InMemoryFavoriteRepository implements FavoriteRepository {
  constructor(private readonly store: InMemoryStore) {}
  private get table() {
    return this.store.tables.favorites;
  }
  async add(userId: string, listingId: string, at: Date): Promise<boolean> {
    const key = `${userId}|${listingId}`;
    if (this.table.has(key)) return false;
    this.table.set(key, { userId, listingId, createdAt: at });
    return true;
  }
  async remove(userId: string, listingId: string): Promise<boolean> {
    return this.table.delete(`${userId}|${listingId}`);
  }
  async byUser(
    userId: string,
    after: { createdAt: Date; listingId: string } | null,
    limit: number,
  ): Promise<FavoriteEntry[]> {
    const desc = (a: FavoriteEntry, b: { createdAt: Date; listingId: string }) =>
      cmp(b.createdAt.getTime(), a.createdAt.getTime()) ||
      (a.listingId < b.listingId ? 1 : a.listingId > b.listingId ? -1 : 0);
    return [...this.table.values()]
      .filter((f) => f.userId === userId && (!after || desc(f, after) > 0))
      .sort(desc)
      .slice(0, limit)
      .map((f) => ({ listingId: f.listingId, createdAt: new Date(f.createdAt) }));
  }
  async favoritedAmong(userId: string, listingIds: readonly string[]): Promise<Set<string>> {
    return new Set(listingIds.filter((id) => this.table.has(`${userId}|${id}`)));
  }
}

export class InMemoryCommentRepository implements CommentRepository {
  constructor(private readonly store: InMemoryStore) {}
  async byId(id: string): Promise<Comment | null> {
    const c = this.store.tables.comments.get(id);
    return c ? copy(c) : null;
  }
  async save(comment: Comment): Promise<void> {
    this.store.tables.comments.set(comment.id, copy(comment));
  }
  async forListing(listingId: string): Promise<Comment[]> {
    return [...this.store.tables.comments.values()]
      .filter((c) => c.listingId === listingId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map(copy);
  }
}

export class InMemoryOutbox implements Outbox {
  constructor(private readonly store: InMemoryStore) {}
  async append(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      this.store.tables.outbox.set(event.id, {
        event: structuredClone(event),
        publishedAt: null,
        seq: this.store.nextSeq(),
      });
    }
  }
  async unpublished(limit: number): Promise<DomainEvent[]> {
    return [...this.store.tables.outbox.values()]
      .filter((r) => r.publishedAt === null)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map((r) => structuredClone(r.event));
  }
  async markPublished(eventIds: readonly string[], at: Date): Promise<void> {
    for (const id of eventIds) {
      const r = this.store.tables.outbox.get(id);
      if (r) this.store.tables.outbox.set(id, { ...r, publishedAt: at });
    }
  }
  async claim(claim: string, limit: number, now: Date, leaseMs: number): Promise<DomainEvent[]> {
    const free = [...this.store.tables.outbox.values()]
      .filter((r) => r.publishedAt === null && (!r.claimedUntil || r.claimedUntil < now))
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
    for (const r of free)
      this.store.tables.outbox.set(r.event.id, { ...r, claim, claimedUntil: new Date(now.getTime() + leaseMs) });
    return free.map((r) => structuredClone(r.event));
  }
  async release(claim: string): Promise<void> {
    for (const [id, r] of this.store.tables.outbox) {
      if (r.claim === claim && r.publishedAt === null)
        this.store.tables.outbox.set(id, { ...r, claim: null, claimedUntil: null });
    }
  }
  async unpublishRecent(windowMs: number): Promise<number> {
    const times = [...this.store.tables.outbox.values()].flatMap((r) =>
      r.publishedAt ? [r.publishedAt.getTime()] : [],
    );
    if (times.length === 0) return 0;
    const from = Math.max(...times) - windowMs;
    let count = 0;
    for (const [id, r] of this.store.tables.outbox) {
      if (r.publishedAt && r.publishedAt.getTime() >= from) {
        this.store.tables.outbox.set(id, { ...r, publishedAt: null, claim: null, claimedUntil: null });
        count += 1;
      }
    }
    return count;
  }
}

export class InMemoryAuditLog implements AuditLog {
  private readonly ids = new UlidGenerator();
  constructor(private readonly store: InMemoryStore) {}
  async record(entry: AuditRecord): Promise<void> {
    const id = this.ids.next();
    this.store.tables.audit.set(
      id,
      structuredClone({
        ...entry,
        id,
        campusId: entry.campusId ?? null,
        details: entry.details ?? {},
      }),
    );
  }
  async list(q: AuditQuery): Promise<AuditEntry[]> {
    const newerFirst = (a: { at: Date; id: string }, b: { at: Date; id: string }) =>
      cmp(b.at.getTime(), a.at.getTime()) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
    const before = q.before;
    return [...this.store.tables.audit.values()]
      .filter(
        (e) =>
          (q.campusId === undefined || e.campusId === q.campusId) && (q.action === undefined || e.action === q.action),
      )
      .filter((e) => !before || newerFirst(e, before) > 0)
      .sort(newerFirst)
      .slice(0, q.limit)
      .map((e) => structuredClone(e));
  }
}

export class InMemoryRateLimiter implements RateLimiter {
  constructor(private readonly store: InMemoryStore) {}
  private inWindow(key: string, rule: RateRule, now: Date): Date[] {
    const from = now.getTime() - rule.windowMs;
    return (this.store.tables.rateHits.get(key) ?? []).filter(
      (t) => t.getTime() > from && t.getTime() <= now.getTime(),
    );
  }
  async check(key: string, rule: RateRule, now: Date): Promise<RateDecision> {
    return decide(this.inWindow(key, rule, now), rule);
  }
  async hit(key: string, rule: RateRule, now: Date): Promise<RateDecision> {
    const times = [...this.inWindow(key, rule, now), new Date(now)];
    this.store.tables.rateHits.set(key, times);
    return decide(times, rule);
  }
  async reset(key: string): Promise<void> {
    this.store.tables.rateHits.delete(key);
  }
  async prune(before: Date): Promise<number> {
    let removed = 0;
    for (const [key, times] of this.store.tables.rateHits) {
      const kept = times.filter((t) => t.getTime() >= before.getTime());
      removed += times.length - kept.length;
      if (kept.length === 0) this.store.tables.rateHits.delete(key);
      else this.store.tables.rateHits.set(key, kept);
    }
    return removed;
  }
}

export class InMemoryRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly store: InMemoryStore) {}
  private get table() {
    return this.store.tables.refreshTokens;
  }
  async save(token: RefreshToken): Promise<void> {
    const clash = [...this.table.values()].find((t) => t.tokenHash === token.tokenHash && t.id !== token.id);
    if (clash) throw new Error('duplicate refresh token hash');
    this.table.set(token.id, copy(token));
  }
  async byHash(tokenHash: string): Promise<RefreshToken | null> {
    const t = [...this.table.values()].find((x) => x.tokenHash === tokenHash);
    return t ? copy(t) : null;
  }
  async markRotated(id: string, at: Date): Promise<boolean> {
    const t = this.table.get(id);
    if (!t || t.rotatedAt !== null) return false;
    const next = copy(t);
    next.rotatedAt = new Date(at);
    this.table.set(id, next);
    return true;
  }
  async revokeFamily(familyId: string, at: Date): Promise<void> {
    this.revokeWhere((t) => t.familyId === familyId, at);
  }
  async revokeAllOfUser(userId: string, at: Date): Promise<void> {
    this.revokeWhere((t) => t.userId === userId, at);
  }
  async deleteExpired(before: Date): Promise<number> {
    let removed = 0;
    for (const [id, t] of this.table) {
      if (t.expiresAt.getTime() < before.getTime()) {
        this.table.delete(id);
        removed++;
      }
    }
    return removed;
  }
  private revokeWhere(match: (t: RefreshToken) => boolean, at: Date): void {
    for (const [id, t] of this.table) {
      if (!match(t) || t.revokedAt !== null) continue;
      const next = copy(t);
      next.revokedAt = new Date(at);
      this.table.set(id, next);
    }
  }
}

export class InMemoryAdminAccountRepository implements AdminAccountRepository {
  constructor(private readonly store: InMemoryStore) {}
  async byId(id: string): Promise<AdminAccount | null> {
    const a = this.store.tables.admins.get(id);
    return a ? copy(a) : null;
  }
  async byUsername(username: string): Promise<AdminAccount | null> {
    const a = [...this.store.tables.admins.values()].find((x) => x.username === username);
    return a ? copy(a) : null;
  }
  async save(account: AdminAccount): Promise<void> {
    const clash = [...this.store.tables.admins.values()].find(
      (x) => x.username === account.username && x.id !== account.id,
    );
    if (clash) throw new Error(`duplicate admin username ${account.username}`);
    this.store.tables.admins.set(account.id, copy(account));
  }
}

/** Everything a use case may need, wired to one in-memory store. */
export function inMemoryPersistence(store = new InMemoryStore()) {
  return {
    store,
    listings: new InMemoryListingRepository(store),
    categories: new InMemoryCategoryRepository(store),
    campuses: new InMemoryCampusRepository(store),
    users: new InMemoryUserRepository(store),
    favorites: new InMemoryFavoriteRepository(store),
    comments: new InMemoryCommentRepository(store),
    outbox: new InMemoryOutbox(store),
    viewLog: new InMemoryListingViewLog(store),
    auditLog: new InMemoryAuditLog(store),
    rateLimiter: new InMemoryRateLimiter(store),
    refreshTokens: new InMemoryRefreshTokenRepository(store),
    admins: new InMemoryAdminAccountRepository(store),
    photos: new InMemoryPhotoRepository(store),
    uow: new InMemoryUnitOfWork(store),
  };
}
