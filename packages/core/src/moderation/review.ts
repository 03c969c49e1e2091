import type { DeleteComment } from '../engagement/comments.js';
import type { CommentRepository } from '../engagement/ports.js';
import type { Actor } from '../identity/actor.js';
import type { AdminScope } from '../identity/admin.js';
import type { SetUserBan } from '../identity/admin-use-cases.js';
import type { AdminOnly, NotAuthenticated } from '../identity/errors.js';
import { requireAdmin, requireAdminOf } from '../identity/policy.js';
import type { UserRepository } from '../identity/ports.js';
import type { LifecycleDeps, RemoveListing } from '../listings/lifecycle.js';
import type { Clock } from '../shared/clock.js';
import { Problems, type ValidationFailed, type DomainError } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { PhotoRepository, PhotoStorage } from '../photos/ports.js';
import { auditActorOf, type AuditLog } from '../shared/audit.js';
import type { RatingRepository } from '../trades/ports.js';
import {
  ModerationCaseClosed,
  ModerationCaseNotFound,
  openCase,
  type ModerationCase,
  type ModerationCaseRepository,
  type ModerationTargetType,
  type Report,
  type ReportRepository,
} from './cases.js';

/**
 * Opens (or adds to) the review case of content published while the safety checker was down. Called
 * inside the publishing use case's unit of work, so the content and its review item commit together.
 */
export class SafetyReviewQueue {
  constructor(
    private readonly cases: ModerationCaseRepository,
    private readonly ids: IdGenerator,
  ) {}

  async add(input: {
    targetType: ModerationTargetType;
    targetId: string;
    campusId: string;
    fields: readonly string[];
    now: Date;
  }): Promise<void> {
    if (input.fields.length === 0) return;
    const c = await this.cases.open(
      openCase({
        id: this.ids.next(),
        targetType: input.targetType,
        targetId: input.targetId,
        campusId: input.campusId,
        now: input.now,
      }),
    );
    c.uncheckedFields = [...new Set([...c.uncheckedFields, ...input.fields])];
    c.updatedAt = input.now;
    await this.cases.save(c);
  }
}

export interface ReviewTarget {
  /** Listing title, comment text, user nickname; null when the target is gone. */
  readonly summary: string | null;
  /** The listing a comment belongs to, for a link. */
  readonly listingId: string | null;
  readonly ownerId: string | null;
  readonly status: string | null;
}

export interface ReviewItem {
  readonly case: ModerationCase;
  readonly reports: Report[];
  readonly target: ReviewTarget;
}

/** Open cases for an admin: their campus (campus admins) or all (super admins), newest activity first. */
export class ListReviewQueue {
  constructor(
    private readonly cases: ModerationCaseRepository,
    private readonly reports: ReportRepository,
    private readonly targets: ReviewTargets,
  ) {}

  async execute(input: {
    actor: Actor;
    limit: number;
    before?: { updatedAt: Date; id: string } | null;
  }): Promise<Result<ReviewItem[], NotAuthenticated | AdminOnly>> {
    const admin = requireAdmin(input.actor);
    if (!admin.ok) return admin;
    const open = await this.cases.listOpen({
      limit: input.limit,
      before: input.before ?? null,
      ...(admin.value.role === 'super_admin' ? {} : { campusId: admin.value.campusId! }),
    });
    const items: ReviewItem[] = [];
    for (const c of open)
      items.push({ case: c, reports: await this.reports.forCase(c.id), target: await this.targets.describe(c) });
    return ok(items);
  }
}

/** Reads what a case is about, for the review list. */
export class ReviewTargets {
  constructor(
    private readonly lifecycle: LifecycleDeps,
    private readonly comments: CommentRepository,
    private readonly users: UserRepository,
    private readonly photos: PhotoRepository,
    private readonly ratings: RatingRepository,
  ) {}

