import type { Feedback } from '../feedback/feedback.js';
import type { FeedbackCursor, FeedbackQuery, FeedbackRepository } from '../feedback/ports.js';
import type { InMemoryStore } from './in-memory-store.js';

const clone = (f: Feedback): Feedback => structuredClone(f);

const byTime = (a: FeedbackCursor, b: FeedbackCursor) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class InMemoryFeedbackRepository implements FeedbackRepository {
  constructor(private readonly store: InMemoryStore) {}
  private get table() {
    return this.store.tables.feedback;
  }
  async byId(id: string): Promise<Feedback | null> {
    const f = this.table.get(id);
    return f ? clone(f) : null;
  }
  async save(feedback: Feedback): Promise<void> {
    const stored = this.table.get(feedback.id);
    // Stored replies are kept as they were, as the database's insert-only reply rows are.
    const kept = stored?.replies ?? [];
    const added = feedback.replies.filter((r) => !kept.some((k) => k.id === r.id));
    this.table.set(feedback.id, clone({ ...feedback, replies: [...kept, ...added] }));
  }
  async byAuthor(authorId: string, after: FeedbackCursor | null, limit: number): Promise<Feedback[]> {
    return [...this.table.values()]
      .filter((f) => f.authorId === authorId && (!after || byTime(f, after) < 0))
      .sort((a, b) => byTime(b, a))
      .slice(0, limit)
      .map(clone);
  }
  async list(q: FeedbackQuery): Promise<Feedback[]> {
    const sign = q.order === 'oldest' ? 1 : -1;
    return [...this.table.values()]
      .filter((f) => (q.campusId === undefined || f.campusId === q.campusId) && (!q.state || f.state === q.state))
      .filter((f) => !q.after || sign * byTime(f, q.after) > 0)
      .sort((a, b) => sign * byTime(a, b))
      .slice(0, q.limit)
      .map(clone);
  }
  async sentSince(authorId: string, since: Date): Promise<Date[]> {
    return [...this.table.values()]
      .filter((f) => f.authorId === authorId && f.createdAt.getTime() > since.getTime())
      .map((f) => new Date(f.createdAt))
      .sort((a, b) => a.getTime() - b.getTime());
  }
}
