import type { InteractionSource, ViewedListing, ViewRecord } from '@xianzhi/core';
import type { OrmContext } from '../persistence/mikro-orm/context.js';

const USER_PREFIX = 'u:';

/**
 * Reads `listing_view` as a log by its `seq` column, and `favorite`. Viewer keys of signed-in
 * students are `u:<userId>`; anonymous (`a:`) and contact-reveal (`c:`) keys are not interactions.
 * Positions come from an auto-increment: a view is a single-row autocommit insert, so a position is
 * visible almost as soon as it is taken and the job's watermark does not outrun a slower writer in practice.
 */
export class SqlInteractionSource implements InteractionSource {
  constructor(private readonly ctx: OrmContext) {}

  async viewsAfter(seq: number, limit: number): Promise<ViewRecord[]> {
    const rows = await this.ctx
      .em()
      .execute<{ seq: number | string; listing_id: string; viewer_key: string; day: string }[]>(
        `select seq, listing_id, viewer_key, day from listing_view where seq > ? and viewer_key like 'u:%' order by seq limit ${Math.trunc(limit)}`,
        [seq],
      );
    return rows.map((r) => ({
      seq: Number(r.seq),
      listingId: r.listing_id,
      userId: r.viewer_key.slice(USER_PREFIX.length),
      day: r.day,
    }));
  }

  async lastViewSeq(): Promise<number> {
    const rows = await this.ctx
      .em()
      .execute<{ seq: number | string | null }[]>('select max(seq) as seq from listing_view');
    return Number(rows[0]?.seq ?? 0);
  }

  async viewHistory(userId: string, beforeSeq: number, limit: number): Promise<ViewedListing[]> {
    const rows = await this.ctx
      .em()
      .execute<{ listing_id: string; last_seq: number | string; last_day: string; days: number | string }[]>(
        `select listing_id, max(seq) as last_seq, max(day) as last_day, count(*) as days from listing_view
       where viewer_key = ? and seq < ? group by listing_id order by last_seq desc limit ${Math.trunc(limit)}`,
        [USER_PREFIX + userId, Math.min(beforeSeq, Number.MAX_SAFE_INTEGER)],
      );
    return rows.map((r) => ({
      listingId: r.listing_id,
      lastSeq: Number(r.last_seq),
      lastDay: r.last_day,
      days: Number(r.days),
    }));
  }

  async viewedBefore(userId: string, listingId: string, beforeSeq: number): Promise<boolean> {
    const rows = await this.ctx
      .em()
      .execute<unknown[]>('select 1 from listing_view where listing_id = ? and viewer_key = ? and seq < ? limit 1', [
        listingId,
        USER_PREFIX + userId,
        Math.min(beforeSeq, Number.MAX_SAFE_INTEGER),
      ]);
    return rows.length > 0;
  }

  async favoritesOf(userId: string, until: Date, limit: number): Promise<string[]> {
    const rows = await this.ctx
      .em()
      .execute<{ listing_id: string }[]>(
        `select listing_id from favorite where user_id = ? and created_at <= ? order by created_at desc, listing_id desc limit ${Math.trunc(limit)}`,
        [userId, until],
      );
    return rows.map((r) => r.listing_id);
  }
}
