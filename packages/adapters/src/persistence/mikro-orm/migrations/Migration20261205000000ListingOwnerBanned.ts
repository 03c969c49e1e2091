import { Migration } from '@mikro-orm/migrations';
import type { Dialect } from './dialect.js';

const LIVE_BEFORE = "status in ('active', 'reserved')";
const LIVE_AFTER = "status in ('active', 'reserved') and owner_banned = 0";

/** Every index over `listing.live`, as the initial migration made them. */
const LIVE_INDEXES = [
  ['listing_feed_idx', 'campus_id, live, listed_at, id'],
  ['listing_feed_category_idx', 'campus_id, live, category_id, listed_at, id'],
  ['listing_feed_root_category_idx', 'campus_id, live, root_category_id, listed_at, id'],
  ['listing_feed_price_idx', 'campus_id, live, price, id'],
  ['listing_expiry_idx', 'live, expires_at'],
] as const;

/**
 * `listing.owner_banned`: set on every listing of a banned student (and cleared on unban) by the ban
 * itself, in its unit of work. `live` takes it in, so the feed, the recommendation candidates and every
 * index that leads with `live` leave a banned student's listings out without a join, and an unban brings
 * them back untouched (the ban never changes their status).
 *
 * The generated column is dropped and made again around its indexes: MariaDB keeps it STORED (see
 * Migration20261125001100ListingLiveStored), SQLite VIRTUAL (SQLite cannot add a stored column).
 */
export class Migration20261205000000ListingOwnerBanned extends Migration {
  override name = 'Migration20261205000000ListingOwnerBanned';

  override up(): void {
    const my = this.dialect() === 'mysql';
    this.addSql(`alter table listing add column owner_banned ${my ? 'tinyint(1)' : 'integer'} not null default 0`);
    this.rebuildLive(LIVE_AFTER);
  }

  override down(): void {
    this.rebuildLive(LIVE_BEFORE);
    this.addSql('alter table listing drop column owner_banned');
  }

  private dialect(): Dialect {
    return this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
  }

  private rebuildLive(expression: string): void {
    if (this.dialect() === 'mysql') {
      // One ALTER, so the table is rebuilt once.
      this.addSql(`alter table listing
        ${LIVE_INDEXES.map(([name]) => `drop index ${name}`).join(', ')},
        drop column live,
        add column live tinyint(1) as (${expression}) stored,
        ${LIVE_INDEXES.map(([name, columns]) => `add index ${name} (${columns})`).join(', ')}`);
      return;
    }
    for (const [name] of LIVE_INDEXES) this.addSql(`drop index ${name}`);
    this.addSql('alter table listing drop column live');
    this.addSql(`alter table listing add column live integer generated always as (${expression}) virtual`);
    for (const [name, columns] of LIVE_INDEXES) this.addSql(`create index ${name} on listing (${columns})`);
  }
}
