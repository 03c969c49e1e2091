import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * Banners (首页轮播) and notices (首页通知): per campus, each shown between its start and its end.
 * The indexes lead with the campus and follow the order the lists are read in.
 */
export class Migration20261206000150Announcements extends Migration {
  override name = 'Migration20261206000150Announcements';

  override up(): void {
    const t = columnTypes(this.dialect());
    const schedule = `starts_at ${t.time} not null,
      ends_at ${t.time} null,
      created_at ${t.time} not null,
      updated_at ${t.time} not null,
      created_by ${t.id} not null`;
    this.addSql(`create table banner (
      id ${t.id} not null primary key,
      campus_id ${t.str(40)} not null,
      title ${t.str(100)} not null,
      photo_id ${t.id} not null,
      target_kind ${t.str(20)} not null,
      target_ref ${t.str(100)} null,
      position ${t.int} not null,
      ${schedule}
    )${t.table}`);
    this.addSql('create index banner_campus_order_idx on banner (campus_id, position, created_at)');
    this.addSql(`create table notice (
      id ${t.id} not null primary key,
      campus_id ${t.str(40)} not null,
      title ${t.str(100)} not null,
      body ${t.text} not null,
      pinned ${t.bool} not null,
      ${schedule}
    )${t.table}`);
    this.addSql('create index notice_campus_order_idx on notice (campus_id, pinned, created_at)');
  }

  override down(): void {
    this.addSql('drop table if exists banner');
    this.addSql('drop table if exists notice');
  }

  private dialect(): Dialect {
    return this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
  }
}
