import type { CommentRepository } from '../engagement/ports.js';
import type { Actor } from '../identity/actor.js';
import type { NotAuthenticated, NotVerified, UserBanned } from '../identity/errors.js';
import { requireVerifiedUser } from '../identity/policy.js';
import type { UserRepository } from '../identity/ports.js';
import type { LifecycleDeps } from '../listings/lifecycle.js';
import { PRIVATE_STATUSES } from '../listings/listing.js';
import type { Clock } from '../shared/clock.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { RatingRepository } from '../trades/ports.js';
import { auditActorOf, systemAuditActor, type AuditLog } from '../shared/audit.js';
import {
  AlreadyReported,
  CannotReportOwn,
  openCase,
  REPORT_DETAILS_MAX,
  REPORT_REASONS,
  REPORT_TARGET_TYPES,
  ReportTargetNotFound,
  type ModerationCase,
  type ModerationCaseRepository,
  type ReportReason,
  type ReportRepository,
  type ReportTargetType,
} from './cases.js';

export const DEFAULT_REPORT_HIDE_THRESHOLD = 3;
export const HIDDEN_BY_REPORTS_REASON = '多人举报，等待管理员审核';

export interface ReportContentInput {
  readonly actor: Actor;
  readonly targetType: ReportTargetType;
  readonly targetId: string;
  readonly reason: ReportReason;
  readonly details?: string;
}

export type ReportContentError =
  | NotAuthenticated
  | UserBanned
  | NotVerified
  | ValidationFailed
  | ReportTargetNotFound
  | CannotReportOwn
  | AlreadyReported;

export interface ReportOutcome {
  readonly caseId: string;
  /** Whether this report took the target out of sight (a user: flagged for review). */
  readonly hidTarget: boolean;
}

export interface ReportContentDeps {
  readonly cases: ModerationCaseRepository;
  readonly reports: ReportRepository;
  readonly lifecycle: LifecycleDeps;
  readonly comments: CommentRepository;
  readonly users: UserRepository;
  /** Ratings (评价) are reported like comments: only shown ones, never one's own. */
  readonly ratings: RatingRepository;
  readonly audit: AuditLog;
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  /** Defaults to `DEFAULT_REPORT_HIDE_THRESHOLD`. */
  readonly threshold?: number;
}

/**
 * A verified student reports a listing, a comment, a user or a shown rating, once per target. When reports from
 * `threshold` different students gather on an open case, the target is hidden until an admin decides:
 * a listing leaves the feed, search and detail (its owner still sees it), a comment becomes a
 * placeholder, a user is flagged (never banned without an admin).
 */
export class ReportContent {
  private readonly deps: Required<ReportContentDeps>;

  constructor({ threshold = DEFAULT_REPORT_HIDE_THRESHOLD, ...deps }: ReportContentDeps) {
    this.deps = { ...deps, threshold };
  }

