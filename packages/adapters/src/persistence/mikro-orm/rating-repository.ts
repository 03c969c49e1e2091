import {
  Rating,
  type DealRole,
  type RatingRepository,
  type RatingScore,
  type RatingsAboutQuery,
  type Want,
  type WantRepository,
} from '@xianzhi/core';
import type { OrmContext } from './context.js';
import { date, insertUnique, maybeDate } from './trade-rows.js';
import { RatingRow, WantRow } from './trade-schemas.js';

export class MikroOrmWantRepository implements WantRepository {
  constructor(private readonly ctx: OrmContext) {}

  async add(userId: string, listingId: string, at: Date): Promise<boolean> {
    const result = await this.ctx
      .em()
      .createQueryBuilder(WantRow)
      .insert({ listingId, userId, createdAt: at })
      .onConflict(['listingId', 'userId'])
      .ignore()
      .execute<{ affectedRows?: number }>('run');
    return result.affectedRows === 1;
  }

  async remove(userId: string, listingId: string): Promise<boolean> {
    return (await this.ctx.em().nativeDelete(WantRow, { listingId, userId })) === 1;
  }

  async has(userId: string, listingId: string): Promise<boolean> {
    return (await this.ctx.em().count(WantRow, { listingId, userId })) > 0;
  }

  async wantedAmong(userId: string, listingIds: readonly string[]): Promise<Set<string>> {
    if (listingIds.length === 0) return new Set();
    const rows = await this.ctx
      .em()
      .find(
        WantRow,
        { userId, listingId: { $in: [...listingIds] } },
        { fields: ['listingId'], refresh: true, disableIdentityMap: true },
      );
    return new Set(rows.map((r) => r.listingId));
  }

  async wanters(listingId: string, limit: number): Promise<Want[]> {
    const rows = await this.ctx
      .em()
      .find(
        WantRow,
        { listingId },
        { orderBy: [{ createdAt: 'desc' }, { userId: 'desc' }], limit, refresh: true, disableIdentityMap: true },
      );
    return rows.map((r) => ({ listingId: r.listingId, userId: r.userId, createdAt: date(r.createdAt) }));
  }
}

function ratingRow(r: Rating): RatingRow {
  return Object.assign(new RatingRow(), {
    id: r.id,
    tradeId: r.tradeId,
    campusId: r.campusId,
    listingId: r.listingId,
    listingTitle: r.listingTitle,
    raterId: r.raterId,
    rateeId: r.rateeId,
    rateeRole: r.rateeRole,
    score: r.score,
    text: r.text,
    createdAt: r.createdAt,
    publishedAt: r.publishedAt,
    announced: r.announced,
    hiddenAt: r.hiddenAt,
    replyText: r.replyText,
    replyAt: r.replyAt,
  });
}

function toRating(r: RatingRow): Rating {
  return Object.assign(new Rating(), {
    id: r.id,
    tradeId: r.tradeId,
    campusId: r.campusId,
    listingId: r.listingId,
    listingTitle: r.listingTitle,
    raterId: r.raterId,
    rateeId: r.rateeId,
    rateeRole: r.rateeRole as DealRole,
    score: r.score as RatingScore,
    text: r.text,
    createdAt: date(r.createdAt),
    publishedAt: date(r.publishedAt),
    announced: Boolean(r.announced),
    hiddenAt: maybeDate(r.hiddenAt),
    replyText: r.replyText,
    replyAt: maybeDate(r.replyAt),
  });
}

export class MikroOrmRatingRepository implements RatingRepository {
  constructor(private readonly ctx: OrmContext) {}

  async byId(id: string): Promise<Rating | null> {
    const row = await this.ctx.em().findOne(RatingRow, { id }, { refresh: true, disableIdentityMap: true });
    return row ? toRating(row) : null;
  }

  insert(rating: Rating): Promise<boolean> {
    return insertUnique(this.ctx, RatingRow, ratingRow(rating));
  }

  async save(rating: Rating): Promise<void> {
    const { id, ...row } = ratingRow(rating);
    await this.ctx.em().nativeUpdate(RatingRow, { id }, row);
  }

  async forTrade(tradeId: string): Promise<Rating[]> {
    const rows = await this.ctx
      .em()
      .find(
        RatingRow,
        { tradeId },
        { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], refresh: true, disableIdentityMap: true },
      );
    return rows.map(toRating);
  }

  async about(q: RatingsAboutQuery): Promise<Rating[]> {
    const conditions: Record<string, unknown>[] = [{ rateeId: q.rateeId }, { publishedAt: { $lte: q.now } }];
    if (!q.includeHidden) conditions.push({ hiddenAt: null });
    if (q.after) {
      conditions.push({
        $or: [
          { publishedAt: { $lt: q.after.publishedAt } },
          { publishedAt: q.after.publishedAt, id: { $lt: q.after.id } },
        ],
      });
    }
    const rows = await this.ctx.em().find(
      RatingRow,
      { $and: conditions },
      {
        orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
        limit: q.limit,
        refresh: true,
        disableIdentityMap: true,
      },
    );
    return rows.map(toRating);
  }

  async dueForAnnouncement(now: Date, limit: number): Promise<Rating[]> {
    const rows = await this.ctx
      .em()
      .find(
        RatingRow,
        { announced: false, publishedAt: { $lte: now } },
        { orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }], limit, refresh: true, disableIdentityMap: true },
      );
    return rows.map(toRating);
  }

  async tally(rateeId: string, now: Date): Promise<{ count: number; good: number }> {
    const em = this.ctx.em();
    const shown = { rateeId, hiddenAt: null, publishedAt: { $lte: now } };
    const [count, good] = await Promise.all([
      em.count(RatingRow, shown),
      em.count(RatingRow, { ...shown, score: 'good' }),
    ]);
    return { count, good };
  }
}
