import { LIVE_STATUSES, Listing, type ExpiringListing, type NotificationSources } from '@xianzhi/core';
import type { OrmContext } from './context.js';
import type { Row } from './notification-rows.js';

export class MikroOrmNotificationSources implements NotificationSources {
  constructor(private readonly ctx: OrmContext) {}

  async favoritersOf(listingId: string, afterUserId: string | null, limit: number): Promise<string[]> {
    const rows = await this.ctx
      .em()
      .execute<Row[]>(
        `select user_id from favorite where listing_id = ? ${afterUserId === null ? '' : 'and user_id > ?'} order by user_id limit ?`,
        afterUserId === null ? [listingId, limit] : [listingId, afterUserId, limit],
      );
    return rows.map((r) => String(r['user_id']));
  }

  async expiringBetween(
    from: Date,
    to: Date,
    after: { expiresAt: Date; id: string } | null,
    limit: number,
  ): Promise<ExpiringListing[]> {
    const window = { status: { $in: [...LIVE_STATUSES] }, expiresAt: { $gt: from, $lte: to } };
    const where = after
      ? {
          ...window,
          $or: [{ expiresAt: { $gt: after.expiresAt } }, { expiresAt: after.expiresAt, id: { $gt: after.id } }],
        }
      : window;
    const rows = await this.ctx.em().find(Listing, where, {
      orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
      limit,
      fields: ['id', 'campusId', 'ownerId', 'title', 'expiresAt'],
    });
    return rows.map((l) => ({
      id: l.id,
      campusId: l.campusId,
      ownerId: l.ownerId,
      title: l.title,
      expiresAt: l.expiresAt,
    }));
  }
}
