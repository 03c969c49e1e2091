/**
 * A comment on a listing, or a reply. Threads are one level deep: a reply to a reply joins the
 * same thread (`parentId` is the thread's top comment) and names whom it answers.
 */
export class Comment {
  id!: string;
  listingId!: string;
  authorId!: string;
  body!: string;
  /** The thread's top-level comment; null for a top-level comment. */
  parentId!: string | null;
  /** The comment this one answers (top-level or a reply in the thread). */
  replyToCommentId!: string | null;
  replyToUserId!: string | null;
  createdAt!: Date;
  deletedAt!: Date | null;
  deletedBy!: string | null;
  /** Set while reports hold it for review: shown as a placeholder, text kept. */
  hiddenAt!: Date | null;

  static post(input: {
    id: string;
    listingId: string;
    authorId: string;
    body: string;
    now: Date;
    replyTo?: Comment | null;
  }): Comment {
    const c = new Comment();
    c.id = input.id;
    c.listingId = input.listingId;
    c.authorId = input.authorId;
    c.body = input.body;
    c.createdAt = input.now;
    c.deletedAt = null;
    c.deletedBy = null;
    c.hiddenAt = null;
    const target = input.replyTo ?? null;
    c.parentId = target ? (target.parentId ?? target.id) : null;
    c.replyToCommentId = target ? target.id : null;
    c.replyToUserId = target ? target.authorId : null;
    return c;
  }

  get deleted(): boolean {
    return this.deletedAt !== null;
  }

  delete(by: string, now: Date): void {
    this.deletedAt = now;
    this.deletedBy = by;
  }
}

export const COMMENT_MAX = 500;
