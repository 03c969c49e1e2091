import type {
  Listing,
  ListingDayCount,
  ListingDirectory,
  ListingDirectoryQuery,
  User,
  UserDirectory,
  UserDirectoryQuery,
} from '@xianzhi/core';
import type { OrmContext } from './context.js';
import { MikroOrmUserRepository } from './identity-repository.js';
import { MikroOrmListingRepository } from './listing-repository.js';

type Row = Record<string, unknown>;

/** The shared parts of the back office's keyset lists: newest created first, literal substring match. */
class AdminLists {
  constructor(private readonly ctx: OrmContext) {}

  /** SQLite keeps epoch milliseconds, MySQL a UTC datetime. */
  time(d: Date): number | string {
    return this.ctx.dialect === 'sqlite' ? d.getTime() : d.toISOString().replace('T', ' ').replace('Z', '');
  }

  /** A literal, case-insensitive substring test (no LIKE, so `%` and `_` need no escaping). */
  contains(column: string): string {
    return this.ctx.dialect === 'sqlite' ? `instr(lower(${column}), lower(?)) > 0` : `locate(?, ${column}) > 0`;
  }

  /** Ids in list order: the filters, then the keyset condition, newest created first. */
  async ids(
    table: string,
    filters: [string, unknown[]][],
    before: { createdAt: Date; id: string } | null,
    limit: number,
  ): Promise<string[]> {
    const where = [...filters];
    if (before) {
      const at = this.time(before.createdAt);
      where.push(['(created_at < ? or (created_at = ? and id < ?))', [at, at, before.id]]);
    }
    const sql = `select id from ${table}${where.length ? ` where ${where.map(([w]) => w).join(' and ')}` : ''}
      order by created_at desc, id desc limit ?`;
    const rows = await this.ctx.em().execute<Row[]>(sql, [...where.flatMap(([, p]) => p), limit]);
    return rows.map((r) => String(r['id']));
  }
}

const inOrder = <T extends { id: string }>(ids: readonly string[], found: readonly T[]): T[] => {
  const byId = new Map(found.map((x) => [x.id, x]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
};

export class MikroOrmUserDirectory implements UserDirectory {
  private readonly lists: AdminLists;
  private readonly users: MikroOrmUserRepository;

  constructor(ctx: OrmContext) {
    this.lists = new AdminLists(ctx);
    this.users = new MikroOrmUserRepository(ctx);
  }

  async search(q: UserDirectoryQuery): Promise<User[]> {
    const filters: [string, unknown[]][] = [];
    if (q.campusId !== undefined) filters.push(['campus_id = ?', [q.campusId]]);
    if (q.nicknameOrId !== undefined)
      filters.push([`(id = ? or ${this.lists.contains('nickname')})`, [q.nicknameOrId, q.nicknameOrId]]);
    if (q.verified !== undefined) filters.push([`verified_at is ${q.verified ? 'not ' : ''}null`, []]);
    if (q.banned !== undefined) filters.push([`status ${q.banned ? '=' : '<>'} 'banned'`, []]);
    const ids = await this.lists.ids('app_user', filters, q.before, q.limit);
    return inOrder(ids, await this.users.byIds(ids));
  }
}

export class MikroOrmListingDirectory implements ListingDirectory {
  private readonly lists: AdminLists;
  private readonly listings: MikroOrmListingRepository;

  constructor(private readonly ctx: OrmContext) {
    this.lists = new AdminLists(ctx);
    this.listings = new MikroOrmListingRepository(ctx);
  }

  async search(q: ListingDirectoryQuery): Promise<Listing[]> {
    const filters: [string, unknown[]][] = [];
    if (q.campusId !== undefined) filters.push(['campus_id = ?', [q.campusId]]);
    if (q.status !== undefined) filters.push(['status = ?', [q.status]]);
    if (q.kind !== undefined) filters.push(['kind = ?', [q.kind]]);
    if (q.titleContains !== undefined) filters.push([this.lists.contains('title'), [q.titleContains]]);
    const ids = await this.lists.ids('listing', filters, q.before, q.limit);
    return inOrder(ids, await this.listings.byIds(ids));
  }

  async countByOwner(ownerIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (ownerIds.length === 0) return out;
    const rows = await this.ctx
      .em()
      .execute<Row[]>(
        `select owner_id, count(*) as n from listing where owner_id in (${ownerIds.map(() => '?').join(', ')}) group by owner_id`,
        [...ownerIds],
      );
    for (const r of rows) out.set(String(r['owner_id']), Number(r['n']));
    return out;
  }

  async viewsPerDay(listingId: string, sinceDay: string): Promise<ListingDayCount[]> {
    // Contact reveals share the view log under their own `c:` prefix; they are not views.
    const rows = await this.ctx.em().execute<Row[]>(
      `select day, count(*) as n from listing_view where listing_id = ? and day >= ? and viewer_key not like 'c:%'
       group by day order by day`,
      [listingId, sinceDay],
    );
    return rows.map((r) => ({ day: String(r['day']), count: Number(r['n']) }));
  }
}
