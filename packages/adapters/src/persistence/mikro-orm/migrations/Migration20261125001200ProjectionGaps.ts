import { Migration } from '@mikro-orm/migrations';

/**
 * A follower of the outbox or the view log keeps, beside its mark, the positions below it that it
 * passed without seeing (their transactions had not committed yet), to re-read them: a JSON list of
 * ranges, null when there are none.
 */
export class Migration20261125001200ProjectionGaps extends Migration {
  override name = 'Migration20261125001200ProjectionGaps';

  override up(): void {
    this.addSql('alter table projection_checkpoint add column gaps text null');
  }

  override down(): void {
    this.addSql('alter table projection_checkpoint drop column gaps');
  }
}
