/**
 * 意见反馈: a student writes to the campus's admins; admins answer (as often as they need) and close it.
 * open → answered (an admin replied) → closed (an admin closed it; it takes no more replies).
 */
export type FeedbackState = 'open' | 'answered' | 'closed';
export const FEEDBACK_STATES: readonly FeedbackState[] = ['open', 'answered', 'closed'];

export const FEEDBACK_TEXT_MAX = 1000;
export const FEEDBACK_PHOTOS_MAX = 3;
/** Feedback a student may send per rolling day: enough for anyone with something to say, not for a flood. */
export const FEEDBACK_DAILY_LIMIT = 10;

export interface FeedbackReply {
  readonly id: string;
  readonly adminId: string;
  readonly text: string;
  readonly at: Date;
}

export interface Feedback {
  readonly id: string;
  /** The author's campus when they sent it: its admins answer. */
  readonly campusId: string;
  readonly authorId: string;
  readonly text: string;
  /** Photos the author uploaded, in their order; attached, so the photo cleanup keeps them. */
  readonly photoIds: readonly string[];
  state: FeedbackState;
  readonly createdAt: Date;
  updatedAt: Date;
  /** Oldest first. */
  readonly replies: FeedbackReply[];
}

export function isFeedbackState(value: unknown): value is FeedbackState {
  return typeof value === 'string' && (FEEDBACK_STATES as readonly string[]).includes(value);
}
