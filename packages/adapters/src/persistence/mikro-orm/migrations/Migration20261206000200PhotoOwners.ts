import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

const FK = 'constraint photo_owner_fk foreign key (owner_id) references app_user (id)';

/**
 * Admins upload photos too (banner images), so `photo.owner_id` is a student's or an admin account's
 * id (both ULIDs) and no longer references `app_user`. MariaDB drops the constraint; SQLite cannot,
 * so the table is made again without it, rows and indexes included (no table references `photo`).
 */
export class Migration20261206000200PhotoOwners extends Migration {
  override name = 'Migration20261206000200PhotoOwners';

  override up(): void {
    if (this.dialect() === 'mysql') this.addSql('alter table photo drop foreign key photo_owner_fk');
    else this.rebuildSqlite(null);
  }

  override down(): void {
    if (this.dialect() === 'mysql') this.addSql(`alter table photo add ${FK}`);
    else this.rebuildSqlite(FK);
  }

  private dialect(): Dialect {
    return this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
  }

  private rebuildSqlite(constraint: string | null): void {
    const t = columnTypes('sqlite');
    this.addSql(`create table photo_rebuilt (
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
      attached_at ${t.time} null${constraint ? `,\n      ${constraint}` : ''}
    )`);
    const columns =
      'id, owner_id, content_hash, mime, width, height, byte_size, thumb_key, medium_key, large_key, created_at, attached_at';
    this.addSql(`insert into photo_rebuilt (${columns}) select ${columns} from photo`);
    this.addSql('drop table photo');
    this.addSql('alter table photo_rebuilt rename to photo');
    this.addSql('create unique index photo_owner_hash_unique on photo (owner_id, content_hash)');
    this.addSql('create index photo_unattached on photo (attached_at, created_at)');
    this.addSql('create index photo_content_hash on photo (content_hash)');
  }
}
