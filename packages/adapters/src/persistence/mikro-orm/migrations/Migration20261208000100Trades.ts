import { Migration } from '@mikro-orm/migrations';
import { columnTypes, type Dialect } from './dialect.js';

/**
 * Trades (issue 15): 想要 marks with the listing's want_count beside its other counters, offers, trades
 * and ratings. The one-at-a-time rules are unique keys the store holds whatever races: `open_key` is set
 * only while an offer waits (one per buyer and listing), `agreed_listing_id` only while a trade is agreed
 * (one per listing), and a rater rates a trade once. NULLs never clash in either database.
 */
export class Migration20261208000100Trades extends Migration {
  override name = 'Migration20261208000100Trades';

  override up(): void {
    const d: Dialect = this.driver.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'mysql';
    const t = columnTypes(d);
    const sql = (s: string) => this.addSql(s);

    sql(`alter table listing add column want_count ${t.int} not null default 0`);

    sql(`create table listing_want (
      listing_id ${t.id} not null,
      user_id ${t.id} not null,
      created_at ${t.time} not null,
      primary key (listing_id, user_id),
      constraint listing_want_listing_fk foreign key (listing_id) references listing (id),
      constraint listing_want_user_fk foreign key (user_id) references app_user (id)
    )${t.table}`);
    sql('create index listing_want_listing_time on listing_want (listing_id, created_at)');
    sql('create index listing_want_user on listing_want (user_id, listing_id)');

    sql(`create table trade_offer (
      id ${t.id} not null primary key,
      listing_id ${t.id} not null,
      campus_id ${t.str(40)} not null,
      buyer_id ${t.id} not null,
      seller_id ${t.id} not null,
      price_fen ${t.int} not null,
      note ${t.text} null,
      counter_price_fen ${t.int} null,
      counter_note ${t.text} null,
      status ${t.str(16)} not null,
      expires_at ${t.time} not null,
      created_at ${t.time} not null,
      updated_at ${t.time} not null,
      trade_id ${t.id} null,
      open_key ${t.str(60)} null,
      constraint trade_offer_listing_fk foreign key (listing_id) references listing (id),
      constraint trade_offer_buyer_fk foreign key (buyer_id) references app_user (id),
      constraint trade_offer_seller_fk foreign key (seller_id) references app_user (id)
    )${t.table}`);
    sql('create unique index trade_offer_open_key on trade_offer (open_key)');
    sql('create index trade_offer_listing on trade_offer (listing_id, created_at, id)');
    sql('create index trade_offer_buyer on trade_offer (buyer_id, created_at, id)');
    sql('create index trade_offer_seller on trade_offer (seller_id, created_at, id)');
    sql('create index trade_offer_due on trade_offer (status, expires_at)');

    sql(`create table trade_record (
      id ${t.id} not null primary key,
      listing_id ${t.id} not null,
      campus_id ${t.str(40)} not null,
      seller_id ${t.id} not null,
      buyer_id ${t.id} not null,
      price_fen ${t.int} null,
      offer_id ${t.id} null,
      status ${t.str(16)} not null,
      seller_confirmed_at ${t.time} null,
      buyer_confirmed_at ${t.time} null,
      auto_complete_at ${t.time} null,
      cancelled_by ${t.str(8)} null,
      cancel_reason ${t.str(255)} null,
      created_at ${t.time} not null,
      updated_at ${t.time} not null,
      completed_at ${t.time} null,
      agreed_listing_id ${t.id} null,
      constraint trade_record_listing_fk foreign key (listing_id) references listing (id),
      constraint trade_record_seller_fk foreign key (seller_id) references app_user (id),
      constraint trade_record_buyer_fk foreign key (buyer_id) references app_user (id)
    )${t.table}`);
    sql('create unique index trade_record_agreed on trade_record (agreed_listing_id)');
    sql('create index trade_record_seller on trade_record (seller_id, created_at, id)');
    sql('create index trade_record_buyer on trade_record (buyer_id, created_at, id)');
    sql('create index trade_record_due on trade_record (status, auto_complete_at)');

    sql(`create table trade_rating (
      id ${t.id} not null primary key,
      trade_id ${t.id} not null,
      campus_id ${t.str(40)} not null,
      listing_id ${t.id} not null,
      listing_title ${t.str(120)} not null,
      rater_id ${t.id} not null,
      ratee_id ${t.id} not null,
      ratee_role ${t.str(8)} not null,
      score ${t.str(8)} not null,
      text ${t.text} null,
      created_at ${t.time} not null,
      published_at ${t.time} not null,
      announced ${t.bool} not null,
      hidden_at ${t.time} null,
      reply_text ${t.text} null,
      reply_at ${t.time} null,
      constraint trade_rating_trade_fk foreign key (trade_id) references trade_record (id),
      constraint trade_rating_rater_fk foreign key (rater_id) references app_user (id),
      constraint trade_rating_ratee_fk foreign key (ratee_id) references app_user (id)
    )${t.table}`);
    sql('create unique index trade_rating_once on trade_rating (trade_id, rater_id)');
    sql('create index trade_rating_about on trade_rating (ratee_id, published_at, id)');
    sql('create index trade_rating_due on trade_rating (announced, published_at)');
  }

  override down(): void {
    this.addSql('drop table if exists trade_rating');
    this.addSql('drop table if exists trade_record');
    this.addSql('drop table if exists trade_offer');
    this.addSql('drop table if exists listing_want');
    this.addSql('alter table listing drop column want_count');
  }
}
