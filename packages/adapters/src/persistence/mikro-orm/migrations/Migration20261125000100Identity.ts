import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/** Sessions (refresh tokens), admin accounts, the audit log and shared rate-limit counters. */
export class Migration20261125000100Identity extends Migration {
  override name = 'Migration20261125000100Identity';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    const t = columnTypes(d);
    const sql = (s: string) => this.addSql(s);

    // Only the SHA-256 of a refresh token is stored; the token itself never reaches the database.
    sql(`create table refresh_token (
      id ${t.id} not null primary key,
      family_id ${t.id} not null,
      user_id ${t.id} not null,
      token_hash ${t.str(64)} not null,
      issued_at ${t.time} not null,
      expires_at ${t.time} not null,
      rotated_at ${t.time} null,
      revoked_at ${t.time} null,
      constraint refresh_token_user_fk foreign key (user_id) references app_user (id)
    )${t.table}`);
    sql(`create unique index refresh_token_hash_unique on refresh_token (token_hash)`);
    sql(`create index refresh_token_family_idx on refresh_token (family_id)`);
    sql(`create index refresh_token_user_idx on refresh_token (user_id)`);

    sql(`create table admin_account (
      id ${t.id} not null primary key,
      username ${t.str(32)} not null,
      password_hash ${t.str(255)} not null,
      role ${t.str(16)} not null,
      campus_id ${t.str(40)} null,
      status ${t.str(16)} not null,
      created_at ${t.time} not null,
      constraint admin_account_campus_fk foreign key (campus_id) references campus (id)
    )${t.table}`);
    sql(`create unique index admin_account_username_unique on admin_account (username)`);

    sql(`create table audit_log (
      id ${t.id} not null primary key,
      at ${t.time} not null,
      actor_kind ${t.str(16)} not null,
      actor_id ${t.str(64)} null,
      action ${t.str(60)} not null,
      target_type ${t.str(40)} not null,
      target_id ${t.str(100)} not null,
      campus_id ${t.str(40)} null,
      details ${t.json} not null
    )${t.table}`);
    // Admins page newest first, whole platform or one campus, optionally one action.
    sql(`create index audit_log_recent_idx on audit_log (at, id)`);
    sql(`create index audit_log_campus_idx on audit_log (campus_id, at, id)`);
    sql(`create index audit_log_action_idx on audit_log (action, at, id)`);

    sql(`create table rate_limit_hit (
      seq ${t.bigAuto},
      rate_key ${t.str(191)} not null,
      at ${t.time} not null
    )${t.table}`);
    sql(`create index rate_limit_hit_key_idx on rate_limit_hit (rate_key, at)`);
  }

  override down(): void {
    for (const table of ['rate_limit_hit', 'audit_log', 'admin_account', 'refresh_token'])
      this.addSql(`drop table if exists ${table}`);
  }
}
