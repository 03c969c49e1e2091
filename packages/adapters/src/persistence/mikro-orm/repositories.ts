import { LockMode } from '@mikro-orm/core';
import {
  AdminAccount,
  Campus,
  Category,
  Comment,
  decide,
  LIVE_STATUSES,
  Listing,
  RefreshToken,
  UlidGenerator,
  User,
  type AdminAccountRepository,
  type AuditEntry,
  type AuditLog,
  type AuditQuery,
  type AuditRecord,
  type RateDecision,
  type RateLimiter,
  type RateRule,
  type RefreshTokenRepository,
  type CampusRepository,
  type CategoryRepository,
  type CommentRepository,
  type CounterDeltas,
  type DomainEvent,
  type FavoriteEntry,
  type FavoriteRepository,
  type ListingFeedQuery,
  type ListingRepository,
  type ListingSummary,
  type ListingViewLog,
  type Outbox,
  type OwnerListingsQuery,
  type UserRepository,
} from '@xianzhi/core';
import type { OrmContext } from './context.js';
import { AuditRow, FavoriteRow, ListingViewRow, OutboxRow, RateHitRow } from './schemas.js';

const COUNTERS = ['viewCount', 'favoriteCount', 'commentCount'] as const;
/** Columns a save never writes back: their own atomic UPDATEs own them. */
const NOT_SAVED = [...COUNTERS, 'ownerBanned'] as const;

const LISTING_COLUMNS = [
  'id',
  'campus_id',
  'owner_id',
  'kind',
  'title',
  'description',
  'price',
  'original_price',
  'category_id',
  'root_category_id',
  'item_condition',
  'area_id',
  'trade_methods',
  'photos',
  'book',
  'status',
  'removal_reason',
  'version',
  'created_at',
  'updated_at',
  'listed_at',
  'last_renewed_at',
  'expires_at',
  'view_count',
  'favorite_count',
  'comment_count',
  'price_history',
  'owner_banned',
].join(', ');

function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function orNull<T>(value: unknown, map: (v: unknown) => T): T | null {
  return value === null || value === undefined ? null : map(value);
}

/** A listing row (as `select LISTING_COLUMNS` returns it on either database) as an unmanaged Listing. */
function listingFromRow(r: Record<string, unknown>): Listing {
  const l = new Listing();
  l.id = String(r['id']);
  l.campusId = String(r['campus_id']);
  l.ownerId = String(r['owner_id']);
  l.kind = r['kind'] as Listing['kind'];
  l.title = String(r['title']);
  l.description = String(r['description']);
  l.price = orNull(r['price'], Number);
  l.originalPrice = orNull(r['original_price'], Number);
  l.categoryId = String(r['category_id']);
  l.rootCategoryId = String(r['root_category_id']);
  l.condition = orNull(r['item_condition'], String) as Listing['condition'];
  l.areaId = orNull(r['area_id'], String);
  l.tradeMethods = json(r['trade_methods']);
  l.photos = json(r['photos']);
  l.book = orNull(r['book'], json) as Listing['book'];
  l.status = r['status'] as Listing['status'];
  l.removalReason = orNull(r['removal_reason'], String);
  l.version = Number(r['version']);
  l.createdAt = toDate(r['created_at']);
  l.updatedAt = toDate(r['updated_at']);
  l.listedAt = toDate(r['listed_at']);
  l.lastRenewedAt = orNull(r['last_renewed_at'], toDate);
  l.expiresAt = toDate(r['expires_at']);
  l.viewCount = Number(r['view_count']);
  l.favoriteCount = Number(r['favorite_count']);
  l.commentCount = Number(r['comment_count']);
  l.priceHistory = json(r['price_history']);
  l.ownerBanned = Boolean(Number(r['owner_banned']));
  return l;
}

