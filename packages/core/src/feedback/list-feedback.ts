import type { Actor } from '../identity/actor.js';
import { AdminScope } from '../identity/admin.js';
import type { AdminOnly, NotAuthenticated, UserBanned } from '../identity/errors.js';
import { adminCovers, requireActiveUser, requireAdmin } from '../identity/policy.js';
import type { UserRepository } from '../identity/ports.js';
import { clampLimit, encodeCursor, readOptionalCursor, type InvalidCursor, type Page } from '../shared/pagination.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Feedback, FeedbackState } from './feedback.js';
import type { FeedbackCursor, FeedbackRepository } from './ports.js';
import { withAuthors, type AdminFeedbackView } from './views.js';

function cursorOf(cursor: string | undefined): Result<FeedbackCursor | null, InvalidCursor> {
  const read = readOptionalCursor(cursor, ['time', 'string']);
  return read.ok ? ok(read.value && { createdAt: new Date(read.value[0]), id: read.value[1] }) : read;
}

function page<T>(rows: readonly T[], limit: number, feedbackOf: (row: T) => Feedback): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const f = last === undefined ? null : feedbackOf(last);
  return { items, nextCursor: rows.length > limit && f ? encodeCursor([f.createdAt.getTime(), f.id]) : null };
}

/** The student's own feedback with the admins' replies, newest first. */
export class ListMyFeedback {
  constructor(private readonly feedback: FeedbackRepository) {}

  async execute(input: {
    actor: Actor;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<Feedback>, NotAuthenticated | UserBanned | InvalidCursor>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    const after = cursorOf(input.cursor);
    if (!after.ok) return after;
    const limit = clampLimit(input.limit);
    const rows = await this.feedback.byAuthor(who.value.userId, after.value, limit + 1);
    return ok(page(rows, limit, (f) => f));
  }
}

/**
 * Feedback for admins: campus admins their own campus (naming another is ADMIN_SCOPE), super admins every
 * campus or the one they name. Open feedback is a queue, oldest first; any other view is newest first.
 */
export class ListFeedbackForAdmin {
  constructor(
    private readonly feedback: FeedbackRepository,
    private readonly users: UserRepository,
  ) {}

  async execute(input: {
    actor: Actor;
    campusId?: string;
    state?: FeedbackState;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<AdminFeedbackView>, NotAuthenticated | AdminOnly | AdminScope | InvalidCursor>> {
    const admin = requireAdmin(input.actor);
    if (!admin.ok) return admin;
    const campusId = input.campusId ?? admin.value.campusId ?? undefined;
    if (campusId !== undefined && !adminCovers(admin.value, campusId)) return err(new AdminScope(campusId));
    const after = cursorOf(input.cursor);
    if (!after.ok) return after;
    const limit = clampLimit(input.limit);
    const rows = await this.feedback.list({
      ...(campusId !== undefined ? { campusId } : {}),
      ...(input.state !== undefined ? { state: input.state } : {}),
      order: input.state === 'open' ? 'oldest' : 'newest',
      after: after.value,
      limit: limit + 1,
    });
    const views = await withAuthors(this.users, rows);
    return ok(page(views, limit, (v) => v.feedback));
  }
}
