import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * The dashboard's new daily series. `user_active_day`: a student made a signed-in request that China
 * day (written at most once per process and day, duplicates ignored by the key). Views per day are
 * read from the view log itself, which already holds one row per viewer, listing and day: it gains an
 * index by day so a window of days is read without scanning the whole log.
 */
export class Migration20261206004000AdminStatistics extends Migration {
  override name = 'Migration20261206004000AdminStatistics';

  override up(): void {
    const t = columnTypes(this.dialect());
    this.addSql(`create table user_active_day (
      user_id ${t.id} not null,
      day ${t.str(10)} not null,
      campus_id ${t.str(40)} not null,
      primary key (user_id, day)
    )${t.table}`);
    this.addSql('create index user_active_day_campus_idx on user_active_day (campus_id, day)');
    this.addSql('create index listing_view_day_idx on listing_view (day, listing_id)');
  }

  override down(): void {
    this.addSql(
      this.dialect() === 'mysql'
        ? 'drop index listing_view_day_idx on listing_view'
        : 'drop index listing_view_day_idx',
    );
    this.addSql('drop table if exists user_active_day');
  }

  private dialect(): Dialect {
    return this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
  }
}