/** A datetime column as the driver returns it: a Date (MySQL/MariaDB) or epoch milliseconds (SQLite). */
function toDate(value: unknown): Date {
  return value instanceof Date
    ? value
    : new Date(typeof value === 'string' && !/^\d+$/.test(value) ? value : Number(value));
}

export class MikroOrmListingRepository implements ListingRepository {
  constructor(private readonly ctx: OrmContext) {}

  async byId(id: string, options: { forUpdate?: boolean } = {}): Promise<Listing | null> {
    // SQLite serialises writers on its one connection; row locks are a server-database matter.
    const lock = options.forUpdate && this.ctx.inTransaction && this.ctx.dialect === 'mysql';
    // Always re-read: counters move by raw UPDATE, which the identity map of this unit of work never sees.
    return this.ctx
      .em()
      .findOne(Listing, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : { refresh: true });
  }

  async byIds(ids: readonly string[]): Promise<Listing[]> {
    if (ids.length === 0) return [];
    // Pages of search and recommendations read through here: plain SQL and mapping, like the feed.
    const out: Listing[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      const rows = await this.ctx
        .em()
        .execute<Record<string, unknown>[]>(
          `select ${LISTING_COLUMNS} from listing where id in (${batch.map(() => '?').join(', ')})`,
          batch,
        );
      for (const r of rows) out.push(listingFromRow(r));
    }
    return out;
  }

  async summaries(ids: readonly string[]): Promise<ListingSummary[]> {
    const out: ListingSummary[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      // Plain rows, no entity hydration: search ranks up to thousands of these per query.
      const rows = await this.ctx.em().execute<Record<string, unknown>[]>(
        `select id, campus_id, status, kind, category_id, root_category_id, item_condition, area_id, price, listed_at, expires_at, owner_banned
         from listing where id in (${batch.map(() => '?').join(', ')})`,
        batch,
      );
      for (const r of rows) {
        out.push({
          id: String(r['id']),
          campusId: String(r['campus_id']),
          status: r['status'] as ListingSummary['status'],
          kind: r['kind'] as ListingSummary['kind'],
          categoryId: String(r['category_id']),
          rootCategoryId: String(r['root_category_id']),
          condition: (r['item_condition'] ?? null) as ListingSummary['condition'],
          areaId: (r['area_id'] ?? null) as string | null,
          price: r['price'] === null || r['price'] === undefined ? null : Number(r['price']),
          listedAt: toDate(r['listed_at']),
          expiresAt: toDate(r['expires_at']),
          ownerBanned: Boolean(Number(r['owner_banned'])),
        });
      }
    }
    return out;
  }

  async save(listing: Listing): Promise<void> {
    await this.ctx.save(Listing, listing, NOT_SAVED);
  }

  async feed(q: ListingFeedQuery): Promise<Listing[]> {
    // Hand-written SQL and a plain mapping: the feed is the hottest read, and the query builder plus
    // entity hydration cost several times the query itself (see bench/README.md).
    const at = (d: Date) => (this.ctx.dialect === 'sqlite' ? d.getTime() : d);
    const where = ['campus_id = ?', 'expires_at > ?', 'live = 1'];
    const params: unknown[] = [q.campusId, at(q.now)];
    const eq = (column: string, value: unknown) => {
      where.push(`${column} = ?`);
      params.push(value);
    };
    if (q.kind) eq('kind', q.kind);
    if (q.categoryId) eq('category_id', q.categoryId);
    if (q.rootCategoryId) eq('root_category_id', q.rootCategoryId);
    if (q.condition) eq('item_condition', q.condition);
    if (q.areaId) eq('area_id', q.areaId);
    if (q.minPrice !== undefined) {
      where.push('price >= ?');
      params.push(q.minPrice);
    }
    if (q.maxPrice !== undefined) {
      where.push('price <= ?');
      params.push(q.maxPrice);
    }
    const a = q.after;
    let order: string;
    if (q.sort === 'newest') {
      if (a) {
        const t = at(new Date(a.sortValue));
        where.push('listed_at <= ?', '(listed_at < ? or id < ?)');
        params.push(t, t, a.id);
      }
      order = 'listed_at desc, id desc';
    } else {
      const asc = q.sort === 'price_asc';
      where.push('price is not null');
      if (a) {
        where.push(`price ${asc ? '>=' : '<='} ?`, `(price ${asc ? '>' : '<'} ? or id ${asc ? '>' : '<'} ?)`);
        params.push(a.sortValue, a.sortValue, a.id);
      }
      order = asc ? 'price asc, id asc' : 'price desc, id desc';
    }
    const rows = await this.ctx
      .em()
      .execute<Record<string, unknown>[]>(
        `select ${LISTING_COLUMNS} from listing where ${where.join(' and ')} order by ${order} limit ${Math.floor(q.limit)}`,
        params,
      );
    return rows.map(listingFromRow);
  }

