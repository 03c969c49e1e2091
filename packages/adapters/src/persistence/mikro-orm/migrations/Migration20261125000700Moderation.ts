import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * Moderation: review cases (reported content, or content published while the safety checker was down)
 * and the reports behind them. `open_key` is the target while the case is open and null once resolved,
 * so a unique index allows one open case per target on SQLite and MariaDB alike (both let NULLs repeat).
 * A reported comment can be hidden (`hidden_at`); a listing is hidden through its status.
 */
export class Migration20261125000700Moderation extends Migration {
  override name = 'Migration20261125000700Moderation';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    const t = columnTypes(d);
    this.addSql(`create table moderation_case (
      id ${t.id} not null primary key,
      target_type ${t.str(16)} not null,
      target_id ${t.id} not null,
      campus_id ${t.str(64)} not null,
      status ${t.str(16)} not null,
      open_key ${t.str(48)} null,
      report_count ${t.int} not null default 0,
      unchecked_fields ${t.str(200)} not null,
      hidden ${t.bool} not null default 0,
      hidden_from_status ${t.str(16)} null,
      opened_at ${t.time} not null,
      updated_at ${t.time} not null,
      resolved_at ${t.time} null,
      resolved_by ${t.id} null,
      resolution ${t.str(200)} null
    )${t.table}`);
    this.addSql('create unique index moderation_case_open_unique on moderation_case (open_key)');
    this.addSql('create index moderation_case_queue on moderation_case (status, campus_id, updated_at)');
    this.addSql('create index moderation_case_target on moderation_case (target_type, target_id)');
    this.addSql(`create table content_report (
      id ${t.id} not null primary key,
      case_id ${t.id} not null,
      target_type ${t.str(16)} not null,
      target_id ${t.id} not null,
      reporter_id ${t.id} not null,
      reason ${t.str(16)} not null,
      details ${t.text} not null,
      created_at ${t.time} not null,
      constraint content_report_case_fk foreign key (case_id) references moderation_case (id),
      constraint content_report_reporter_fk foreign key (reporter_id) references app_user (id)
    )${t.table}`);
    this.addSql('create unique index content_report_once on content_report (reporter_id, target_type, target_id)');
    this.addSql('create index content_report_case on content_report (case_id, created_at)');
    this.addSql(`alter table listing_comment add column hidden_at ${t.time} null`);
    // The cleanup of abandoned photos counts the photos sharing stored variants by content hash.
    this.addSql('create index photo_content_hash on photo (content_hash)');
  }

  override down(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    this.addSql('drop table if exists content_report');
    this.addSql('drop table if exists moderation_case');
    this.addSql('alter table listing_comment drop column hidden_at');
    this.addSql(d === 'mysql' ? 'drop index photo_content_hash on photo' : 'drop index photo_content_hash');
  }
}
