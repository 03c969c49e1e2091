import type { CampusActivity, CampusStatistics, DayCount } from '@xianzhi/core';
import type { OrmContext } from './context.js';

type Row = Record<string, string | number | null>;

/**
 * The dashboard's aggregates as grouped SQL reads. Every read is narrowed by an index: the campus and
 * creation time (listing, app_user), the campus, status and kind (listing), creation time (favorite,
 * listing_comment, then the listing by primary key for its campus).
 */
export class MikroOrmCampusStatistics implements CampusStatistics {
  constructor(private readonly ctx: OrmContext) {}

  /** The China day of a timestamp column: SQLite keeps epoch milliseconds, MySQL a UTC datetime. */
  private day(column: string): string {
    return this.ctx.dialect === 'sqlite'
      ? `date((${column} + 28800000) / 1000, 'unixepoch')`
      : `date_format(${column} + interval 8 hour, '%Y-%m-%d')`;
  }

  private time(d: Date): number | string {
    return this.ctx.dialect === 'sqlite' ? d.getTime() : d.toISOString().replace('T', ' ').replace('Z', '');
  }

  /**
   * Engagement is read from its own recent rows, each checked against the campus by primary key; left
   * to itself SQLite's planner starts from the campus's listings instead (8x slower at 100k listings).
   */
  private get recentFirst(): string {
    return this.ctx.dialect === 'sqlite' ? 'cross join' : 'straight_join';
  }

  private async rows(sql: string, params: unknown[]): Promise<Row[]> {
    return this.ctx.em().execute<Row[]>(sql, params);
  }

  private async perDay(sql: string, params: unknown[]): Promise<DayCount[]> {
    return (await this.rows(sql, params)).map((r) => ({ day: String(r['day']), count: Number(r['n']) }));
  }

  async activity(campusId: string, since: Date, topCategories: number): Promise<CampusActivity> {
    const from = this.time(since);
    const [byStatus, listingsPerDay, usersPerDay, users, categories, favorites, comments] = await Promise.all([
      this.rows('select status, kind, count(*) as n from listing where campus_id = ? group by status, kind', [
        campusId,
      ]),
      this.perDay(
        `select ${this.day('created_at')} as day, count(*) as n from listing where campus_id = ? and created_at >= ? group by day`,
        [campusId, from],
      ),
      this.perDay(
        `select ${this.day('created_at')} as day, count(*) as n from app_user where campus_id = ? and created_at >= ? group by day`,
        [campusId, from],
      ),
      this.rows(
        'select sum(case when verified_at is null then 0 else 1 end) as verified, count(*) as n from app_user where campus_id = ?',
        [campusId],
      ),
      this.rows(
        'select category_id, count(*) as n from listing where campus_id = ? and created_at >= ? group by category_id order by n desc, category_id asc limit ?',
        [campusId, from, topCategories],
      ),
      this.perDay(
        `select ${this.day('f.created_at')} as day, count(*) as n from favorite f ${this.recentFirst} listing l on l.id = f.listing_id
         where f.created_at >= ? and l.campus_id = ? group by day`,
        [from, campusId],
      ),
      this.perDay(
        `select ${this.day('c.created_at')} as day, count(*) as n from listing_comment c ${this.recentFirst} listing l on l.id = c.listing_id
         where c.created_at >= ? and l.campus_id = ? group by day`,
        [from, campusId],
      ),
    ]);
    const total = Number(users[0]?.['n'] ?? 0);
    const verified = Number(users[0]?.['verified'] ?? 0);
    return {
      listingsByStatusAndKind: byStatus.map((r) => ({
        status: String(r['status']),
        kind: String(r['kind']),
        count: Number(r['n']),
      })),
      newListingsPerDay: listingsPerDay,
      newUsersPerDay: usersPerDay,
      users: { verified, unverified: total - verified },
      topCategories: categories.map((r) => ({ categoryId: String(r['category_id']), count: Number(r['n']) })),
      favoritesPerDay: favorites,
      commentsPerDay: comments,
    };
  }
}
