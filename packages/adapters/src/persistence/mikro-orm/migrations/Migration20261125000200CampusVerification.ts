import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * Student verifications: the keyed hash of a student number, its campus and the time, nothing
 * else. The unique index is what makes "one number, one account per campus" hold under races.
 */
export class Migration20261125000200CampusVerification extends Migration {
  override name = 'Migration20261125000200CampusVerification';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    const t = columnTypes(d);
    this.addSql(`create table student_verification (
      user_id ${t.id} not null primary key,
      campus_id ${t.str(40)} not null,
      student_number_hash ${t.str(64)} not null,
      verified_at ${t.time} not null,
      constraint student_verification_user_fk foreign key (user_id) references app_user (id),
      constraint student_verification_campus_fk foreign key (campus_id) references campus (id)
    )${t.table}`);
    this.addSql(
      `create unique index student_verification_number_unique on student_verification (campus_id, student_number_hash)`,
    );
  }

  override down(): void {
    this.addSql('drop table if exists student_verification');
  }
}
