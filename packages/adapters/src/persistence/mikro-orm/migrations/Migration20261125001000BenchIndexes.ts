import { Migration } from '@mikro-orm/migrations';
import type { Dialect } from './dialect.js';

/**
 * Search at a million listings reads, per query token and field, only the newest postings (listing ids
 * are ULIDs, so id order is publication order) instead of every posting of a common token: one index
 * serves that read in order and covers it. It replaces `search_token_lookup`, which is its prefix.
 */
export class Migration20261125001000BenchIndexes extends Migration {
  override name = 'Migration20261125001000BenchIndexes';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    this.addSql('create index search_token_recent on search_token (campus_id, token, field, listing_id)');
    this.addSql(d === 'mysql' ? 'drop index search_token_lookup on search_token' : 'drop index search_token_lookup');
  }

  override down(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    this.addSql('create index search_token_lookup on search_token (campus_id, token)');
    this.addSql(d === 'mysql' ? 'drop index search_token_recent on search_token' : 'drop index search_token_recent');
  }
}
