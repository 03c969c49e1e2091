import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * Notifications (the inbox), their QQ deliveries, consents, mutes and the per-listing QQ throttle.
 * Times here are epoch milliseconds in a big integer: the conditional updates that make delivery
 * at-most-once compare them in SQL, and integers compare alike on SQLite and MariaDB.
 */
export class Migration20261125000600Notifications extends Migration {
  override name = 'Migration20261125000600Notifications';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    const t = columnTypes(d);
    const ms = d === 'mysql' ? 'bigint' : 'integer';
    this.addSql(`create table notification (
      id ${t.str(40)} not null primary key,
      notif_key ${t.str(120)} not null,
      recipient_id ${t.str(40)} not null,
      campus_id ${t.str(40)} not null,
      kind ${t.str(20)} not null,
      listing_id ${t.str(40)} null,
      data ${t.text} not null,
      created_at ${ms} not null,
      read_at ${ms} null
    )${t.table}`);
    this.addSql('create unique index notification_key_uq on notification (notif_key)');
    this.addSql('create index notification_inbox_idx on notification (recipient_id, created_at, id)');
    this.addSql('create index notification_unread_idx on notification (recipient_id, read_at)');
    this.addSql(`create table notification_delivery (
      notification_id ${t.str(40)} not null primary key,
      channel ${t.str(8)} not null,
      recipient_id ${t.str(40)} not null,
      campus_id ${t.str(40)} not null,
      kind ${t.str(20)} not null,
      state ${t.str(12)} not null,
      reason ${t.str(20)} null,
      prepared ${t.int} not null default 0,
      attempts ${t.int} not null default 0,
      last_error ${t.str(500)} null,
      lease_until ${ms} null,
      updated_at ${ms} not null
    )${t.table}`);
    this.addSql('create index notification_delivery_state_idx on notification_delivery (state, lease_until)');
    this.addSql(
      'create index notification_delivery_dead_idx on notification_delivery (state, updated_at, notification_id)',
    );
    this.addSql(`create table notification_mute (
      user_id ${t.str(40)} not null,
      kind ${t.str(20)} not null,
      primary key (user_id, kind)
    )${t.table}`);
    this.addSql(`create table notification_consent (
      user_id ${t.str(40)} not null,
      kind ${t.str(20)} not null,
      remaining ${t.int} not null,
      updated_at ${ms} not null,
      primary key (user_id, kind)
    )${t.table}`);
    this.addSql(`create table notification_throttle (
      user_id ${t.str(40)} not null,
      listing_id ${t.str(40)} not null,
      last_at ${ms} not null,
      primary key (user_id, listing_id)
    )${t.table}`);
    // The price-drop fan-out pages favoriters of one listing by user id.
    this.addSql('create index favorite_listing_user_idx on favorite (listing_id, user_id)');
  }

  override down(): void {
    for (const table of [
      'notification_throttle',
      'notification_consent',
      'notification_mute',
      'notification_delivery',
      'notification',
    ]) {
      this.addSql(`drop table if exists ${table}`);
    }
    this.addSql('drop index favorite_listing_user_idx on favorite');
  }
}
