import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * Uploaded photos: the original's hash, type and size and the storage keys of its variants. One row
 * per owner and content hash, so uploading the same bytes twice returns the first photo.
 */
export class Migration20261125000300Photos extends Migration {
  override name = 'Migration20261125000300Photos';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    const t = columnTypes(d);
    this.addSql(`create table photo (
      id ${t.id} not null primary key,
      owner_id ${t.id} not null,
      content_hash ${t.str(64)} not null,
      mime ${t.str(40)} not null,
      width ${t.int} not null,
      height ${t.int} not null,
      byte_size ${t.int} not null,
      thumb_key ${t.str(200)} not null,
      medium_key ${t.str(200)} not null,
      large_key ${t.str(200)} not null,
      created_at ${t.time} not null,
      attached_at ${t.time} null,
      constraint photo_owner_fk foreign key (owner_id) references app_user (id)
    )${t.table}`);
    this.addSql('create unique index photo_owner_hash_unique on photo (owner_id, content_hash)');
    this.addSql('create index photo_unattached on photo (attached_at, created_at)');
  }

  override down(): void {
    this.addSql('drop table if exists photo');
  }
}
