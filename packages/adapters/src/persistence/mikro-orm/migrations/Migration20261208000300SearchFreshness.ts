import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * Search ranks by match, then freshness (`listed_at`, moved by a renewal). The postings did not carry it, so
 * every query read a row of `listing` for each of up to a thousand candidates before it could rank them.
 *
 * - Each posting carries its listing's `listed_at` (the projector re-indexes a listing on every publish,
 *   edit, status change and renewal, so it stays current; existing postings are backfilled), and
 *   `search_token_fresh` serves a token's postings freshest first and covers the read: a query reads a
 *   bounded number of postings per token and field and ranks them as they come. It replaces
 *   `search_token_recent` (ordered by listing id, i.e. by first publication).
 * - Search then confirms only as many ranked candidates as its page needs (live, unexpired, passing the
 *   filters) with one `id in (…)` read answered by `listing_search_hit`. It replaces
 *   `listing_search_summary`, which lacked `live` (a banned owner) and so sent every probe to the row.
 */
export class Migration20261208000300SearchFreshness extends Migration {
  override name = 'Migration20261208000300SearchFreshness';

  override up(): void {
    const d = this.dialect();
    const epoch = d === 'mysql' ? "'1970-01-01 00:00:00.000'" : '0';
    this.addSql(`alter table search_token add column listed_at ${columnTypes(d).time} not null default ${epoch}`);
    this.addSql(
      d === 'mysql'
        ? 'update search_token s join listing l on l.id = s.listing_id set s.listed_at = l.listed_at'
        : `update search_token set listed_at = coalesce(
             (select l.listed_at from listing l where l.id = search_token.listing_id), 0)`,
    );
    this.addSql('create index search_token_fresh on search_token (campus_id, token, field, listed_at, listing_id)');
    this.addSql(this.dropIndex('search_token_recent', 'search_token'));
    this.addSql(`create index listing_search_hit on listing
      (id, campus_id, live, expires_at, price, kind, category_id, root_category_id, item_condition, area_id)`);
    this.addSql(this.dropIndex('listing_search_summary', 'listing'));
  }

  override down(): void {
    this.addSql(`create index listing_search_summary on listing
      (id, campus_id, status, kind, category_id, root_category_id, item_condition, area_id, price, listed_at, expires_at)`);
    this.addSql(this.dropIndex('listing_search_hit', 'listing'));
    this.addSql('create index search_token_recent on search_token (campus_id, token, field, listing_id)');
    this.addSql(this.dropIndex('search_token_fresh', 'search_token'));
    this.addSql('alter table search_token drop column listed_at');
  }

  private dropIndex(name: string, table: string): string {
    return this.dialect() === 'mysql' ? `drop index ${name} on ${table}` : `drop index ${name}`;
  }

  private dialect(): Dialect {
    return this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
  }
}
