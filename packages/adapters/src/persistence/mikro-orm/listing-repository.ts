import { LockMode } from '@mikro-orm/core';
import {
  LISTING_CONTENT_FIELDS,
  LIVE_STATUSES,
  Listing,
  type ListingContent,
  type ListingContentField,
  type CounterDeltas,
  type ListingFeedQuery,
  type ListingRepository,
  type ListingViewLog,
  type LiveOwnerListingsQuery,
  type OwnerListingsQuery,
  type SearchHitQuery,
  type SearchHitRow,
} from '@xianzhi/core';
import type { OrmContext } from './context.js';
import { json, orNull, toDate } from './rows.js';
import { ListingViewRow } from './schemas.js';
import { retryOnLockConflict } from './unit-of-work.js';

const COUNTERS = ['viewCount', 'favoriteCount', 'commentCount', 'wantCount'] as const;
/** Columns a save never writes back: their own atomic UPDATEs own them. */
const NOT_SAVED = [...COUNTERS, 'ownerBanned'] as const;

/** Where each content field is stored and how it reads back; keyed by core's list, so a new field cannot be missed. */
const CONTENT_COLUMNS: {
  readonly [F in ListingContentField]: { readonly column: string; readonly read: (v: unknown) => ListingContent[F] };
} = {
  title: { column: 'title', read: String },
  description: { column: 'description', read: String },
  price: { column: 'price', read: (v) => orNull(v, Number) },
  originalPrice: { column: 'original_price', read: (v) => orNull(v, Number) },
  categoryId: { column: 'category_id', read: String },
  condition: { column: 'item_condition', read: (v) => orNull(v, String) as ListingContent['condition'] },
  areaId: { column: 'area_id', read: (v) => orNull(v, String) },
  tradeMethods: { column: 'trade_methods', read: json },
  photos: { column: 'photos', read: json },
  book: { column: 'book', read: (v) => orNull(v, json) as ListingContent['book'] },
};

const LISTING_COLUMNS = [
  'id',
  'campus_id',
  'owner_id',
  'kind',
  ...LISTING_CONTENT_FIELDS.map((f) => CONTENT_COLUMNS[f].column),
  'root_category_id',
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
  'want_count',
  'price_history',
  'status_history',
  'owner_banned',
].join(', ');

/** A listing row (as `select LISTING_COLUMNS` returns it on either database) as an unmanaged Listing. */
function listingFromRow(r: Record<string, unknown>): Listing {
  const l = new Listing();
  l.id = String(r['id']);
  l.campusId = String(r['campus_id']);
  l.ownerId = String(r['owner_id']);
  l.kind = r['kind'] as Listing['kind'];
  const content = l as Record<ListingContentField, unknown>;
  for (const f of LISTING_CONTENT_FIELDS) content[f] = CONTENT_COLUMNS[f].read(r[CONTENT_COLUMNS[f].column]);
  l.rootCategoryId = String(r['root_category_id']);
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
  l.wantCount = Number(r['want_count']);
  l.priceHistory = json(r['price_history']);
  l.statusHistory = json(r['status_history']);
  l.ownerBanned = Boolean(Number(r['owner_banned']));
  return l;
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

  async searchHits(ids: readonly string[], q: SearchHitQuery): Promise<SearchHitRow[]> {
    // Plain SQL on the columns of listing_search_hit (the trade-method filter alone reads the row): the
    // candidates that are not hits cost an index probe each and never leave the database.
    const where = ['campus_id = ?', 'live = 1', 'expires_at > ?'];
    const params: unknown[] = [q.campusId, this.ctx.dialect === 'sqlite' ? q.now.getTime() : q.now];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (q.kind !== undefined) add('kind = ?', q.kind);
    if (q.categoryId !== undefined) add('(category_id = ? or root_category_id = ?)', q.categoryId, q.categoryId);
    if (q.condition !== undefined) add('item_condition = ?', q.condition);
    if (q.areaId !== undefined) add('area_id = ?', q.areaId);
    if (q.tradeMethod !== undefined) add(this.offersTradeMethod(), q.tradeMethod);
    if (q.minPrice !== undefined) add('price >= ?', q.minPrice);
    if (q.maxPrice !== undefined) add('price <= ?', q.maxPrice);
    if (q.priced) add('price is not null');
    const out: SearchHitRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      const rows = await this.ctx
        .em()
        .execute<{ id: string; price: unknown }[]>(
          `select id, price from listing where id in (${batch.map(() => '?').join(', ')}) and ${where.join(' and ')}`,
          [...batch, ...params],
        );
      for (const r of rows) out.push({ id: String(r.id), price: orNull(r.price, Number) });
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
    if (q.tradeMethod) {
      where.push(this.offersTradeMethod());
      params.push(q.tradeMethod);
    }
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
    return this.ctx.em().find(Listing, where, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: q.limit });
  }

  async liveByOwner(q: LiveOwnerListingsQuery): Promise<Listing[]> {
    // The feed's own rules (live, unexpired) on listing_owner_live_idx, in the feed's newest order.
    const at = (d: Date) => (this.ctx.dialect === 'sqlite' ? d.getTime() : d);
    const where = ['owner_id = ?', 'live = 1', 'expires_at > ?'];
    const params: unknown[] = [q.ownerId, at(q.now)];
    if (q.after) {
      const t = at(new Date(q.after.sortValue));
      where.push('listed_at <= ?', '(listed_at < ? or id < ?)');
      params.push(t, t, q.after.id);
    }
    const rows = await this.ctx
      .em()
      .execute<Record<string, unknown>[]>(
        `select ${LISTING_COLUMNS} from listing where ${where.join(' and ')} order by listed_at desc, id desc limit ${Math.floor(q.limit)}`,
        params,
      );
    return rows.map(listingFromRow);
  }

  async countLiveByOwner(ownerId: string, now: Date): Promise<number> {
    const rows = await this.ctx
      .em()
      .execute<{ n: unknown }[]>(
        'select count(*) as n from listing where owner_id = ? and live = 1 and expires_at > ?',
        [ownerId, this.ctx.dialect === 'sqlite' ? now.getTime() : now],
      );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * `trade_methods` is a JSON array of the method names: a predicate taking one name that is true when
   * the array holds it, as an element (a substring match could not tell a future `express_cold` from
   * `express`). It filters the rows the feed's index already orders, so no index changes.
   */
  private offersTradeMethod(): string {
    return this.ctx.dialect === 'sqlite'
      ? 'exists (select 1 from json_each(listing.trade_methods) where json_each.value = ?)'
      : 'json_contains(trade_methods, json_quote(?))';
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
      ['want_count', d.wants],
    ] as const) {
      if (!delta) continue;
      sets.push(`${column} = case when ${column} + ? < 0 then 0 else ${column} + ? end`);
      params.push(delta, delta);
    }
    if (sets.length === 0) return;
    const sql = `update listing set ${sets.join(', ')} where id = ?`;
    await retryOnLockConflict(this.ctx, () => this.ctx.em().execute(sql, [...params, id], 'run'));
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
    const result = await retryOnLockConflict(this.ctx, () =>
      this.ctx
        .em()
        .createQueryBuilder(ListingViewRow)
        .insert({ listingId, viewerKey, day })
        .onConflict(['listingId', 'viewerKey', 'day'])
        .ignore()
        .execute<{ affectedRows?: number }>('run'),
    );
    return result.affectedRows === 1;
  }
}