  execute(input: ReportContentInput): Promise<Result<ReportOutcome, ReportContentError>> {
    return this.deps.uow.run(async () => {
      const who = requireVerifiedUser(input.actor, '举报');
      if (!who.ok) return who;
      const details = (input.details ?? '').trim();
      const p = new Problems()
        .check(REPORT_TARGET_TYPES.includes(input.targetType), 'targetType', '只能举报商品、留言、用户或评价')
        .check(
          Object.hasOwn(REPORT_REASONS, input.reason),
          'reason',
          `请选择举报原因：${Object.values(REPORT_REASONS).join('、')}`,
        )
        .check(details.length <= REPORT_DETAILS_MAX, 'details', `补充说明最多 ${REPORT_DETAILS_MAX} 字`)
        .check(input.reason !== 'other' || details.length > 0, 'details', '选择“其他”时请写明原因');
      if (p.any) return err(p.toError());
      const reporterId = who.value.userId;

      const target = await this.target(input.targetType, input.targetId, reporterId);
      if (!target.ok) return target;
      const now = this.deps.clock.now();
      const c: ModerationCase = await this.deps.cases.open(
        openCase({
          id: this.deps.ids.next(),
          targetType: input.targetType,
          targetId: input.targetId,
          campusId: target.value.campusId,
          now,
        }),
      );
      const added = await this.deps.reports.add({
        id: this.deps.ids.next(),
        caseId: c.id,
        targetType: input.targetType,
        targetId: input.targetId,
        reporterId,
        reason: input.reason,
        details,
        createdAt: now,
      });
      if (!added) return err(new AlreadyReported());
      c.reportCount += 1;
      c.updatedAt = now;
      const reachesThreshold = !c.hidden && c.reportCount >= this.deps.threshold;
      if (reachesThreshold) {
        await this.hide(c, now);
        c.hidden = true;
      }
      await this.deps.cases.save(c);
      await this.deps.audit.record({
        actor: auditActorOf(input.actor),
        action: 'report.create',
        targetType: input.targetType,
        targetId: input.targetId,
        campusId: c.campusId,
        details: { reason: input.reason, caseId: c.id, reports: c.reportCount },
        at: now,
      });
      if (reachesThreshold) {
        await this.deps.audit.record({
          actor: systemAuditActor,
          action: input.targetType === 'user' ? 'moderation.flag' : 'moderation.hide',
          targetType: input.targetType,
          targetId: input.targetId,
          campusId: c.campusId,
          details: { caseId: c.id, reports: c.reportCount },
          at: now,
        });
      }
      return ok({ caseId: c.id, hidTarget: reachesThreshold });
    });
  }

  private async target(
    type: ReportTargetType,
    id: string,
    reporterId: string,
  ): Promise<Result<{ campusId: string }, ReportTargetNotFound | CannotReportOwn>> {
    if (type === 'listing') {
      const listing = await this.deps.lifecycle.listings.byId(id, { forUpdate: true });
      if (!listing || PRIVATE_STATUSES.includes(listing.status)) return err(new ReportTargetNotFound(type, id));
      if (listing.ownerId === reporterId) return err(new CannotReportOwn(type));
      return ok({ campusId: listing.campusId });
    }
    if (type === 'comment') {
      const comment = await this.deps.comments.byId(id);
      const listing = comment && !comment.deleted ? await this.deps.lifecycle.listings.byId(comment.listingId) : null;
      if (!comment || !listing || PRIVATE_STATUSES.includes(listing.status))
        return err(new ReportTargetNotFound(type, id));
      if (comment.authorId === reporterId) return err(new CannotReportOwn(type));
      return ok({ campusId: listing.campusId });
    }
    if (type === 'rating') {
      const rating = await this.deps.ratings.byId(id);
      if (!rating || !rating.isVisibleAt(this.deps.clock.now())) return err(new ReportTargetNotFound(type, id));
      if (rating.raterId === reporterId) return err(new CannotReportOwn(type));
      return ok({ campusId: rating.campusId });
    }
    const user = await this.deps.users.byId(id);
    if (!user) return err(new ReportTargetNotFound(type, id));
    if (user.id === reporterId) return err(new CannotReportOwn(type));
    return ok({ campusId: user.campusId });
  }

  /** Takes the target out of sight; false when there was nothing to hide (e.g. a listing already sold). */
  private async hide(c: ModerationCase, now: Date): Promise<boolean> {
    if (c.targetType === 'listing') {
      const listing = await this.deps.lifecycle.listings.byId(c.targetId, { forUpdate: true });
      if (!listing) return false;
      const from = listing.status;
      if (!listing.hide(now).ok) return false;
      c.hiddenFromStatus = from;
      await this.deps.lifecycle.record(listing, from, HIDDEN_BY_REPORTS_REASON, null);
      return true;
    }
    if (c.targetType === 'comment') {
      const comment = await this.deps.comments.byId(c.targetId);
      if (!comment || comment.deleted) return false;
      comment.hiddenAt = now;
      await this.deps.comments.save(comment);
      return true;
    }
    if (c.targetType === 'rating') {
      const rating = await this.deps.ratings.byId(c.targetId);
      if (!rating || rating.hiddenAt !== null) return false;
      rating.hiddenAt = now;
      await this.deps.ratings.save(rating);
      return true;
    }
    return true; // a user is flagged by the case itself
  }
}
