import type { IndexedToken, Posting, SearchField, SearchIndexStore } from '@xianzhi/core';
import type { OrmContext } from '../persistence/mikro-orm/context.js';

const INSERT_BATCH = 200;
const LOOKUP_BATCH = 500;

/** The inverted index in the `search_token` table: works alike on SQLite, MySQL and MariaDB. */
export class SqlSearchIndexStore implements SearchIndexStore {
  constructor(private readonly ctx: OrmContext) {}

  async replace(campusId: string, listingId: string, tokens: readonly IndexedToken[]): Promise<void> {
    const em = this.ctx.em();
    await em.execute('delete from search_token where listing_id = ?', [listingId], 'run');
    for (let i = 0; i < tokens.length; i += INSERT_BATCH) {
      const batch = tokens.slice(i, i + INSERT_BATCH);
      const params = batch.flatMap((t) => [campusId, t.token, listingId, t.field]);
      await em.execute(
        `insert into search_token (campus_id, token, listing_id, field) values ${batch.map(() => '(?, ?, ?, ?)').join(', ')}`,
        params, 'run',
      );
    }
  }

  async remove(listingId: string): Promise<void> {
    await this.ctx.em().execute('delete from search_token where listing_id = ?', [listingId], 'run');
  }

  async clear(campusId: string): Promise<void> {
    await this.ctx.em().execute('delete from search_token where campus_id = ?', [campusId], 'run');
  }

  async lookup(campusId: string, tokens: readonly string[]): Promise<Posting[]> {
    const out: Posting[] = [];
    for (let i = 0; i < tokens.length; i += LOOKUP_BATCH) {
      const batch = tokens.slice(i, i + LOOKUP_BATCH);
      const rows = await this.ctx.em().execute<{ listing_id: string; token: string; field: string }[]>(
        `select listing_id, token, field from search_token where campus_id = ? and token in (${batch.map(() => '?').join(', ')})`,
        [campusId, ...batch],
      );
      for (const r of rows) out.push({ listingId: r.listing_id, token: r.token, field: r.field as SearchField });
    }
    return out;
  }
}
