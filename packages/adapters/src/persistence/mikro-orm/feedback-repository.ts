import { EntitySchema } from '@mikro-orm/core';
import type {
  Feedback,
  FeedbackCursor,
  FeedbackQuery,
  FeedbackReply,
  FeedbackRepository,
  FeedbackState,
} from '@xianzhi/core';
import type { OrmContext } from './context.js';

export class FeedbackRow {
  id!: string;
  campusId!: string;
  authorId!: string;
  body!: string;
  /** Comma-separated photo ids, in the author's order. */
  photoIds!: string;
  state!: string;
  createdAt!: Date;
  updatedAt!: Date;
}

export const FeedbackSchema = new EntitySchema<FeedbackRow>({
  class: FeedbackRow,
  tableName: 'feedback',
  properties: {
    id: { type: 'string', length: 26, primary: true },
    campusId: { type: 'string', length: 64 },
    authorId: { type: 'string', length: 26 },
    body: { type: 'text' },
    photoIds: { type: 'string', length: 200 },
    state: { type: 'string', length: 16 },
    createdAt: { type: 'datetime', length: 3 },
    updatedAt: { type: 'datetime', length: 3 },
  },
});

export class FeedbackReplyRow {
  id!: string;
  feedbackId!: string;
  adminId!: string;
  body!: string;
  createdAt!: Date;
}

export const FeedbackReplySchema = new EntitySchema<FeedbackReplyRow>({
  class: FeedbackReplyRow,
  tableName: 'feedback_reply',
  properties: {
    id: { type: 'string', length: 26, primary: true },
    feedbackId: { type: 'string', length: 26 },
    adminId: { type: 'string', length: 26 },
    body: { type: 'text' },
    createdAt: { type: 'datetime', length: 3 },
  },
});

/** Fresh from the database and never managed, so no flush can write a read row back. */
const READ = { refresh: true, disableIdentityMap: true } as const;

const toReply = (r: FeedbackReplyRow): FeedbackReply => ({
  id: r.id,
  adminId: r.adminId,
  text: r.body,
  at: new Date(r.createdAt),
});

/**
 * Feedback rows and their insert-only replies; a page of feedback reads its replies in one query.
 * Every read bypasses the identity map (`READ`): a row the unit's EntityManager held would be written back
 * by the next flush in the unit (the outbox append after a reply, the commit), and on SQLite a loaded
 * row's dates always count as changed, so a reply's or a close's `updated_at` went back to its old value.
 */
export class MikroOrmFeedbackRepository implements FeedbackRepository {
  constructor(private readonly ctx: OrmContext) {}

  async byId(id: string): Promise<Feedback | null> {
    const row = await this.ctx.em().findOne(FeedbackRow, { id }, READ);
    return row ? ((await this.withReplies([row]))[0] ?? null) : null;
  }

  async save(f: Feedback): Promise<void> {
    const em = this.ctx.em();
    const row = {
      campusId: f.campusId,
      authorId: f.authorId,
      body: f.text,
      photoIds: f.photoIds.join(','),
      state: f.state,
      createdAt: f.createdAt,
      updatedAt: f.updatedAt,
    };
    const updated = await em.nativeUpdate(FeedbackRow, { id: f.id }, row);
    if (updated === 0) await em.insert(FeedbackRow, { id: f.id, ...row });
    if (f.replies.length === 0) return;
    const stored = await em.find(FeedbackReplyRow, { feedbackId: f.id }, { fields: ['id'], ...READ });
    const known = new Set(stored.map((r) => r.id));
    const added = f.replies.filter((r) => !known.has(r.id));
    if (added.length === 0) return;
    await em.insertMany(
      FeedbackReplyRow,
      added.map((r) => ({ id: r.id, feedbackId: f.id, adminId: r.adminId, body: r.text, createdAt: r.at })),
    );
  }

  async byAuthor(authorId: string, after: FeedbackCursor | null, limit: number): Promise<Feedback[]> {
    return this.page({ authorId }, 'newest', after, limit);
  }

  async list(q: FeedbackQuery): Promise<Feedback[]> {
    const where: Record<string, unknown> = {};
    if (q.campusId !== undefined) where['campusId'] = q.campusId;
    if (q.state !== undefined) where['state'] = q.state;
    return this.page(where, q.order, q.after, q.limit);
  }

  async sentSince(authorId: string, since: Date): Promise<Date[]> {
    const rows = await this.ctx
      .em()
      .find(
        FeedbackRow,
        { authorId, createdAt: { $gt: since } },
        { fields: ['createdAt'], orderBy: [{ createdAt: 'asc' }], ...READ },
      );
    return rows.map((r) => new Date(r.createdAt));
  }

  private async page(
    where: Record<string, unknown>,
    order: 'oldest' | 'newest',
    after: FeedbackCursor | null,
    limit: number,
  ): Promise<Feedback[]> {
    const [cmp, dir] = order === 'oldest' ? (['$gt', 'asc'] as const) : (['$lt', 'desc'] as const);
    const filter = after
      ? {
          ...where,
          $or: [{ createdAt: { [cmp]: after.createdAt } }, { createdAt: after.createdAt, id: { [cmp]: after.id } }],
        }
      : where;
    const rows = await this.ctx.em().find(FeedbackRow, filter, {
      orderBy: [{ createdAt: dir }, { id: dir }],
      limit,
      ...READ,
    });
    return this.withReplies(rows);
  }

  private async withReplies(rows: readonly FeedbackRow[]): Promise<Feedback[]> {
    if (rows.length === 0) return [];
    const replies = await this.ctx
      .em()
      .find(
        FeedbackReplyRow,
        { feedbackId: { $in: rows.map((r) => r.id) } },
        { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], ...READ },
      );
    return rows.map((r) => ({
      id: r.id,
      campusId: r.campusId,
      authorId: r.authorId,
      text: r.body,
      photoIds: r.photoIds === '' ? [] : r.photoIds.split(','),
      state: r.state as FeedbackState,
      createdAt: new Date(r.createdAt),
      updatedAt: new Date(r.updatedAt),
      replies: replies.filter((x) => x.feedbackId === r.id).map(toReply),
    }));
  }
}