  async byOwner(q: OwnerListingsQuery): Promise<Listing[]> {
    const where: Record<string, unknown> = { ownerId: q.ownerId };
    if (q.status) where['status'] = q.status;
    if (q.after) {
      const at = new Date(q.after.sortValue);
      where['$and'] = [{ createdAt: { $lte: at } }, { $or: [{ createdAt: { $lt: at } }, { id: { $lt: q.after.id } }] }];
    }
    return this.ctx
      .em()
      .find(Listing, where as never, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: q.limit });
  }

  async dueForExpiry(now: Date, limit: number): Promise<Listing[]> {
    return this.ctx
      .em()
      .find(
        Listing,
        { status: { $in: [...LIVE_STATUSES] }, expiresAt: { $lte: now } },
        { orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }], limit },
      );
  }

  async adjustCounters(id: string, d: CounterDeltas): Promise<void> {
    const sets: string[] = [];
    const params: number[] = [];
    for (const [column, delta] of [
      ['view_count', d.views],
      ['favorite_count', d.favorites],
      ['comment_count', d.comments],
    ] as const) {
      if (!delta) continue;
      sets.push(`${column} = case when ${column} + ? < 0 then 0 else ${column} + ? end`);
      params.push(delta, delta);
    }
    if (sets.length === 0) return;
    await this.ctx.em().execute(`update listing set ${sets.join(', ')} where id = ?`, [...params, id], 'run');
  }

  async setOwnerBanned(ownerId: string, banned: boolean): Promise<void> {
    await this.ctx
      .em()
      .execute('update listing set owner_banned = ? where owner_id = ?', [banned ? 1 : 0, ownerId], 'run');
  }
}

export class MikroOrmListingViewLog implements ListingViewLog {
  constructor(private readonly ctx: OrmContext) {}

  async recordView(listingId: string, viewerKey: string, day: string): Promise<boolean> {
    const result = await this.ctx
      .em()
      .createQueryBuilder(ListingViewRow)
      .insert({ listingId, viewerKey, day })
      .onConflict(['listingId', 'viewerKey', 'day'])
      .ignore()
      .execute('run');
    return (result as { affectedRows?: number }).affectedRows === 1;
  }
}

export class MikroOrmCategoryRepository implements CategoryRepository {
  constructor(private readonly ctx: OrmContext) {}
  async forCampus(campusId: string): Promise<Category[]> {
    // Read on every feed and search page: plain SQL and mapping, no query builder or hydration.
    const rows = await this.ctx
      .em()
      .execute<Record<string, unknown>[]>(
        'select id, campus_id, parent_id, code, name, sort_order, enabled from category where campus_id = ? order by sort_order asc, id asc',
        [campusId],
      );
    return rows.map((r) => {
      const c = new Category();
      c.id = String(r['id']);
      c.campusId = String(r['campus_id']);
      c.parentId = orNull(r['parent_id'], String);
      c.code = String(r['code']);
      c.name = String(r['name']);
      c.sortOrder = Number(r['sort_order']);
      c.enabled = Boolean(Number(r['enabled']));
      return c;
    });
  }
  byId(id: string): Promise<Category | null> {
    return this.ctx.em().findOne(Category, { id });
  }
  save(category: Category): Promise<void> {
    return this.ctx.save(Category, category);
  }
}

