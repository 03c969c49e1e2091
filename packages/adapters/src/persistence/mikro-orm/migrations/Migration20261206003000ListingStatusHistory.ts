import { Migration } from '@mikro-orm/migrations';
import type { Dialect } from './dialect.js';

/**
 * `listing.status_history`: every change of status (from, to, when, by whom, why) as a JSON list,
 * written by the same save as the change, so the back office can show it and a restore knows what a
 * removed listing was before. Listings already there start with an empty history.
 *
 * Also an index for the audit log's new target filter (a user's bans, a listing's removals).
 */
export class Migration20261206003000ListingStatusHistory extends Migration {
  override name = 'Migration20261206003000ListingStatusHistory';

  override up(): void {
    // MySQL 8 takes a JSON default only as an expression; SQLite refuses an expression in ADD COLUMN.
    const json = this.dialect() === 'mysql' ? "json not null default ('[]')" : "text not null default '[]'";
    this.addSql(`alter table listing add column status_history ${json}`);
    this.addSql('create index audit_log_target_idx on audit_log (target_type, target_id, at, id)');
  }

  override down(): void {
    this.addSql(
      this.dialect() === 'mysql' ? 'drop index audit_log_target_idx on audit_log' : 'drop index audit_log_target_idx',
    );
    this.addSql('alter table listing drop column status_history');
  }

  private dialect(): Dialect {
    return this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
  }
}
