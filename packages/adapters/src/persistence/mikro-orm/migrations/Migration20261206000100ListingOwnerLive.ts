import { Migration } from '@mikro-orm/migrations';
import type { Dialect } from './dialect.js';

/**
 * A seller's page reads their live listings newest first (`owner_id = ? and live = 1 and expires_at > ?
 * order by listed_at desc, id desc`) and counts them. `listing_owner_idx` orders by creation and holds
 * every status, so those reads would sort and skip a seller's sold and withdrawn history; this index
 * answers both from the live ones alone, in order.
 */
export class Migration20261206000100ListingOwnerLive extends Migration {
  override name = 'Migration20261206000100ListingOwnerLive';

  override up(): void {
    this.addSql('create index listing_owner_live_idx on listing (owner_id, live, listed_at, id)');
  }

  override down(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    this.addSql(d === 'mysql' ? 'drop index listing_owner_live_idx on listing' : 'drop index listing_owner_live_idx');
  }
}
