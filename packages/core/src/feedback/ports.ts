import type { Feedback, FeedbackState } from './feedback.js';

export interface FeedbackCursor {
  readonly createdAt: Date;
  readonly id: string;
}

export interface FeedbackQuery {
  /** Only this campus; every campus when absent (super admins). */
  readonly campusId?: string;
  readonly state?: FeedbackState;
  /** By (createdAt, id): `oldest` for the queue of open feedback, `newest` otherwise. */
  readonly order: 'oldest' | 'newest';
  /** Keyset cursor: strictly after this entry in the chosen order. */
  readonly after: FeedbackCursor | null;
  readonly limit: number;
}

export interface FeedbackRepository {
  /** With its replies, oldest first. */
  byId(id: string): Promise<Feedback | null>;
  /** Inserts or updates the feedback; replies not stored yet are added (a stored reply never changes). */
  save(feedback: Feedback): Promise<void>;
  /** The author's feedback with replies, newest first, strictly after the cursor. */
  byAuthor(authorId: string, after: FeedbackCursor | null, limit: number): Promise<Feedback[]>;
  list(query: FeedbackQuery): Promise<Feedback[]>;
  /** When the author sent feedback strictly after `since`, oldest first: the daily limit counts these. */
  sentSince(authorId: string, since: Date): Promise<Date[]>;
}