export class MikroOrmCampusRepository implements CampusRepository {
  constructor(private readonly ctx: OrmContext) {}
  byId(id: string): Promise<Campus | null> {
    return this.ctx.em().findOne(Campus, { id });
  }
  list(): Promise<Campus[]> {
    return this.ctx.em().find(Campus, {}, { orderBy: { id: 'asc' } });
  }
  save(campus: Campus): Promise<void> {
    return this.ctx.save(Campus, campus);
  }
}

export class MikroOrmUserRepository implements UserRepository {
  constructor(private readonly ctx: OrmContext) {}
  byId(id: string): Promise<User | null> {
    return this.ctx.em().findOne(User, { id });
  }
  async byIds(ids: readonly string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    // The sellers of every feed page: plain SQL and mapping, no query builder or hydration.
    const rows = await this.ctx.em().execute<Record<string, unknown>[]>(
      `select id, qq_open_id, nickname, avatar_url, campus_id, verified_at, status, role, created_at, updated_at
       from app_user where id in (${ids.map(() => '?').join(', ')})`,
      [...ids],
    );
    return rows.map((r) => {
      const u = new User();
      u.id = String(r['id']);
      u.qqOpenId = String(r['qq_open_id']);
      u.nickname = String(r['nickname']);
      u.avatarUrl = orNull(r['avatar_url'], String);
      u.campusId = String(r['campus_id']);
      u.verifiedAt = orNull(r['verified_at'], toDate);
      u.status = r['status'] as User['status'];
      u.role = r['role'] as User['role'];
      u.createdAt = toDate(r['created_at']);
      u.updatedAt = toDate(r['updated_at']);
      return u;
    });
  }
  byOpenId(qqOpenId: string): Promise<User | null> {
    return this.ctx.em().findOne(User, { qqOpenId });
  }
  save(user: User): Promise<void> {
    return this.ctx.save(User, user);
  }
}

export class MikroOrmFavoriteRepository implements FavoriteRepository {
  constructor(private readonly ctx: OrmContext) {}

  async add(userId: string, listingId: string, at: Date): Promise<boolean> {
    const result = await this.ctx
      .em()
      .createQueryBuilder(FavoriteRow)
      .insert({ userId, listingId, createdAt: at })
      .onConflict(['userId', 'listingId'])
      .ignore()
      .execute('run');
    return (result as { affectedRows?: number }).affectedRows === 1;
  }

  async remove(userId: string, listingId: string): Promise<boolean> {
    const removed = await this.ctx.em().nativeDelete(FavoriteRow, { userId, listingId });
    return removed === 1;
  }

  async byUser(
    userId: string,
    after: { createdAt: Date; listingId: string } | null,
    limit: number,
  ): Promise<FavoriteEntry[]> {
    const where: Record<string, unknown> = { userId };
    if (after) {
      where['$and'] = [
        { createdAt: { $lte: after.createdAt } },
        { $or: [{ createdAt: { $lt: after.createdAt } }, { listingId: { $lt: after.listingId } }] },
      ];
    }
    const rows = await this.ctx.em().find(FavoriteRow, where as never, {
      orderBy: [{ createdAt: 'desc' }, { listingId: 'desc' }],
      limit,
    });
    return rows.map((r) => ({ listingId: r.listingId, createdAt: r.createdAt }));
  }

  async favoritedAmong(userId: string, listingIds: readonly string[]): Promise<Set<string>> {
    if (listingIds.length === 0) return new Set();
    const rows = await this.ctx
      .em()
      .find(FavoriteRow, { userId, listingId: { $in: [...listingIds] } }, { fields: ['listingId'] });
    return new Set(rows.map((r) => r.listingId));
  }
}

