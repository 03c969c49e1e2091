import {
  VIEW_HISTORY_ROWS_PER_LISTING,
  type InteractionSource,
  type SeqRange,
  type ViewedListing,
  type ViewRecord,
} from '@xianzhi/core';
import type { OrmContext } from '../persistence/mikro-orm/context.js';

const USER_PREFIX = 'u:';
/** Ranges per statement when the signal job re-reads the gaps it passed. */
const RANGES_PER_QUERY = 100;

/**
 * Reads `listing_view` as a log by its `seq` column, and `favorite`. Viewer keys of signed-in
 * students are `u:<userId>`; anonymous (`a:`) and contact-reveal (`c:`) keys are no interactions, but
 * their rows are read too (with no user) so a follower can tell a position it skipped from one not
 * yet committed.
 */
export class SqlInteractionSource implements InteractionSource {
  constructor(private readonly ctx: OrmContext) {}

  async viewsAfter(seq: number, limit: number): Promise<ViewRecord[]> {
    return this.views('seq > ?', [seq], limit);
  }

  async viewsWithin(ranges: readonly SeqRange[], limit: number): Promise<ViewRecord[]> {
    const out: ViewRecord[] = [];
    for (let i = 0; i < ranges.length && out.length < limit; i += RANGES_PER_QUERY) {
      const chunk = ranges.slice(i, i + RANGES_PER_QUERY);
      const where = chunk.map(() => '(seq between ? and ?)').join(' or ');
      out.push(
        ...(await this.views(
          where,
          chunk.flatMap((r) => [r.from, r.to]),
          limit - out.length,
        )),
      );
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  private async views(where: string, params: unknown[], limit: number): Promise<ViewRecord[]> {
    const rows = await this.ctx
      .em()
      .execute<{ seq: number | string; listing_id: string; viewer_key: string; day: string }[]>(
        `select seq, listing_id, viewer_key, day from listing_view where ${where} order by seq limit ${Math.trunc(limit)}`,
        params,
      );
    return rows.map((r) => ({
      seq: Number(r.seq),
      listingId: r.listing_id,
      userId: r.viewer_key.startsWith(USER_PREFIX) ? r.viewer_key.slice(USER_PREFIX.length) : null,
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
        // The student's latest records only (a backward range of listing_view_viewer), then grouped.
        `select listing_id, max(seq) as last_seq, max(day) as last_day, count(*) as days from (
           select listing_id, seq, day from listing_view where viewer_key = ? and seq < ?
           order by seq desc limit ${Math.trunc(limit) * VIEW_HISTORY_ROWS_PER_LISTING}) latest
         group by listing_id order by last_seq desc limit ${Math.trunc(limit)}`,
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
