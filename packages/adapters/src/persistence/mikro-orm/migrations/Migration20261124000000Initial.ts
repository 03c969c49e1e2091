import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/** The first schema: campuses, users, the category tree, listings, engagement, views and the outbox. */
export class Migration20261124000000Initial extends Migration {
  override name = 'Migration20261124000000Initial';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    const t = columnTypes(d);
    const sql = (s: string) => this.addSql(s);

    sql(`create table campus (
      id ${t.str(40)} not null primary key,
      name ${t.str(100)} not null,
      areas ${t.json} not null,
      listing_lifetime_days ${t.int} not null
    )${t.table}`);

    sql(`create table app_user (
      id ${t.id} not null primary key,
      qq_open_id ${t.str(64)} not null,
      nickname ${t.str(40)} not null,
      avatar_url ${t.str(512)} null,
      campus_id ${t.str(40)} not null,
      verified_at ${t.time} null,
      status ${t.str(16)} not null,
      role ${t.str(16)} not null,
      created_at ${t.time} not null,
      updated_at ${t.time} not null,
      constraint app_user_campus_fk foreign key (campus_id) references campus (id)
    )${t.table}`);
    sql(`create unique index app_user_qq_open_id_unique on app_user (qq_open_id)`);
    sql(`create index app_user_campus_idx on app_user (campus_id)`);

    sql(`create table category (
      id ${t.id} not null primary key,
      campus_id ${t.str(40)} not null,
      parent_id ${t.id} null,
      code ${t.str(40)} not null,
      name ${t.str(40)} not null,
      sort_order ${t.int} not null,
      enabled ${t.bool} not null,
      constraint category_campus_fk foreign key (campus_id) references campus (id),
      constraint category_parent_fk foreign key (parent_id) references category (id)
    )${t.table}`);
    sql(`create unique index category_campus_code_unique on category (campus_id, code)`);

    sql(`create table listing (
      id ${t.id} not null primary key,
      campus_id ${t.str(40)} not null,
      owner_id ${t.id} not null,
      kind ${t.str(16)} not null,
      title ${t.str(120)} not null,
      description ${t.text} not null,
      price ${t.int} null,
      original_price ${t.int} null,
      category_id ${t.id} not null,
      root_category_id ${t.id} not null,
      item_condition ${t.str(20)} null,
      area_id ${t.str(40)} null,
      trade_methods ${t.json} not null,
      photos ${t.json} not null,
      book ${t.json} null,
      status ${t.str(16)} not null,
      removal_reason ${t.str(255)} null,
      version ${t.int} not null,
      created_at ${t.time} not null,
      updated_at ${t.time} not null,
      listed_at ${t.time} not null,
      last_renewed_at ${t.time} null,
      expires_at ${t.time} not null,
      view_count ${t.int} not null default 0,
      favorite_count ${t.int} not null default 0,
      comment_count ${t.int} not null default 0,
      price_history ${t.json} not null,
      live ${t.virtualBool("status in ('active', 'reserved')")},
      constraint listing_campus_fk foreign key (campus_id) references campus (id),
      constraint listing_owner_fk foreign key (owner_id) references app_user (id),
      constraint listing_category_fk foreign key (category_id) references category (id)
    )${t.table}`);
    // The feed reads live listings of a campus in (listed_at, id) or (price, id) order, optionally
    // narrowed by either category level; each index serves one of those reads without a sort.
    sql(`create index listing_feed_idx on listing (campus_id, live, listed_at, id)`);
    sql(`create index listing_feed_category_idx on listing (campus_id, live, category_id, listed_at, id)`);
    sql(`create index listing_feed_root_category_idx on listing (campus_id, live, root_category_id, listed_at, id)`);
    sql(`create index listing_feed_price_idx on listing (campus_id, live, price, id)`);
    sql(`create index listing_owner_idx on listing (owner_id, created_at, id)`);
    sql(`create index listing_expiry_idx on listing (live, expires_at)`);

    sql(`create table listing_comment (
      id ${t.id} not null primary key,
      listing_id ${t.id} not null,
      author_id ${t.id} not null,
      body ${t.text} not null,
      parent_id ${t.id} null,
      reply_to_comment_id ${t.id} null,
      reply_to_user_id ${t.id} null,
      created_at ${t.time} not null,
      deleted_at ${t.time} null,
      deleted_by ${t.id} null,
      constraint listing_comment_listing_fk foreign key (listing_id) references listing (id),
      constraint listing_comment_author_fk foreign key (author_id) references app_user (id)
    )${t.table}`);
    sql(`create index listing_comment_listing_idx on listing_comment (listing_id, created_at)`);

    sql(`create table favorite (
      user_id ${t.id} not null,
      listing_id ${t.id} not null,
      created_at ${t.time} not null,
      primary key (user_id, listing_id),
      constraint favorite_user_fk foreign key (user_id) references app_user (id),
      constraint favorite_listing_fk foreign key (listing_id) references listing (id)
    )${t.table}`);
    sql(`create index favorite_user_recent_idx on favorite (user_id, created_at, listing_id)`);
    // Who favorited a listing: the price-drop fan-out reads this.
    sql(`create index favorite_listing_idx on favorite (listing_id)`);

    sql(`create table listing_view (
      listing_id ${t.id} not null,
      viewer_key ${t.str(80)} not null,
      day ${t.str(10)} not null,
      primary key (listing_id, viewer_key, day)
    )${t.table}`);

    sql(`create table outbox (
      seq ${t.bigAuto},
      id ${t.id} not null,
      type ${t.str(60)} not null,
      aggregate_id ${t.id} not null,
      payload ${t.json} not null,
      occurred_at ${t.time} not null,
      published_at ${t.time} null
    )${t.table}`);
    sql(`create unique index outbox_id_unique on outbox (id)`);
    sql(`create index outbox_pending_idx on outbox (published_at, seq)`);
  }

  override down(): void {
    for (const table of [
      'outbox',
      'listing_view',
      'favorite',
      'listing_comment',
      'listing',
      'category',
      'app_user',
      'campus',
    ]) {
      this.addSql(`drop table if exists ${table}`);
    }
  }
}