export class MikroOrmCommentRepository implements CommentRepository {
  constructor(private readonly ctx: OrmContext) {}
  byId(id: string): Promise<Comment | null> {
    return this.ctx.em().findOne(Comment, { id });
  }
  save(comment: Comment): Promise<void> {
    return this.ctx.save(Comment, comment);
  }
  forListing(listingId: string): Promise<Comment[]> {
    return this.ctx.em().find(Comment, { listingId }, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }
}

export class MikroOrmOutbox implements Outbox {
  constructor(private readonly ctx: OrmContext) {}

  async append(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const em = this.ctx.em();
    for (const e of events) {
      em.create(OutboxRow, {
        id: e.id,
        type: e.type,
        aggregateId: e.aggregateId,
        payload: e.payload,
        occurredAt: e.occurredAt,
        publishedAt: null,
      } as OutboxRow);
    }
    await em.flush();
  }

  async unpublished(limit: number): Promise<DomainEvent[]> {
    const rows = await this.ctx.em().find(OutboxRow, { publishedAt: null }, { orderBy: { seq: 'asc' }, limit });
    return rows.map(outboxEvent);
  }

  /**
   * Three short statements, no transaction: pick candidates, claim those still free with one UPDATE
   * (the database re-checks the condition row by row, so of two racing relays each row goes to one),
   * then read back what this claim won. Nothing stays locked while the relay talks to the queue.
   */
  async claim(claim: string, limit: number, now: Date, leaseMs: number): Promise<DomainEvent[]> {
    const free = { publishedAt: null, $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }] };
    const candidates = await this.ctx
      .em()
      .find(OutboxRow, free, { orderBy: { seq: 'asc' }, limit, fields: ['seq', 'id'] });
    if (candidates.length === 0) return [];
    await this.ctx
      .em()
      .nativeUpdate(
        OutboxRow,
        { id: { $in: candidates.map((c) => c.id) }, ...free },
        { claimToken: claim, claimedUntil: new Date(now.getTime() + leaseMs) },
      );
    const won = await this.ctx
      .em()
      .find(OutboxRow, { claimToken: claim, publishedAt: null }, { orderBy: { seq: 'asc' } });
    return won.map(outboxEvent);
  }

  async release(claim: string): Promise<void> {
    await this.ctx
      .em()
      .nativeUpdate(OutboxRow, { claimToken: claim, publishedAt: null }, { claimToken: null, claimedUntil: null });
  }

  async markPublished(eventIds: readonly string[], at: Date): Promise<void> {
    if (eventIds.length === 0) return;
    await this.ctx.em().nativeUpdate(OutboxRow, { id: { $in: [...eventIds] } }, { publishedAt: at });
  }

  async unpublishRecent(windowMs: number): Promise<number> {
    // Both statements read outbox_pending_idx (published_at, seq): the latest end, then a range.
    const [latest] = await this.ctx
      .em()
      .find(
        OutboxRow,
        { publishedAt: { $ne: null } },
        { orderBy: { publishedAt: 'desc' }, limit: 1, fields: ['seq', 'publishedAt'] },
      );
    if (!latest?.publishedAt) return 0;
    return this.ctx
      .em()
      .nativeUpdate(
        OutboxRow,
        { publishedAt: { $gte: new Date(latest.publishedAt.getTime() - windowMs) } },
        { publishedAt: null, claimToken: null, claimedUntil: null },
      );
  }
}

