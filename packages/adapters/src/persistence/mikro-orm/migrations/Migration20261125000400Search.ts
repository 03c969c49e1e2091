import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * Search keeps its own inverted index (no full-text parser: MariaDB has no ngram parser), and each
 * outbox consumer keeps its own position in `projection_checkpoint`.
 */
export class Migration20261125000400Search extends Migration {
  override name = 'Migration20261125000400Search';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    const t = columnTypes(d);
    // Tokens compare byte for byte on every database, as they do in SQLite.
    const token = d === 'mysql' ? 'varchar(64) character set utf8mb4 collate utf8mb4_bin' : 'text';
    this.addSql(`create table search_token (
      campus_id ${t.str(40)} not null,
      token ${token} not null,
      listing_id ${t.id} not null,
      field ${t.str(12)} not null,
      primary key (listing_id, field, token)
    )${t.table}`);
    this.addSql('create index search_token_lookup on search_token (campus_id, token)');
    this.addSql(`create table projection_checkpoint (
      name ${t.str(60)} not null primary key,
      last_seq ${d === 'mysql' ? 'bigint' : 'integer'} not null
    )${t.table}`);
  }

  override down(): void {
    this.addSql('drop table if exists search_token');
    this.addSql('drop table if exists projection_checkpoint');
  }
}
