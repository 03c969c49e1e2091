import { chinaDay, type ActiveUserLog, type CampusActivity, type CampusStatistics, type DayCount } from '@xianzhi/core';
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

  async activity(campusId: string | null, since: Date, top: number): Promise<CampusActivity> {
    const from = this.time(since);
    const sinceDay = chinaDay(since);
    // Every campus together leaves the campus condition out; `c` is its parameter list.
    const campus = (column: string) => (campusId === null ? '' : ` and ${column} = ?`);
    const c = campusId === null ? [] : [campusId];
    const [byStatus, listingsPerDay, usersPerDay, users, categories, favorites, comments] = await Promise.all([
      this.rows(
        `select status, kind, count(*) as n from listing where 1 = 1${campus('campus_id')} group by status, kind`,
        c,
      ),
      this.perDay(
        `select ${this.day('created_at')} as day, count(*) as n from listing where created_at >= ?${campus('campus_id')} group by day`,
        [from, ...c],
      ),
      this.perDay(
        `select ${this.day('created_at')} as day, count(*) as n from app_user where created_at >= ?${campus('campus_id')} group by day`,
        [from, ...c],
      ),
      this.rows(
        `select sum(case when verified_at is null then 0 else 1 end) as verified, count(*) as n from app_user where 1 = 1${campus('campus_id')}`,
        c,
      ),
      this.rows(
        `select category_id, count(*) as n from listing where created_at >= ?${campus('campus_id')} group by category_id order by n desc, category_id asc limit ?`,
        [from, ...c, top],
      ),
      this.perDay(
        `select ${this.day('f.created_at')} as day, count(*) as n from favorite f ${this.recentFirst} listing l on l.id = f.listing_id
         where f.created_at >= ?${campus('l.campus_id')} group by day`,
        [from, ...c],
      ),
      this.perDay(
        `select ${this.day('c.created_at')} as day, count(*) as n from listing_comment c ${this.recentFirst} listing l on l.id = c.listing_id
         where c.created_at >= ?${campus('l.campus_id')} group by day`,
        [from, ...c],
      ),
    ]);
    const [views, active, funnel, topViewed] = await Promise.all([
      // The view log by its day index, each row checked against the campus by primary key; contact reveals are not views.
      this.perDay(
        `select v.day as day, count(*) as n from listing_view v ${this.recentFirst} listing l on l.id = v.listing_id
         where v.day >= ? and v.viewer_key not like 'c:%'${campus('l.campus_id')} group by v.day`,
        [sinceDay, ...c],
      ),
      this.perDay(`select day, count(*) as n from user_active_day where day >= ?${campus('campus_id')} group by day`, [
        sinceDay,
        ...c,
      ]),
      this.rows(
        `select count(*) as listed, sum(case when favorite_count > 0 then 1 else 0 end) as favorited,
           sum(case when comment_count > 0 then 1 else 0 end) as commented, sum(case when status = 'sold' then 1 else 0 end) as sold
         from listing where created_at >= ?${campus('campus_id')}`,
        [from, ...c],
      ),
      this.rows(
        `select v.listing_id as listing_id, l.title as title, count(*) as n from listing_view v ${this.recentFirst} listing l on l.id = v.listing_id
         where v.day >= ? and v.viewer_key not like 'c:%'${campus('l.campus_id')}
         group by v.listing_id, l.title order by n desc, v.listing_id asc limit ?`,
        [sinceDay, ...c, top],
      ),
    ]);
    const total = Number(users[0]?.['n'] ?? 0);
    const verified = Number(users[0]?.['verified'] ?? 0);
    const f = funnel[0] ?? {};
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
      viewsPerDay: views,
      activeUsersPerDay: active,
      funnel: {
        listed: Number(f['listed'] ?? 0),
        favorited: Number(f['favorited'] ?? 0),
        commented: Number(f['commented'] ?? 0),
        sold: Number(f['sold'] ?? 0),
      },
      topViewed: topViewed.map((r) => ({
        listingId: String(r['listing_id']),
        title: String(r['title']),
        views: Number(r['n']),
      })),
    };
  }
}

/** One row per (student, China day); a second write of the pair is ignored by the primary key. */
export class MikroOrmActiveUserLog implements ActiveUserLog {
  constructor(private readonly ctx: OrmContext) {}

  async record(userId: string, campusId: string, day: string): Promise<void> {
    const ignore = this.ctx.dialect === 'sqlite' ? 'insert or ignore' : 'insert ignore';
    await this.ctx
      .em()
      .execute(`${ignore} into user_active_day (user_id, day, campus_id) values (?, ?, ?)`, [userId, day, campusId]);
  }
}
