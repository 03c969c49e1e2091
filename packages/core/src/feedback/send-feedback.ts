import type { Actor } from '../identity/actor.js';
import type { NotAuthenticated, UserBanned } from '../identity/errors.js';
import { requireActiveUser } from '../identity/policy.js';
import type { PhotoRepository } from '../photos/ports.js';
import { attachOwnPhotos } from '../photos/upload-photo.js';
import { DAY_MS, type Clock } from '../shared/clock.js';
import {
  noScreening,
  type ContentRisky,
  type ContentSafetyUnavailable,
  type ContentScreening,
} from '../shared/content-safety.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import { decide } from '../shared/rate-limit.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { FeedbackLimitReached } from './errors.js';
import { FEEDBACK_DAILY_LIMIT, FEEDBACK_PHOTOS_MAX, FEEDBACK_TEXT_MAX, type Feedback } from './feedback.js';
import type { FeedbackRepository } from './ports.js';

export type SendFeedbackError =
  NotAuthenticated | UserBanned | ValidationFailed | FeedbackLimitReached | ContentRisky | ContentSafetyUnavailable;

export interface SendFeedbackDeps {
  readonly feedback: FeedbackRepository;
  readonly photos: PhotoRepository;
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  /** Defaults to `noScreening`. */
  readonly screening?: ContentScreening;
  /** Defaults to FEEDBACK_DAILY_LIMIT per rolling day. */
  readonly dailyLimit?: number;
}

/** 意见反馈: any signed-in student who is not banned writes to their campus's admins, with up to three photos. */
export class SendFeedback {
  private readonly deps: Required<SendFeedbackDeps>;

  constructor({ screening = noScreening, dailyLimit = FEEDBACK_DAILY_LIMIT, ...deps }: SendFeedbackDeps) {
    this.deps = { ...deps, screening, dailyLimit };
  }

  async execute(input: {
    actor: Actor;
    text: string;
    photoIds?: readonly string[];
  }): Promise<Result<Feedback, SendFeedbackError>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    const text = input.text.trim();
    const photoIds = input.photoIds ?? [];
    const p = new Problems()
      .check(text.length > 0, 'text', '反馈内容不能为空')
      .check(text.length <= FEEDBACK_TEXT_MAX, 'text', `反馈内容最多 ${FEEDBACK_TEXT_MAX} 字`)
      .check(photoIds.length <= FEEDBACK_PHOTOS_MAX, 'photoIds', `最多 ${FEEDBACK_PHOTOS_MAX} 张照片`)
      .check(new Set(photoIds).size === photoIds.length, 'photoIds', '照片重复了');
    if (p.any) return err(p.toError());
    // Only the campus's admins read feedback, so text let through unchecked (checker down, policy
    // `accept`) needs no review queue: it is never shown to other students.
    const screened = await this.deps.screening.texts([{ field: 'text', text }], { scene: 'comment' });
    if (!screened.ok) return screened;

    return this.deps.uow.run(async () => {
      const now = this.deps.clock.now();
      const sent = await this.deps.feedback.sentSince(who.value.userId, new Date(now.getTime() - DAY_MS));
      const decision = decide(sent, { limit: this.deps.dailyLimit, windowMs: DAY_MS });
      if (!decision.allowed) return err(new FeedbackLimitReached(this.deps.dailyLimit, decision.retryAt!));
      // Attaching marks the photos used, so the cleanup of abandoned uploads never deletes them.
      const bad = await attachOwnPhotos(this.deps.photos, who.value.userId, photoIds, now);
      if (bad.length > 0) {
        return err(new Problems().add('photoIds', '照片不存在或不是你上传的，请重新上传').toError());
      }
      const feedback: Feedback = {
        id: this.deps.ids.next(),
        campusId: who.value.campusId,
        authorId: who.value.userId,
        text,
        photoIds: [...photoIds],
        state: 'open',
        createdAt: now,
        updatedAt: now,
        replies: [],
      };
      await this.deps.feedback.save(feedback);
      return ok(feedback);
    });
  }
}