  async describe(c: ModerationCase): Promise<ReviewTarget> {
    const none: ReviewTarget = { summary: null, listingId: null, ownerId: null, status: null };
    switch (c.targetType) {
      case 'listing': {
        const l = await this.lifecycle.listings.byId(c.targetId);
        return l
          ? { summary: `${l.title}\n${l.description}`, listingId: l.id, ownerId: l.ownerId, status: l.status }
          : none;
      }
      case 'comment': {
        const m = await this.comments.byId(c.targetId);
        return m
          ? {
              summary: m.body,
              listingId: m.listingId,
              ownerId: m.authorId,
              status: m.deleted ? 'deleted' : m.hiddenAt ? 'hidden' : 'visible',
            }
          : none;
      }
      case 'user': {
        const u = await this.users.byId(c.targetId);
        return u ? { summary: u.nickname, listingId: null, ownerId: u.id, status: u.status } : none;
      }
      case 'photo': {
        const p = await this.photos.byId(c.targetId);
        return p ? { summary: null, listingId: null, ownerId: p.ownerId, status: 'visible' } : none;
      }
      case 'rating': {
        const r = await this.ratings.byId(c.targetId);
        return r
          ? {
              summary: `${r.score}${r.text ? `：${r.text}` : ''}`,
              listingId: r.listingId,
              ownerId: r.raterId,
              status: r.hiddenAt ? 'hidden' : 'visible',
            }
          : none;
      }
    }
  }
}

export type Decision = 'restore' | 'remove';
export const RESOLUTION_REASON_MAX = 200;

export type ResolveCaseError =
  | NotAuthenticated
  | AdminOnly
  | AdminScope
  | ValidationFailed
  | ModerationCaseNotFound
  | ModerationCaseClosed
  | DomainError;

export interface ResolveCaseDeps {
  readonly cases: ModerationCaseRepository;
  readonly lifecycle: LifecycleDeps;
  readonly comments: CommentRepository;
  readonly removeListing: RemoveListing;
  readonly deleteComment: DeleteComment;
  readonly setUserBan: SetUserBan;
  readonly photos: PhotoRepository;
  readonly ratings: RatingRepository;
  readonly storage: PhotoStorage;
  readonly audit: AuditLog;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
}

/**
 * An admin decides an open case. Restore: the target comes back as it was and the case closes with its
 * reports. Remove (with a reason): a listing is removed the usual admin way (its owner is told the
 * reason), a comment deleted, a user banned, a photo's stored variants deleted, a rating hidden.
 */
export class ResolveCase {
  constructor(private readonly deps: ResolveCaseDeps) {}

  execute(input: {
    actor: Actor;
    caseId: string;
    decision: Decision;
    reason?: string;
  }): Promise<Result<ModerationCase, ResolveCaseError>> {
    return this.deps.uow.run(async () => {
      const anyAdmin = requireAdmin(input.actor);
      if (!anyAdmin.ok) return anyAdmin;
      const reason = (input.reason ?? '').trim();
      const p = new Problems()
        .check(input.decision === 'restore' || reason.length > 0, 'reason', '删除/封禁时请填写原因（会告知发布者）')
        .check(reason.length <= RESOLUTION_REASON_MAX, 'reason', `原因最多 ${RESOLUTION_REASON_MAX} 字`);
      if (p.any) return err(p.toError());
      const c = await this.deps.cases.byId(input.caseId);
      if (!c) return err(new ModerationCaseNotFound(input.caseId));
      const admin = requireAdminOf(input.actor, c.campusId);
      if (!admin.ok) return admin;
      if (c.status !== 'open') return err(new ModerationCaseClosed(c.id, c.status));
      const now = this.deps.clock.now();

      const done =
        input.decision === 'restore'
          ? await this.restore(c, admin.value.adminId, now)
          : await this.remove(c, input.actor, reason);
      if (!done.ok) return done;
      c.status = input.decision === 'restore' ? 'restored' : 'removed';
      c.resolvedAt = now;
      c.resolvedBy = admin.value.adminId;
      c.resolution = reason === '' ? null : reason;
      c.updatedAt = now;
      await this.deps.cases.save(c);
      await this.deps.audit.record({
        actor: auditActorOf(input.actor),
        action: `moderation.${input.decision}`,
        targetType: c.targetType,
        targetId: c.targetId,
        campusId: c.campusId,
        details: { caseId: c.id, reports: c.reportCount, unchecked: c.uncheckedFields, ...(reason ? { reason } : {}) },
        at: now,
      });
      return ok(c);
    });
  }

