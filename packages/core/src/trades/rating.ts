import { addDays } from '../shared/clock.js';
import type { DealRole } from './offer.js';

export type RatingScore = 'good' | 'neutral' | 'bad';
export const RATING_SCORES: readonly RatingScore[] = ['good', 'neutral', 'bad'];
export const RATING_TEXT_MAX = 300;
export const RATING_REPLY_MAX = 300;
/** Double-blind: a rating stays with its author until the other side rates too, or this long. */
export const RATING_BLIND_DAYS = 14;

/**
 * 评价: one side of a completed trade rates the other, once. It is shown from `publishedAt`: the
 * moment the other side rated too, else RATING_BLIND_DAYS after it was written (a time that may still
 * be ahead). No edits; the rated person may reply once after it is shown; admins may hide it.
 */
export class Rating {
  id!: string;
  tradeId!: string;
  campusId!: string;
  listingId!: string;
  listingTitle!: string;
  raterId!: string;
  rateeId!: string;
  rateeRole!: DealRole;
  score!: RatingScore;
  text!: string | null;
  createdAt!: Date;
  publishedAt!: Date;
  /** The rated person has been told it is shown (the RatingPublished event is written). */
  announced!: boolean;
  hiddenAt!: Date | null;
  replyText!: string | null;
  replyAt!: Date | null;

  static write(input: {
    id: string;
    tradeId: string;
    campusId: string;
    listingId: string;
    listingTitle: string;
    raterId: string;
    rateeId: string;
    rateeRole: DealRole;
    score: RatingScore;
    text: string | null;
    now: Date;
  }): Rating {
    const r = new Rating();
    Object.assign(r, {
      id: input.id,
      tradeId: input.tradeId,
      campusId: input.campusId,
      listingId: input.listingId,
      listingTitle: input.listingTitle,
      raterId: input.raterId,
      rateeId: input.rateeId,
      rateeRole: input.rateeRole,
      score: input.score,
      text: input.text,
    });
    r.createdAt = input.now;
    r.publishedAt = addDays(input.now, RATING_BLIND_DAYS);
    r.announced = false;
    r.hiddenAt = null;
    r.replyText = null;
    r.replyAt = null;
    return r;
  }

  isPublishedAt(now: Date): boolean {
    return this.publishedAt.getTime() <= now.getTime();
  }

  /** Shown to everyone: published and not hidden by an admin. */
  isVisibleAt(now: Date): boolean {
    return this.isPublishedAt(now) && this.hiddenAt === null;
  }

  /** The other side rated: both are shown from now on (never later than they would have been). */
  publishNow(now: Date): void {
    if (this.publishedAt.getTime() > now.getTime()) this.publishedAt = now;
  }
}
