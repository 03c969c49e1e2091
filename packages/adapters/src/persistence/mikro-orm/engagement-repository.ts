import { Comment, type CommentRepository, type FavoriteEntry, type FavoriteRepository } from '@xianzhi/core';
import type { OrmContext } from './context.js';
import { FavoriteRow } from './schemas.js';

export class MikroOrmFavoriteRepository implements FavoriteRepository {
  constructor(private readonly ctx: OrmContext) {}

  async add(userId: string, listingId: string, at: Date): Promise<boolean> {
    const result = await this.ctx
      .em()
      .createQueryBuilder(FavoriteRow)
      .insert({ userId, listingId, createdAt: at })
      .onConflict(['userId', 'listingId'])
      .ignore()
      .execute<{ affectedRows?: number }>('run');
    return result.affectedRows === 1;
  }

  async remove(userId: string, listingId: string): Promise<boolean> {
    const removed = await this.ctx.em().nativeDelete(FavoriteRow, { userId, listingId });
    return removed === 1;
  }

  async byUser(
    userId: string,
    after: { createdAt: Date; listingId: string } | null,
    limit: number,
  ): Promise<FavoriteEntry[]> {
    const where: Record<string, unknown> = { userId };
    if (after) {
      where['$and'] = [
        { createdAt: { $lte: after.createdAt } },
        { $or: [{ createdAt: { $lt: after.createdAt } }, { listingId: { $lt: after.listingId } }] },
      ];
    }
    const rows = await this.ctx.em().find(FavoriteRow, where, {
      orderBy: [{ createdAt: 'desc' }, { listingId: 'desc' }],
      limit,
    });
    return rows.map((r) => ({ listingId: r.listingId, createdAt: r.createdAt }));
  }

  async favoritedAmong(userId: string, listingIds: readonly string[]): Promise<Set<string>> {
    if (listingIds.length === 0) return new Set();
    const rows = await this.ctx
      .em()
      .find(FavoriteRow, { userId, listingId: { $in: [...listingIds] } }, { fields: ['listingId'] });
    return new Set(rows.map((r) => r.listingId));
  }
}

export class MikroOrmCommentRepository implements CommentRepository {
  constructor(private readonly ctx: OrmContext) {}
  byId(id: string): Promise<Comment | null> {
    return this.ctx.em().findOne(Comment, { id });
  }
  save(comment: Comment): Promise<void> {
    return this.ctx.save(Comment, comment);
  }
  forListing(listingId: string): Promise<Comment[]> {
    return this.ctx.em().find(Comment, { listingId }, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }
}