  /** Only its owner's listings can use a photo; an owner has a few hundred listings at most. */
  private async detachFromOwnersListings(photoId: string, ownerId: string): Promise<void> {
    const { listings, outbox, events } = this.deps.lifecycle;
    const now = this.deps.clock.now();
    let after: { sortValue: number; id: string } | null = null;
    for (;;) {
      const page = await listings.byOwner({ ownerId, after, limit: 200 });
      for (const l of page) {
        if (!l.photos.includes(photoId)) continue;
        const listing = await listings.byId(l.id, { forUpdate: true });
        if (!listing || !listing.dropPhoto(photoId, now)) continue;
        await listings.save(listing);
        await outbox.append([
          events.create('ListingEdited', listing.id, {
            listingId: listing.id,
            campusId: listing.campusId,
            fields: ['photos'],
          }),
        ]);
      }
      const last = page.at(-1);
      if (!last || page.length < 200) return;
      after = { sortValue: last.createdAt.getTime(), id: last.id };
    }
  }

  private async restore(c: ModerationCase, adminId: string, now: Date): Promise<Result<void, DomainError>> {
    if (c.targetType === 'listing' && c.hidden) {
      const listing = await this.deps.lifecycle.listings.byId(c.targetId, { forUpdate: true });
      if (listing && listing.status === 'hidden') {
        const back = c.hiddenFromStatus === 'reserved' ? 'reserved' : 'active';
        const changed = listing.unhide(back, now);
        if (!changed.ok) return changed;
        // Named, so the owner is told an admin looked and put it back (not that it came back by itself).
        await this.deps.lifecycle.record(listing, 'hidden', null, adminId);
      }
    }
    if (c.targetType === 'comment' && c.hidden) {
      const comment = await this.deps.comments.byId(c.targetId);
      if (comment && comment.hiddenAt !== null) {
        comment.hiddenAt = null;
        await this.deps.comments.save(comment);
      }
    }
    if (c.targetType === 'rating' && c.hidden) await this.setRatingHidden(c.targetId, null);
    return ok(undefined);
  }

  /** A rating is never deleted: hidden from its ratee's profile (admins still see it, flagged). */
  private async setRatingHidden(ratingId: string, at: Date | null): Promise<void> {
    const rating = await this.deps.ratings.byId(ratingId);
    if (!rating || (rating.hiddenAt === null) === (at === null)) return;
    rating.hiddenAt = at;
    await this.deps.ratings.save(rating);
  }

  private async remove(c: ModerationCase, actor: Actor, reason: string): Promise<Result<void, DomainError>> {
    switch (c.targetType) {
      case 'listing': {
        const r = await this.deps.removeListing.execute({ actor, listingId: c.targetId, reason });
        // Already removed by someone else: the case can still close.
        return r.ok || r.error.code === 'LISTING_TRANSITION_NOT_ALLOWED' ? ok(undefined) : r;
      }
      case 'comment': {
        const r = await this.deps.deleteComment.execute({ actor, commentId: c.targetId });
        return r.ok || r.error.code === 'COMMENT_NOT_FOUND' ? ok(undefined) : r;
      }
      case 'user': {
        const r = await this.deps.setUserBan.execute({ actor, userId: c.targetId, banned: true, reason });
        return r.ok ? ok(undefined) : r;
      }
      case 'photo': {
        const photo = await this.deps.photos.byId(c.targetId);
        if (!photo) return ok(undefined);
        await this.detachFromOwnersListings(photo.id, photo.ownerId);
        // Variants are shared by content hash: a refused image goes for every account that uploaded it.
        for (const key of Object.values(photo.variants)) await this.deps.storage.delete(key);
        return ok(undefined);
      }
      case 'rating':
        await this.setRatingHidden(c.targetId, this.deps.clock.now());
        return ok(undefined);
    }
  }
}
