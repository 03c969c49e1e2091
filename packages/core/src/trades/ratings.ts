import type { Actor } from '../identity/actor.js';
import type { NotAuthenticated, UserBanned } from '../identity/errors.js';
import { requireActiveUser } from '../identity/policy.js';
import type { ListingRepository } from '../listings/ports.js';
import type { Clock } from '../shared/clock.js';
import {
  noScreening,
  type ContentRisky,
  type ContentSafetyUnavailable,
  type ContentScreening,
} from '../shared/content-safety.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import type { EventFactory, Outbox } from '../shared/events.js';
import type { IdGenerator } from '../shared/ids.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import {
  AlreadyRated,
  RatingAlreadyReplied,
  RatingNotFound,
  RatingReplyNotAllowed,
  TradeNotCompleted,
  TradeNotFound,
} from './errors.js';
import type { RatingRepository, TradeRepository } from './ports.js';
import { Rating, RATING_REPLY_MAX, RATING_SCORES, RATING_TEXT_MAX, type RatingScore } from './rating.js';

export interface RatingDeps {
  readonly ratings: RatingRepository;
  readonly trades: TradeRepository;
  readonly listings: ListingRepository;
  readonly outbox: Outbox;
  readonly events: EventFactory;
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  /** Screens texts and replies; defaults to `noScreening`. */
  readonly screening?: ContentScreening;
}

type TextProblems = ValidationFailed | ContentRisky | ContentSafetyUnavailable;

async function checkText(
  screening: ContentScreening,
  field: string,
  raw: string | undefined,
  max: number,
  required: boolean,
): Promise<Result<string | null, TextProblems>> {
  const text = (raw ?? '').trim();
  const p = new Problems()
    .check(!required || text.length > 0, field, '内容不能为空')
    .check(text.length <= max, field, `最多 ${max} 字`);
  if (p.any) return err(p.toError());
  const screened = await screening.texts([{ field, text }], { scene: 'comment' });
  if (!screened.ok) return screened;
  return ok(text === '' ? null : text);
}

function published(deps: Pick<RatingDeps, 'events'>, r: Rating) {
  return deps.events.create('RatingPublished', r.id, {
    ratingId: r.id,
    tradeId: r.tradeId,
    campusId: r.campusId,
    listingId: r.listingId,
    listingTitle: r.listingTitle,
    raterId: r.raterId,
    rateeId: r.rateeId,
    score: r.score,
  });
}

export type RateTradeError =
  NotAuthenticated | UserBanned | TextProblems | TradeNotFound | TradeNotCompleted | AlreadyRated;

/**
 * 评价: after a completed trade each side rates the other once (好评 / 中评 / 差评, optional text).
 * Double-blind: it is shown when the other side rates too (both at that moment) or RATING_BLIND_DAYS
 * after it was written; until then only its author sees it. No edits.
 */
export class RateTrade {
  constructor(private readonly deps: RatingDeps) {}

