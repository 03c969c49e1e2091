import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * 意见反馈: a student's feedback to their campus's admins, and the admins' replies (insert-only, oldest
 * first). Photos are the author's uploads, attached (photo.attached_at) so the cleanup keeps them; their
 * ids are kept in order on the feedback row. The indexes serve the admin queue (campus, state, age), the
 * student's own list and the daily limit (author, age).
 */
export class Migration20261206005000Feedback extends Migration {
  override name = 'Migration20261206005000Feedback';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    const t = columnTypes(d);
    this.addSql(`create table feedback (
      id ${t.id} not null primary key,
      campus_id ${t.str(64)} not null,
      author_id ${t.id} not null,
      body ${t.text} not null,
      photo_ids ${t.str(200)} not null,
      state ${t.str(16)} not null,
      created_at ${t.time} not null,
      updated_at ${t.time} not null,
      constraint feedback_author_fk foreign key (author_id) references app_user (id)
    )${t.table}`);
    this.addSql('create index feedback_queue on feedback (campus_id, state, created_at, id)');
    this.addSql('create index feedback_state on feedback (state, created_at, id)');
    this.addSql('create index feedback_author on feedback (author_id, created_at, id)');
    this.addSql(`create table feedback_reply (
      id ${t.id} not null primary key,
      feedback_id ${t.id} not null,
      admin_id ${t.id} not null,
      body ${t.text} not null,
      created_at ${t.time} not null,
      constraint feedback_reply_feedback_fk foreign key (feedback_id) references feedback (id)
    )${t.table}`);
    this.addSql('create index feedback_reply_feedback on feedback_reply (feedback_id, created_at)');
  }

  override down(): void {
    this.addSql('drop table if exists feedback_reply');
    this.addSql('drop table if exists feedback');
  }
}
