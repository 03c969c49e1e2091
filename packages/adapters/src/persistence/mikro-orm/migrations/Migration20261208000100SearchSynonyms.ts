import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * Synonym groups admins keep per campus (单车 = 自行车). Read whole per campus (and cached per API process),
 * so the one index is the campus. Words stay in a JSON array in the admin's order; queries never look inside.
 */
export class Migration20261208000100SearchSynonyms extends Migration {
  override name = 'Migration20261208000100SearchSynonyms';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    const t = columnTypes(d);
    this.addSql(`create table search_synonym (
      id ${t.id} not null primary key,
      campus_id ${t.str(40)} not null,
      terms ${t.text} not null,
      created_at ${t.time} not null,
      created_by ${t.id} not null,
      updated_at ${t.time} not null,
      updated_by ${t.id} not null
    )${t.table}`);
    this.addSql('create index search_synonym_campus on search_synonym (campus_id)');
  }

  override down(): void {
    this.addSql('drop table if exists search_synonym');
  }
}