  async execute(input: {
    actor: Actor;
    tradeId: string;
    score: RatingScore;
    text?: string;
  }): Promise<Result<Rating, RateTradeError>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    if (!RATING_SCORES.includes(input.score)) {
      return err(new Problems().add('score', '请选择好评、中评或差评').toError());
    }
    const text = await checkText(this.deps.screening ?? noScreening, 'text', input.text, RATING_TEXT_MAX, false);
    if (!text.ok) return text;
    const me = who.value.userId;
    const { ratings, trades, outbox, clock } = this.deps;
    return this.deps.uow.run(async () => {
      // The trade row is the lock both sides' ratings queue on, so the second sees the first.
      const trade = await trades.byId(input.tradeId, { forUpdate: true });
      const role = trade?.roleOf(me) ?? null;
      if (!trade || role === null) return err(new TradeNotFound(input.tradeId));
      if (trade.status !== 'completed') return err(new TradeNotCompleted(trade.id));
      const existing = await ratings.forTrade(trade.id);
      if (existing.some((r) => r.raterId === me)) return err(new AlreadyRated(trade.id));
      const listing = await this.deps.listings.byId(trade.listingId);
      const now = clock.now();
      const rating = Rating.write({
        id: this.deps.ids.next(),
        tradeId: trade.id,
        campusId: trade.campusId,
        listingId: trade.listingId,
        listingTitle: listing?.title ?? '',
        raterId: me,
        rateeId: role === 'seller' ? trade.buyerId : trade.sellerId,
        rateeRole: role === 'seller' ? 'buyer' : 'seller',
        score: input.score,
        text: text.value,
        now,
      });
      const other = existing.find((r) => r.rateeId === me);
      if (other) {
        // Both have rated: both are shown now, and each rated person is told.
        rating.publishNow(now);
        rating.announced = true;
        const tellOther = !other.announced;
        other.publishNow(now);
        other.announced = true;
        await ratings.save(other);
        if (tellOther) await outbox.append([published(this.deps, other)]);
      }
      if (!(await ratings.insert(rating))) return err(new AlreadyRated(trade.id));
      if (rating.announced) await outbox.append([published(this.deps, rating)]);
      return ok(rating);
    });
  }
}

export type ReplyToRatingError =
  NotAuthenticated | UserBanned | TextProblems | RatingNotFound | RatingReplyNotAllowed | RatingAlreadyReplied;

/** The rated person answers a shown rating, once. */
export class ReplyToRating {
  constructor(private readonly deps: RatingDeps) {}

  async execute(input: { actor: Actor; ratingId: string; text: string }): Promise<Result<Rating, ReplyToRatingError>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    const text = await checkText(this.deps.screening ?? noScreening, 'text', input.text, RATING_REPLY_MAX, true);
    if (!text.ok) return text;
    return this.deps.uow.run(async () => {
      const found = await this.deps.ratings.byId(input.ratingId);
      const now = this.deps.clock.now();
      const me = who.value.userId;
      // Before it is shown (or once hidden) only its author knows it exists: the rated person is not told
      // that the other side has rated (double-blind), so the reply waits for publication as a 404.
      const visibleToMe = found && (found.raterId === me || found.isVisibleAt(now));
      if (!found || !visibleToMe) return err(new RatingNotFound(input.ratingId));
      const trade = await this.deps.trades.byId(found.tradeId, { forUpdate: true });
      const rating = await this.deps.ratings.byId(found.id);
      if (!trade || !rating) return err(new RatingNotFound(input.ratingId));
      if (rating.rateeId !== me) return err(new RatingReplyNotAllowed(rating.id));
      if (rating.replyText !== null) return err(new RatingAlreadyReplied(rating.id));
      rating.replyText = text.value;
      rating.replyAt = now;
      await this.deps.ratings.save(rating);
      return ok(rating);
    });
  }
}

/**
 * The worker's sweep: ratings whose blind period ran out without the other side rating are shown now;
 * each rated person is told once (RatingPublished), in a unit of its own.
 */
export class AnnounceRatings {
  constructor(private readonly deps: Pick<RatingDeps, 'ratings' | 'trades' | 'outbox' | 'events' | 'uow' | 'clock'>) {}

  async execute(input: { batchSize?: number } = {}): Promise<{ announced: number }> {
    const now = this.deps.clock.now();
    const due = await this.deps.ratings.dueForAnnouncement(now, input.batchSize ?? 500);
    let announced = 0;
    for (const candidate of due) {
      const done = await this.deps.uow.run(async () => {
        // The trade's lock, as RateTrade takes it: a second rating arriving now announces each once.
        await this.deps.trades.byId(candidate.tradeId, { forUpdate: true });
        const rating = await this.deps.ratings.byId(candidate.id);
        if (!rating || rating.announced || !rating.isPublishedAt(now)) return false;
        rating.announced = true;
        await this.deps.ratings.save(rating);
        await this.deps.outbox.append([published(this.deps, rating)]);
        return true;
      });
      if (done) announced++;
    }
    return { announced };
  }
}
