import { Migration } from '@mikro-orm/migrations';
import type { Dialect } from './dialect.js';

const LIVE = "status in ('active', 'reserved')";

/** Every index over `listing.live`, as the initial migration made them. */
const LIVE_INDEXES = [
  ['listing_feed_idx', 'campus_id, live, listed_at, id'],
  ['listing_feed_category_idx', 'campus_id, live, category_id, listed_at, id'],
  ['listing_feed_root_category_idx', 'campus_id, live, root_category_id, listed_at, id'],
  ['listing_feed_price_idx', 'campus_id, live, price, id'],
  ['listing_expiry_idx', 'live, expires_at'],
] as const;

/**
 * MariaDB/MySQL: `listing.live` becomes a STORED generated column (it was VIRTUAL). With the column
 * virtual, InnoDB computes it while it checks the visibility of secondary-index records, and under
 * purge lag (a long transaction anywhere on the server, a bulk load) MariaDB 10.11 answered the feed's
 * `… and live = 1 order by listed_at desc limit n` through these indexes with rows missing: in one
 * statement on one connection outside any transaction, 0 rows through listing_feed_idx and 4 with the
 * index ignored (recorded in the commit). Stored, the value is in the row like any other column and
 * the indexes are ordinary ones. The indexes are dropped and made again around the column, because
 * MariaDB cannot turn a virtual column into a stored one in place.
 *
 * SQLite keeps its virtual column: it has no such fault, and adding a stored column there means
 * rebuilding the table.
 */
export class Migration20261125001100ListingLiveStored extends Migration {
  override name = 'Migration20261125001100ListingLiveStored';

  override up(): void {
    if (this.dialect() === 'mysql') this.rebuild('stored');
  }

  override down(): void {
    if (this.dialect() === 'mysql') this.rebuild('virtual');
  }

  private dialect(): Dialect {
    return this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
  }

  /** One ALTER, so the table is rebuilt once. */
  private rebuild(kind: 'stored' | 'virtual'): void {
    this.addSql(`alter table listing
      ${LIVE_INDEXES.map(([name]) => `drop index ${name}`).join(', ')},
      drop column live,
      add column live tinyint(1) as (${LIVE}) ${kind},
      ${LIVE_INDEXES.map(([name, columns]) => `add index ${name} (${columns})`).join(', ')}`);
  }
}
