import { Migration } from '@mikro-orm/migrations';
import type { Dialect } from './dialect.js';

/**
 * Search at a million listings reads, per query token and field, only the newest postings (listing ids
 * are ULIDs, so id order is publication order) instead of every posting of a common token: one index
 * serves that read in order and covers it. It replaces `search_token_lookup`, which is its prefix.
 * Search then filters and ranks up to a thousand candidates on a few columns of each: a covering index
 * answers those reads from narrow index pages instead of the wide rows (descriptions, JSON).
 */
export class Migration20261125001000BenchIndexes extends Migration {
  override name = 'Migration20261125001000BenchIndexes';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    this.addSql('create index search_token_recent on search_token (campus_id, token, field, listing_id)');
    this.addSql(d === 'mysql' ? 'drop index search_token_lookup on search_token' : 'drop index search_token_lookup');
    this.addSql(`create index listing_search_summary on listing
      (id, campus_id, status, kind, category_id, root_category_id, item_condition, area_id, price, listed_at, expires_at)`);
  }

  override down(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    this.addSql(d === 'mysql' ? 'drop index listing_search_summary on listing' : 'drop index listing_search_summary');
    this.addSql('create index search_token_lookup on search_token (campus_id, token)');
    this.addSql(d === 'mysql' ? 'drop index search_token_recent on search_token' : 'drop index search_token_recent');
  }
}
