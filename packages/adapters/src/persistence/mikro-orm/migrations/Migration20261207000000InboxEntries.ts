import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * Inbox entries (issue 16, finding 5): `entry_key` names the inbox line a notification is shown under.
 * Unread comments (and replies) of one listing share the open key `open:<kind>:<listing id>`, so fifty of
 * them are one line, however many workers recorded them at once; reading the line closes it (`read:<id of
 * its newest notice>`), and what arrives later opens a new one. Any other notice is its own line (its id).
 * Existing unread comments and replies are folded the same way. The index serves the inbox (the newest
 * notice of each line) and reading a line.
 */
export class Migration20261207000000InboxEntries extends Migration {
  override name = 'Migration20261207000000InboxEntries';

  override up(): void {
    const d = this.dialect();
    const t = columnTypes(d);
    this.addSql(`alter table notification add column entry_key ${t.str(80)} null`);
    const open = d === 'mysql' ? "concat('open:', kind, ':', listing_id)" : "'open:' || kind || ':' || listing_id";
    this.addSql(
      `update notification set entry_key = case
         when kind in ('comment', 'reply') and listing_id is not null and read_at is null then ${open}
         else id end`,
    );
    this.addSql('create index notification_entry_idx on notification (recipient_id, entry_key, created_at, id)');
  }

  override down(): void {
    this.addSql(
      this.dialect() === 'mysql'
        ? 'drop index notification_entry_idx on notification'
        : 'drop index notification_entry_idx',
    );
    this.addSql('alter table notification drop column entry_key');
  }

  private dialect(): Dialect {
    return this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
  }
}
