import type { Actor, AdminActor } from '../identity/actor.js';
import type { NotAuthenticated, NotVerified, UserBanned } from '../identity/errors.js';
import { isAdminOf, maySeeContact, requireActiveUser, requireVerifiedUser } from '../identity/policy.js';
import type { UserRepository } from '../identity/ports.js';
import { ListingNotFound } from '../listings/errors.js';
import { PRIVATE_STATUSES } from '../listings/listing.js';
import type { ListingRepository } from '../listings/ports.js';
import type { Clock } from '../shared/clock.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import type { EventFactory, Outbox } from '../shared/events.js';
import type { IdGenerator } from '../shared/ids.js';
import { err, ok, okVoid, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { Comment, COMMENT_MAX } from './comment.js';
import {
  noScreening,
  type ContentRisky,
  type ContentSafetyUnavailable,
  type ContentScreening,
} from '../shared/content-safety.js';
import { CommentNotFound, ListingNotOpen, NotCommentModerator } from './errors.js';
import type { CommentRepository } from './ports.js';

export type PostCommentError =
  | NotAuthenticated
  | UserBanned
  | NotVerified
  | ValidationFailed
  | ListingNotFound
  | ListingNotOpen
  | CommentNotFound
  | ContentRisky
  | ContentSafetyUnavailable;

export interface PostCommentDeps {
  readonly comments: CommentRepository;
  readonly listings: ListingRepository;
  readonly outbox: Outbox;
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly events: EventFactory;
  /** Defaults to `noScreening`. */
  readonly screening?: ContentScreening;
}

/** 留言 and 回复. Only verified students speak in public. */
export class PostComment {
  private readonly deps: Required<PostCommentDeps>;

  constructor({ screening = noScreening, ...deps }: PostCommentDeps) {
    this.deps = { ...deps, screening };
  }

  async execute(input: {
    actor: Actor;
    listingId: string;
    body: string;
    replyToCommentId?: string;
  }): Promise<Result<Comment, PostCommentError>> {
    const who = requireVerifiedUser(input.actor, '留言');
    if (!who.ok) return who;
    const body = input.body.trim();
    const p = new Problems()
      .check(body.length > 0, 'body', '留言不能为空')
      .check(body.length <= COMMENT_MAX, 'body', `留言最多 ${COMMENT_MAX} 字`);
    if (p.any) return err(p.toError());
    const screened = await this.deps.screening.texts([{ field: 'body', text: body }], { scene: 'comment' });
    if (!screened.ok) return screened;
    return this.deps.uow.run(async () => {
      // Locked first: the comment's insert would otherwise share-lock the row (its foreign key) before the
      // counter update needs it exclusively, and two comments at once would deadlock on that upgrade.
      const listing = await this.deps.listings.byId(input.listingId, { forUpdate: true });
      if (!listing || PRIVATE_STATUSES.includes(listing.status)) {
        return err(new ListingNotFound(input.listingId));
      }
      if (!listing.isLive) return err(new ListingNotOpen(listing.id, listing.status));

      let target: Comment | null = null;
      if (input.replyToCommentId !== undefined) {
        target = await this.deps.comments.byId(input.replyToCommentId);
        if (!target || target.deleted || target.listingId !== listing.id) {
          return err(new CommentNotFound(input.replyToCommentId));
        }
      }
      const comment = Comment.post({
        id: this.deps.ids.next(),
        listingId: listing.id,
        authorId: who.value.userId,
        body,
        now: this.deps.clock.now(),
        replyTo: target,
      });
      await this.deps.comments.save(comment);
      await this.deps.screening.queueUnchecked(screened.value, {
        targetType: 'comment',
        targetId: comment.id,
        campusId: listing.campusId,
        now: comment.createdAt,
      });
      await this.deps.listings.adjustCounters(listing.id, { comments: 1 });
      const base = {
        commentId: comment.id,
        listingId: listing.id,
        listingOwnerId: listing.ownerId,
        authorId: comment.authorId,
      };
      await this.deps.outbox.append([
        target
          ? this.deps.events.create('CommentReplied', comment.id, {
              ...base,
              parentCommentId: comment.parentId!,
              repliedToUserId: comment.replyToUserId!,
            })
          : this.deps.events.create('CommentPosted', comment.id, base),
      ]);
      return ok(comment);
    });
  }
}

export interface DeleteCommentDeps {
  readonly comments: CommentRepository;
  readonly listings: ListingRepository;
  readonly outbox: Outbox;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly events: EventFactory;
}

/** The author, the listing's owner, or an admin may delete a comment; the text is kept for moderation. */
export class DeleteComment {
  constructor(private readonly deps: DeleteCommentDeps) {}

  execute(input: {
    actor: Actor;
    commentId: string;
  }): Promise<Result<void, NotAuthenticated | UserBanned | CommentNotFound | NotCommentModerator>> {
    return this.deps.uow.run(async () => {
      const asAdmin = input.actor.kind === 'admin';
      const who = asAdmin ? null : requireActiveUser(input.actor);
      if (who && !who.ok) return who;
      const comment = await this.deps.comments.byId(input.commentId);
      if (!comment || comment.deleted) return err(new CommentNotFound(input.commentId));
      const listing = await this.deps.listings.byId(comment.listingId);
      const userId = who ? who.value.userId : (input.actor as AdminActor).adminId;
      const allowed = asAdmin
        ? listing !== null && isAdminOf(input.actor, listing.campusId)
        : comment.authorId === userId || listing?.ownerId === userId;
      if (!allowed) return err(new NotCommentModerator(comment.id));
      comment.delete(userId, this.deps.clock.now());
      await this.deps.comments.save(comment);
      await this.deps.listings.adjustCounters(comment.listingId, { comments: -1 });
      await this.deps.outbox.append([
        this.deps.events.create('CommentDeleted', comment.id, {
          commentId: comment.id,
          listingId: comment.listingId,
          deletedBy: userId,
        }),
      ]);
      return okVoid;
    });
  }
}

export interface CommentAuthor {
  readonly id: string;
  readonly nickname: string;
  readonly avatarUrl: string | null;
  /**
   * For 加好友 beside a comment: shown under the same rule as the seller's contact (verified, unbanned
   * viewers), never for a banned author, and never to the author about themselves.
   */
  readonly qqOpenId?: string | null;
}

export interface CommentView {
  readonly id: string;
  readonly author: CommentAuthor;
  /** Null for a deleted top comment kept as a placeholder because it has live replies. */
  readonly body: string | null;
  readonly deleted: boolean;
  /** Held for review after reports: shown as a placeholder (admins still read the text). */
  readonly hidden: boolean;
  readonly createdAt: Date;
  readonly replyTo: { commentId: string; user: { id: string; nickname: string } } | null;
  readonly canDelete: boolean;
}

export interface CommentThread {
  readonly comment: CommentView;
  readonly replies: CommentView[];
}

/** The threads of a listing, oldest first, as a viewer may see them. */
export class ListComments {
  constructor(
    private readonly comments: CommentRepository,
    private readonly listings: ListingRepository,
    private readonly users: UserRepository,
  ) {}

  async execute(input: { actor: Actor; listingId: string }): Promise<Result<CommentThread[], ListingNotFound>> {
    const listing = await this.listings.byId(input.listingId);
    const actor = input.actor;
    const viewerId = actor.kind === 'user' && !actor.banned ? actor.userId : null;
    const isAdmin = listing !== null && isAdminOf(actor, listing.campusId);
    if (!listing || (PRIVATE_STATUSES.includes(listing.status) && viewerId !== listing.ownerId && !isAdmin)) {
      return err(new ListingNotFound(input.listingId));
    }
    const all = await this.comments.forListing(listing.id);
    const users = await this.users.byIds([...new Set(all.flatMap((c) => [c.authorId, c.replyToUserId ?? c.authorId]))]);
    const userById = new Map(users.map((u) => [u.id, u]));
    const reveal = maySeeContact(actor);
    const author = (id: string): CommentAuthor => {
      const u = userById.get(id);
      const openId = reveal && u && !u.banned && id !== viewerId ? u.qqOpenId : null;
      return { id, nickname: u?.nickname ?? '已注销用户', avatarUrl: u?.avatarUrl ?? null, qqOpenId: openId };
    };
    const view = (c: Comment): CommentView => ({
      id: c.id,
      author: author(c.authorId),
      body: c.deleted || (c.hiddenAt !== null && !isAdmin) ? null : c.body,
      deleted: c.deleted,
      hidden: !c.deleted && c.hiddenAt !== null,
      createdAt: c.createdAt,
      replyTo:
        c.parentId && c.replyToCommentId && c.replyToUserId
          ? { commentId: c.replyToCommentId, user: { id: c.replyToUserId, nickname: author(c.replyToUserId).nickname } }
          : null,
      canDelete:
        !c.deleted && (isAdmin || (viewerId !== null && (viewerId === c.authorId || viewerId === listing.ownerId))),
    });

    const threads: CommentThread[] = [];
    for (const top of all.filter((c) => c.parentId === null)) {
      const replies = all.filter((c) => c.parentId === top.id && !c.deleted).map(view);
      if (top.deleted && replies.length === 0) continue;
      threads.push({ comment: view(top), replies });
    }
    return ok(threads);
  }
}
