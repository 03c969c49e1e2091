import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * Hot searches: counts per campus, China day and term (no user ids); the day's searchers as keyed
 * hashes scoped to the day and the term, deleted once the day is over; the admins' block list.
 * Also the indexes the admin statistics read by (campus and creation time).
 */
export class Migration20261125000900SearchLog extends Migration {
  override name = 'Migration20261125000900SearchLog';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    const t = columnTypes(d);
    // Terms compare byte for byte, as in SQLite: a case- or accent-folding collation would merge rows the key keeps apart.
    const term = d === 'mysql' ? 'varchar(40) character set utf8mb4 collate utf8mb4_bin' : 'text';
    this.addSql(`create table search_term_day (
      campus_id ${t.str(40)} not null,
      day ${t.str(10)} not null,
      term ${term} not null,
      searches ${t.int} not null,
      searchers ${t.int} not null,
      primary key (campus_id, day, term)
    )${t.table}`);
    this.addSql('create index search_term_day_day_idx on search_term_day (day)');
    this.addSql(`create table search_searcher (
      campus_id ${t.str(40)} not null,
      day ${t.str(10)} not null,
      term ${term} not null,
      searcher_key ${t.str(32)} not null,
      primary key (campus_id, day, term, searcher_key)
    )${t.table}`);
    this.addSql('create index search_searcher_day_idx on search_searcher (day)');
    this.addSql(`create table search_term_block (
      id ${t.id} not null primary key,
      campus_id ${t.str(40)} not null,
      term ${term} not null,
      created_at ${t.time} not null,
      created_by ${t.id} not null
    )${t.table}`);
    this.addSql('create unique index search_term_block_unique on search_term_block (campus_id, term)');

    this.addSql('create index listing_campus_created_idx on listing (campus_id, created_at)');
    this.addSql('create index listing_campus_status_idx on listing (campus_id, status, kind)');
    this.addSql('create index app_user_campus_created_idx on app_user (campus_id, created_at)');
    this.addSql('create index favorite_created_idx on favorite (created_at)');
    this.addSql('create index listing_comment_created_idx on listing_comment (created_at)');
  }

  override down(): void {
    this.addSql('drop table if exists search_term_day');
    this.addSql('drop table if exists search_searcher');
    this.addSql('drop table if exists search_term_block');
    for (const [index, table] of [
      ['listing_campus_created_idx', 'listing'],
      ['listing_campus_status_idx', 'listing'],
      ['app_user_campus_created_idx', 'app_user'],
      ['favorite_created_idx', 'favorite'],
      ['listing_comment_created_idx', 'listing_comment'],
    ]) {
      this.addSql(
        this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite')
          ? `drop index if exists ${index}`
          : `drop index ${index} on ${table}`,
      );
    }
  }
}
