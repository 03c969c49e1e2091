import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * Outbox claims: several relays may run at once (one per worker process). A relay claims a batch by
 * writing its token and a lease end into the rows with one short UPDATE, so no transaction (and no
 * row or gap lock) stays open while it talks to Redis, and an API write appending to the outbox never
 * waits for the relay.
 */
export class Migration20261125000500OutboxClaims extends Migration {
  override name = 'Migration20261125000500OutboxClaims';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    const t = columnTypes(d);
    this.addSql(`alter table outbox add column claim_token ${t.id} null`);
    this.addSql(`alter table outbox add column claimed_until ${t.time} null`);
    this.addSql('create index outbox_claim_idx on outbox (claim_token)');
  }

  override down(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    this.addSql(d === 'mysql' ? 'drop index outbox_claim_idx on outbox' : 'drop index outbox_claim_idx');
    this.addSql('alter table outbox drop column claimed_until');
    this.addSql('alter table outbox drop column claim_token');
  }
}
