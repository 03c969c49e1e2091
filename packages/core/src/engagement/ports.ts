import type { Comment } from './comment.js';

export interface FavoriteEntry {
  readonly listingId: string;
  readonly createdAt: Date;
}

export interface FavoriteRepository {
  /** True when this call created the favorite; false when it already existed. */
  add(userId: string, listingId: string, at: Date): Promise<boolean>;
  /** True when this call removed an existing favorite. */
  remove(userId: string, listingId: string): Promise<boolean>;
  /** Newest first; `after` is the last entry of the previous page. */
  byUser(userId: string, after: { createdAt: Date; listingId: string } | null, limit: number): Promise<FavoriteEntry[]>;
  /** Which of these listings the user has favorited. */
  favoritedAmong(userId: string, listingIds: readonly string[]): Promise<Set<string>>;
}

export interface CommentRepository {
  byId(id: string): Promise<Comment | null>;
  save(comment: Comment): Promise<void>;
  /** Every comment and reply of a listing, deleted ones included, oldest first. */
  forListing(listingId: string): Promise<Comment[]>;
}
