import type { Comment } from '../engagement/comment.js';
import type { CommentRepository, FavoriteEntry, FavoriteRepository } from '../engagement/ports.js';
import { copy, type InMemoryStore } from './in-memory-store.js';
import { cmp } from './order.js';

export class InMemoryFavoriteRepository implements FavoriteRepository {
  constructor(private readonly store: InMemoryStore) {}
  private get table() {
    return this.store.tables.favorites;
  }
  async add(userId: string, listingId: string, at: Date): Promise<boolean> {
    const key = `${userId}|${listingId}`;
    if (this.table.has(key)) return false;
    this.table.set(key, { userId, listingId, createdAt: at });
    return true;
  }
  async remove(userId: string, listingId: string): Promise<boolean> {
    return this.table.delete(`${userId}|${listingId}`);
  }
  async byUser(
    userId: string,
    after: { createdAt: Date; listingId: string } | null,
    limit: number,
  ): Promise<FavoriteEntry[]> {
    const desc = (a: FavoriteEntry, b: { createdAt: Date; listingId: string }) =>
      cmp(b.createdAt.getTime(), a.createdAt.getTime()) ||
      (a.listingId < b.listingId ? 1 : a.listingId > b.listingId ? -1 : 0);
    return [...this.table.values()]
      .filter((f) => f.userId === userId && (!after || desc(f, after) > 0))
      .sort(desc)
      .slice(0, limit)
      .map((f) => ({ listingId: f.listingId, createdAt: new Date(f.createdAt) }));
  }
  async favoritedAmong(userId: string, listingIds: readonly string[]): Promise<Set<string>> {
    return new Set(listingIds.filter((id) => this.table.has(`${userId}|${id}`)));
  }
}

export class InMemoryCommentRepository implements CommentRepository {
  constructor(private readonly store: InMemoryStore) {}
  async byId(id: string): Promise<Comment | null> {
    const c = this.store.tables.comments.get(id);
    return c ? copy(c) : null;
  }
  async save(comment: Comment): Promise<void> {
    this.store.tables.comments.set(comment.id, copy(comment));
  }
  async forListing(listingId: string): Promise<Comment[]> {
    return [...this.store.tables.comments.values()]
      .filter((c) => c.listingId === listingId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map(copy);
  }
}