export class MikroOrmRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly ctx: OrmContext) {}
  save(token: RefreshToken): Promise<void> {
    return this.ctx.save(RefreshToken, token);
  }
  byHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.ctx.em().findOne(RefreshToken, { tokenHash }, { refresh: true });
  }
  async markRotated(id: string, at: Date): Promise<boolean> {
    // One conditional UPDATE: of two concurrent refreshes with one token, exactly one wins.
    const changed = await this.ctx.em().nativeUpdate(RefreshToken, { id, rotatedAt: null }, { rotatedAt: at });
    return changed === 1;
  }
  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.ctx.em().nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: at });
  }
  async revokeAllOfUser(userId: string, at: Date): Promise<void> {
    await this.ctx.em().nativeUpdate(RefreshToken, { userId, revokedAt: null }, { revokedAt: at });
  }
  deleteExpired(before: Date): Promise<number> {
    return this.ctx.em().nativeDelete(RefreshToken, { expiresAt: { $lt: before } });
  }
}

export class MikroOrmAdminAccountRepository implements AdminAccountRepository {
  constructor(private readonly ctx: OrmContext) {}
  byId(id: string): Promise<AdminAccount | null> {
    return this.ctx.em().findOne(AdminAccount, { id });
  }
  byUsername(username: string): Promise<AdminAccount | null> {
    return this.ctx.em().findOne(AdminAccount, { username });
  }
  save(account: AdminAccount): Promise<void> {
    return this.ctx.save(AdminAccount, account);
  }
}

export class MikroOrmAuditLog implements AuditLog {
  private readonly ids = new UlidGenerator();
  constructor(private readonly ctx: OrmContext) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.ctx.em().insert(AuditRow, {
      id: this.ids.next(),
      at: entry.at,
      actorKind: entry.actor.kind,
      actorId: entry.actor.id,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      campusId: entry.campusId ?? null,
      details: entry.details ?? {},
    } as AuditRow);
  }

  async list(q: AuditQuery): Promise<AuditEntry[]> {
    const where: Record<string, unknown> = {};
    if (q.campusId !== undefined) where['campusId'] = q.campusId;
    if (q.action !== undefined) where['action'] = q.action;
    if (q.before) {
      where['$and'] = [
        { at: { $lte: q.before.at } },
        { $or: [{ at: { $lt: q.before.at } }, { id: { $lt: q.before.id } }] },
      ];
    }
    const rows = await this.ctx
      .em()
      .find(AuditRow, where as never, { orderBy: [{ at: 'desc' }, { id: 'desc' }], limit: q.limit });
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: { kind: r.actorKind as AuditEntry['actor']['kind'], id: r.actorId },
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      campusId: r.campusId,
      details: r.details ?? {},
    }));
  }
}

export class MikroOrmRateLimiter implements RateLimiter {
  constructor(private readonly ctx: OrmContext) {}

  private async inWindow(key: string, rule: RateRule, now: Date): Promise<Date[]> {
    const from = new Date(now.getTime() - rule.windowMs);
    const rows = await this.ctx
      .em()
      .find(RateHitRow, { key, at: { $gt: from, $lte: now } }, { orderBy: [{ at: 'asc' }, { seq: 'asc' }] });
    return rows.map((r) => r.at);
  }

  check(key: string, rule: RateRule, now: Date): Promise<RateDecision> {
    return this.inWindow(key, rule, now).then((times) => decide(times, rule));
  }

  async hit(key: string, rule: RateRule, now: Date): Promise<RateDecision> {
    const em = this.ctx.em();
    // Rows older than the window never count again; pruning on write keeps each key's log short.
    await em.nativeDelete(RateHitRow, { key, at: { $lte: new Date(now.getTime() - rule.windowMs) } });
    await em.insert(RateHitRow, { key, at: now } as RateHitRow);
    return decide(await this.inWindow(key, rule, now), rule);
  }

  async reset(key: string): Promise<void> {
    await this.ctx.em().nativeDelete(RateHitRow, { key });
  }

  prune(before: Date): Promise<number> {
    return this.ctx.em().nativeDelete(RateHitRow, { at: { $lt: before } });
  }
}

function outboxEvent(r: OutboxRow): DomainEvent {
  return {
    id: r.id,
    type: r.type,
    aggregateId: r.aggregateId,
    occurredAt: r.occurredAt,
    payload: r.payload,
  } as DomainEvent;
}
