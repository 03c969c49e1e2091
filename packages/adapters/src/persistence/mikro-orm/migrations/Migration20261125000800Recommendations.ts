import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * Recommendations: the view log gets a position (`seq`) so the signal job can follow it from a
 * watermark, and an index to read one student's history; the job's own tables hold co-occurrence
 * counts per ordered pair (both directions, so a listing's neighbours are one index range read in
 * weight order), popularity per listing, and its copy of who favorites what.
 */
export class Migration20261125000800Recommendations extends Migration {
  override name = 'Migration20261125000800Recommendations';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    const t = columnTypes(d);
    if (d === 'mysql') {
      this.addSql('alter table listing_view add column seq bigint unsigned not null auto_increment unique');
    } else {
      // SQLite cannot add an autoincrement column: rebuild the table, keeping every row in its order.
      this.addSql(`create table listing_view_next (
        seq integer primary key autoincrement,
        listing_id text not null,
        viewer_key text not null,
        day text not null
      )`);
      this.addSql(
        'insert into listing_view_next (listing_id, viewer_key, day) select listing_id, viewer_key, day from listing_view order by rowid',
      );
      this.addSql('drop table listing_view');
      this.addSql('alter table listing_view_next rename to listing_view');
      this.addSql('create unique index listing_view_once_a_day on listing_view (listing_id, viewer_key, day)');
    }
    this.addSql('create index listing_view_viewer on listing_view (viewer_key, seq)');

    this.addSql(`create table rec_pair (
      listing_id ${t.id} not null,
      other_id ${t.id} not null,
      co_views ${t.int} not null,
      co_favorites ${t.int} not null,
      weight ${t.int} not null,
      primary key (listing_id, other_id)
    )${t.table}`);
    this.addSql('create index rec_pair_neighbours on rec_pair (listing_id, weight, other_id)');
    this.addSql(`create table rec_item (
      listing_id ${t.id} not null primary key,
      campus_id ${t.str(40)} not null,
      viewers ${t.int} not null,
      favoriters ${t.int} not null,
      weight ${t.int} not null
    )${t.table}`);
    this.addSql('create index rec_item_popular on rec_item (campus_id, weight, listing_id)');
    this.addSql(`create table rec_favorite (
      user_id ${t.id} not null,
      listing_id ${t.id} not null,
      position ${d === 'mysql' ? 'bigint' : 'integer'} not null,
      primary key (user_id, listing_id)
    )${t.table}`);
    this.addSql('create index rec_favorite_recent on rec_favorite (user_id, position)');
  }

  override down(): void {
    for (const table of ['rec_favorite', 'rec_item', 'rec_pair']) this.addSql(`drop table if exists ${table}`);
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    // The view log keeps its positions: they are harmless to the rest and dropping them would renumber nothing.
    this.addSql(d === 'mysql' ? 'drop index listing_view_viewer on listing_view' : 'drop index listing_view_viewer');
  }
}
