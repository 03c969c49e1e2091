import type { UserRepository } from '../identity/ports.js';
import type { Feedback } from './feedback.js';

export interface FeedbackAuthor {
  readonly id: string;
  readonly nickname: string;
  readonly avatarUrl: string | null;
}

/** What admins read: the feedback and who sent it. */
export interface AdminFeedbackView {
  readonly feedback: Feedback;
  readonly author: FeedbackAuthor;
}

export async function withAuthors(users: UserRepository, items: readonly Feedback[]): Promise<AdminFeedbackView[]> {
  const found = await users.byIds([...new Set(items.map((f) => f.authorId))]);
  const byId = new Map(found.map((u) => [u.id, u]));
  return items.map((feedback) => {
    const u = byId.get(feedback.authorId);
    return {
      feedback,
      author: { id: feedback.authorId, nickname: u?.nickname ?? '已注销用户', avatarUrl: u?.avatarUrl ?? null },
    };
  });
}
