import type { SavedSearch, SavedSearchRepository, SearchFilters } from '@xianzhi/core';
import type { OrmContext } from './context.js';
import { affected, marks, num, type Row } from './notification-rows.js';

/** Keys per statement: far below SQLite's parameter limit, few round trips for a long listing. */
const KEY_CHUNK = 500;

function toSearch(r: Row): SavedSearch {
  return {
    id: String(r['id']),
    userId: String(r['user_id']),
    campusId: String(r['campus_id']),
    text: String(r['query_text']),
    filters: JSON.parse(String(r['filters'])) as SearchFilters,
    createdAt: new Date(num(r['created_at'])),
  };
}

const COLUMNS = 'id, user_id, campus_id, query_text, filters, created_at';

/**
 * Saved searches in plain SQL: the search row, its keys (saved-search-keys.ts) in `saved_search_key`,
 * the alerts told in `saved_search_alert` and each student's alerts of a day in `saved_search_alert_day`.
 * Times are epoch milliseconds on both databases.
 */
export class MikroOrmSavedSearchRepository implements SavedSearchRepository {
  constructor(private readonly ctx: OrmContext) {}

  private exec(sql: string, params: unknown[] = []): Promise<unknown> {
    return this.ctx.em().execute(sql, params, 'run');
  }
  private query(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.ctx.em().execute<Row[]>(sql, params);
  }

  async add(search: SavedSearch, keys: readonly string[], max: number): Promise<boolean> {
    // Saves of one student take turns on their user row (MariaDB; SQLite has one writer at a time), and
    // one statement counts and inserts: the owner never ends up with more than `max`.
    if (this.ctx.dialect !== 'sqlite')
      await this.query('select id from app_user where id = ? for update', [search.userId]);
    const inserted = await this.exec(
      `insert into saved_search (${COLUMNS})
       select ?, ?, ?, ?, ?, ? from (select count(*) as n from saved_search where user_id = ?) c where c.n < ?`,
      [
        search.id,
        search.userId,
        search.campusId,
        search.text,
        JSON.stringify(search.filters),
        search.createdAt.getTime(),
        search.userId,
        max,
      ],
    );
    if (affected(inserted) !== 1) return false;
    const unique = [...new Set(keys)];
    for (let i = 0; i < unique.length; i += KEY_CHUNK) {
      const chunk = unique.slice(i, i + KEY_CHUNK);
      await this.exec(
        `insert into saved_search_key (campus_id, key_text, saved_search_id) values ${chunk.map(() => '(?, ?, ?)').join(', ')}`,
        chunk.flatMap((k) => [search.campusId, k, search.id]),
      );
    }
    return true;
  }

  async byUser(userId: string): Promise<SavedSearch[]> {
    const rows = await this.query(
      `select ${COLUMNS} from saved_search where user_id = ? order by created_at desc, id desc`,
      [userId],
    );
    return rows.map(toSearch);
  }

  async remove(userId: string, id: string): Promise<boolean> {
    const owned = await this.query('select id from saved_search where id = ? and user_id = ?', [id, userId]);
    if (owned.length === 0) return false;
    await this.exec('delete from saved_search_key where saved_search_id = ?', [id]);
    return affected(await this.exec('delete from saved_search where id = ? and user_id = ?', [id, userId])) === 1;
  }

  async withAnyKey(
    campusId: string,
    keys: readonly string[],
    afterId: string | null,
    limit: number,
  ): Promise<SavedSearch[]> {
    const unique = [...new Set(keys)];
    const found = new Set<string>();
    // The first `limit` ids over all keys are among the first `limit` of each chunk.
    for (let i = 0; i < unique.length; i += KEY_CHUNK) {
      const chunk = unique.slice(i, i + KEY_CHUNK);
      const rows = await this.query(
        `select distinct saved_search_id from saved_search_key
         where campus_id = ? and key_text in (${marks(chunk.length)})${afterId === null ? '' : ' and saved_search_id > ?'}
         order by saved_search_id limit ${Math.max(0, Math.trunc(limit))}`,
        [campusId, ...chunk, ...(afterId === null ? [] : [afterId])],
      );
      for (const r of rows) found.add(String(r['saved_search_id']));
    }
    const ids = [...found].sort().slice(0, limit);
    if (ids.length === 0) return [];
    const rows = await this.query(
      `select ${COLUMNS} from saved_search where id in (${marks(ids.length)}) order by id`,
      ids,
    );
    return rows.map(toSearch);
  }

  async takeAlert(userId: string, listingId: string, day: string, limit: number, now: Date): Promise<boolean> {
    const told = await this.query('select 1 as x from saved_search_alert where user_id = ? and listing_id = ?', [
      userId,
      listingId,
    ]);
    if (told.length > 0) return true;
    const tail = this.ctx.dialect === 'sqlite' ? 'on conflict do nothing' : 'on duplicate key update used = used';
    await this.exec(`insert into saved_search_alert_day (user_id, day, used) values (?, ?, 0) ${tail}`, [userId, day]);
    // Atomic in the row: two workers telling the same student never pass the day's limit together.
    const counted = await this.exec(
      'update saved_search_alert_day set used = used + 1 where user_id = ? and day = ? and used < ?',
      [userId, day, limit],
    );
    if (affected(counted) !== 1) return false;
    const tailAlert =
      this.ctx.dialect === 'sqlite' ? 'on conflict do nothing' : 'on duplicate key update listing_id = listing_id';
    await this.exec(
      `insert into saved_search_alert (user_id, listing_id, day, created_at) values (?, ?, ?, ?) ${tailAlert}`,
      [userId, listingId, day, now.getTime()],
    );
    return true;
  }
}
