import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * 我的订阅 (issue 15): saved searches, the keys each is filed under (so a new listing finds the searches it
 * may match by its tokens, never by reading every search of its campus), and the alerts told: one row per
 * student and listing (told once) and a counter per student and China day (the daily limit). Keys compare
 * byte for byte on MariaDB (`utf8mb4_bin`): tokens are already folded, and a case- or accent-blind
 * collation would make two different keys collide.
 */
export class Migration20261208000000SavedSearches extends Migration {
  override name = 'Migration20261208000000SavedSearches';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    const t = columnTypes(d);
    const ms = d === 'mysql' ? 'bigint' : 'integer';
    const bin = d === 'mysql' ? 'varchar(80) character set utf8mb4 collate utf8mb4_bin' : 'text';
    this.addSql(`create table saved_search (
      id ${t.id} not null primary key,
      user_id ${t.id} not null,
      campus_id ${t.str(64)} not null,
      query_text ${t.str(100)} not null,
      filters ${t.text} not null,
      created_at ${ms} not null,
      constraint saved_search_user_fk foreign key (user_id) references app_user (id)
    )${t.table}`);
    this.addSql('create index saved_search_user on saved_search (user_id, created_at, id)');
    this.addSql(`create table saved_search_key (
      campus_id ${t.str(64)} not null,
      key_text ${bin} not null,
      saved_search_id ${t.id} not null,
      primary key (campus_id, key_text, saved_search_id),
      constraint saved_search_key_search_fk foreign key (saved_search_id) references saved_search (id)
    )${t.table}`);
    this.addSql('create index saved_search_key_search on saved_search_key (saved_search_id)');
    this.addSql(`create table saved_search_alert (
      user_id ${t.id} not null,
      listing_id ${t.id} not null,
      day ${t.str(10)} not null,
      created_at ${ms} not null,
      primary key (user_id, listing_id)
    )${t.table}`);
    this.addSql(`create table saved_search_alert_day (
      user_id ${t.id} not null,
      day ${t.str(10)} not null,
      used ${t.int} not null,
      primary key (user_id, day)
    )${t.table}`);
  }

  override down(): void {
    this.addSql('drop table if exists saved_search_alert_day');
    this.addSql('drop table if exists saved_search_alert');
    this.addSql('drop table if exists saved_search_key');
    this.addSql('drop table if exists saved_search');
  }
}
