import type { Actor } from '../identity/actor.js';
import type { AdminScope } from '../identity/admin.js';
import type { AdminOnly, NotAuthenticated } from '../identity/errors.js';
import { requireAdmin, requireAdminOf } from '../identity/policy.js';
import type { UserRepository } from '../identity/ports.js';
import type { AuditLog } from '../shared/audit.js';
import type { Clock } from '../shared/clock.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import type { EventFactory, Outbox } from '../shared/events.js';
import type { IdGenerator } from '../shared/ids.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { FeedbackClosed, FeedbackNotFound } from './errors.js';
import { FEEDBACK_TEXT_MAX, type Feedback } from './feedback.js';
import type { FeedbackRepository } from './ports.js';
import { withAuthors, type AdminFeedbackView } from './views.js';

type AdminError = NotAuthenticated | AdminOnly | AdminScope | FeedbackNotFound;

export interface ReplyToFeedbackDeps {
  readonly feedback: FeedbackRepository;
  readonly users: UserRepository;
  readonly outbox: Outbox;
  readonly events: EventFactory;
  readonly audit: AuditLog;
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

/**
 * An admin of the feedback's campus answers it (again, if need be): it becomes `answered`, and the
 * `FeedbackReplied` event, written with it, puts the answer in the student's inbox.
 */
export class ReplyToFeedback {
  constructor(private readonly deps: ReplyToFeedbackDeps) {}

  async execute(input: {
    actor: Actor;
    feedbackId: string;
    text: string;
  }): Promise<Result<AdminFeedbackView, AdminError | ValidationFailed | FeedbackClosed>> {
    const admin = requireAdmin(input.actor);
    if (!admin.ok) return admin;
    const text = input.text.trim();
    const p = new Problems()
      .check(text.length > 0, 'text', '回复不能为空')
      .check(text.length <= FEEDBACK_TEXT_MAX, 'text', `回复最多 ${FEEDBACK_TEXT_MAX} 字`);
    if (p.any) return err(p.toError());
    const saved = await this.deps.uow.run(async (): Promise<Result<Feedback, AdminError | FeedbackClosed>> => {
      const found = await loadScoped(this.deps.feedback, input.actor, input.feedbackId);
      if (!found.ok) return found;
      const feedback = found.value;
      if (feedback.state === 'closed') return err(new FeedbackClosed(feedback.id));
      const now = this.deps.clock.now();
      const reply = { id: this.deps.ids.next(), adminId: admin.value.adminId, text, at: now };
      const previous = feedback.state;
      feedback.replies.push(reply);
      feedback.state = 'answered';
      feedback.updatedAt = now;
      await this.deps.feedback.save(feedback);
      await this.deps.outbox.append([
        this.deps.events.create('FeedbackReplied', feedback.id, {
          feedbackId: feedback.id,
          replyId: reply.id,
          campusId: feedback.campusId,
          authorId: feedback.authorId,
          text,
        }),
      ]);
      await this.deps.audit.record({
        actor: { kind: 'admin', id: admin.value.adminId },
        action: 'feedback.reply',
        targetType: 'feedback',
        targetId: feedback.id,
        campusId: feedback.campusId,
        details: { replyId: reply.id, from: previous },
        at: now,
      });
      return ok(feedback);
    });
    if (!saved.ok) return saved;
    return ok((await withAuthors(this.deps.users, [saved.value]))[0]!);
  }
}

export interface CloseFeedbackDeps {
  readonly feedback: FeedbackRepository;
  readonly users: UserRepository;
  readonly audit: AuditLog;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
}

/** An admin of the feedback's campus closes it. Closing a closed one again changes nothing and audits nothing. */
export class CloseFeedback {
  constructor(private readonly deps: CloseFeedbackDeps) {}

  async execute(input: { actor: Actor; feedbackId: string }): Promise<Result<AdminFeedbackView, AdminError>> {
    const admin = requireAdmin(input.actor);
    if (!admin.ok) return admin;
    const saved = await this.deps.uow.run(async (): Promise<Result<Feedback, AdminError>> => {
      const found = await loadScoped(this.deps.feedback, input.actor, input.feedbackId);
      if (!found.ok || found.value.state === 'closed') return found;
      const feedback = found.value;
      const now = this.deps.clock.now();
      const previous = feedback.state;
      feedback.state = 'closed';
      feedback.updatedAt = now;
      await this.deps.feedback.save(feedback);
      await this.deps.audit.record({
        actor: { kind: 'admin', id: admin.value.adminId },
        action: 'feedback.close',
        targetType: 'feedback',
        targetId: feedback.id,
        campusId: feedback.campusId,
        details: { from: previous, replies: feedback.replies.length },
        at: now,
      });
      return ok(feedback);
    });
    if (!saved.ok) return saved;
    return ok((await withAuthors(this.deps.users, [saved.value]))[0]!);
  }
}

/** The feedback, if the actor is an admin who may act on its campus; unknown ids answer 404 to any admin. */
async function loadScoped(
  repository: FeedbackRepository,
  actor: Actor,
  feedbackId: string,
): Promise<Result<Feedback, AdminError>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const feedback = await repository.byId(feedbackId);
  if (!feedback) return err(new FeedbackNotFound(feedbackId));
  const scoped = requireAdminOf(actor, feedback.campusId);
  if (!scoped.ok) return scoped;
  return ok(feedback);
}
