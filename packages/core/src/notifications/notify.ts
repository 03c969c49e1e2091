import type { CommentRepository } from '../engagement/ports.js';
import type { UserRepository } from '../identity/ports.js';
import type { ListingRepository } from '../listings/ports.js';
import type { Clock } from '../shared/clock.js';
import type { DomainEvent } from '../shared/events.js';
import type { IdGenerator } from '../shared/ids.js';
import type { EventSubscriber, JobQueue, JobSpec } from '../shared/jobs.js';
import { MODERATION_KINDS, notificationKey, type Notification } from './notification.js';
import type { NotificationRepository, NotificationSources } from './ports.js';
import {
  commentRule,
  expiringRule,
  feedbackReplyRule,
  offerRule,
  priceDropRule,
  ratingRule,
  tradeRule,
  wantRule,
  removalRule,
  replyRule,
  reviewNoticeRule,
  wantedMatchRule,
  type NotificationDraft,
  type PriceDrop,
} from './rules.js';

export const NOTIFY_FANOUT_QUEUE = 'notify-fanout';
export const NOTIFY_DELIVER_QUEUE = 'notify-deliver';
/** Favoriters told per fan-out job: one keyset page, one batch insert, one enqueue. */
export const FANOUT_BATCH = 500;

/** Deliveries per batch job of a fan-out: one claim, one gate, waves of sends. */
export const DELIVER_BATCH = 100;

/** One delivery (a retry, a lease sweep, an admin's requeue), or a batch of a fan-out. */
export type DeliverJob = { readonly notificationId: string } | { readonly notificationIds: readonly string[] };

export function deliverJobIds(job: DeliverJob): readonly string[] {
  return 'notificationIds' in job ? job.notificationIds : [job.notificationId];
}
export interface FanOutJob extends PriceDrop {
  readonly after: string | null;
}

export function deliverJob(notificationId: string, suffix = ''): JobSpec<DeliverJob> {
  return { queue: NOTIFY_DELIVER_QUEUE, key: `deliver:${notificationId}:qq${suffix}`, payload: { notificationId } };
}

/** Keyed by its first and last id: a re-run of the same fan-out batch queues the same job. */
export function deliverBatchJobs(notificationIds: readonly string[], size = DELIVER_BATCH): JobSpec<DeliverJob>[] {
  const jobs: JobSpec<DeliverJob>[] = [];
  for (let i = 0; i < notificationIds.length; i += size) {
    const ids = notificationIds.slice(i, i + size);
    jobs.push(
      ids.length === 1
        ? deliverJob(ids[0]!)
        : {
            queue: NOTIFY_DELIVER_QUEUE,
            key: `deliver:${ids[0]!}:qq:to:${ids.at(-1)!}:${ids.length}`,
            payload: { notificationIds: ids },
          },
    );
  }
  return jobs;
}

export interface NotificationRecorderDeps {
  readonly notifications: NotificationRepository;
  readonly users: UserRepository;
  readonly queue: JobQueue;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

/**
 * Stores drafts as notifications (a key already stored is kept, not duplicated) and queues the QQ
 * delivery of each. A job queued twice, or for a delivery already done, does nothing the second time.
 * A banned user cannot use the app, so only what moderation did to their listings reaches their
 * inbox (they see it if the ban is lifted); comments, price drops and the like are dropped.
 */
export class NotificationRecorder {
  constructor(private readonly deps: NotificationRecorderDeps) {}

  async record(drafts: readonly NotificationDraft[]): Promise<Notification[]> {
    const kept = await this.withoutBanned(drafts);
    if (kept.length === 0) return [];
    const now = this.deps.clock.now();
    const stored = await this.deps.notifications.record(
      kept.map((d) => ({
        id: this.deps.ids.next(),
        key: notificationKey(d.eventKey, d.recipientId),
        recipientId: d.recipientId,
        campusId: d.campusId,
        kind: d.kind,
        listingId: d.listingId,
        data: d.data,
        createdAt: now,
        readAt: null,
      })),
    );
    // Queued after the rows exist, and again on a re-run: a crash in between loses nothing.
    await this.deps.queue.enqueue(deliverBatchJobs(stored.map((n) => n.id)));
    return stored;
  }

  private async withoutBanned(drafts: readonly NotificationDraft[]): Promise<readonly NotificationDraft[]> {
    const told = [...new Set(drafts.filter((d) => !MODERATION_KINDS.includes(d.kind)).map((d) => d.recipientId))];
    if (told.length === 0) return drafts;
    const banned = new Set((await this.deps.users.byIds(told)).filter((u) => u.banned).map((u) => u.id));
    return banned.size === 0
      ? drafts
      : drafts.filter((d) => MODERATION_KINDS.includes(d.kind) || !banned.has(d.recipientId));
  }
}

export interface NotificationRulesDeps {
  readonly recorder: NotificationRecorder;
  readonly listings: ListingRepository;
  readonly comments: CommentRepository;
  readonly users: UserRepository;
  readonly queue: JobQueue;
  readonly clock: Clock;
}

/**
 * The notification rules, fed by domain events through the outbox. Each event is handled at least
 * once; the notification keys make a second run a no-op. A price drop is fanned out in batch jobs
 * so a listing with ten thousand favoriters never holds one job for long.
 */
export class NotificationRules implements EventSubscriber {
  readonly name = 'notifications';
  /** Enough wanted posts to look through per new listing; a category with more is a search problem. */
  static readonly WANTED_SCAN = 500;

  constructor(private readonly deps: NotificationRulesDeps) {}

  wants(event: DomainEvent): boolean {
    switch (event.type) {
      case 'CommentPosted':
      case 'CommentReplied':
      case 'ListingPriceDropped':
      case 'FeedbackReplied':
      case 'ListingWanted':
      case 'OfferMade':
      case 'OfferCountered':
      case 'OfferAccepted':
      case 'OfferDeclined':
      case 'OfferExpired':
      case 'TradeOpened':
      case 'TradeConfirmed':
      case 'TradeCompleted':
      case 'TradeCancelled':
      case 'RatingPublished':
        return true;
      case 'ListingPublished':
        return event.payload.kind !== 'wanted';
      case 'ListingStatusChanged':
        return (
          event.payload.to === 'removed' ||
          event.payload.to === 'hidden' ||
          event.payload.from === 'hidden' ||
          event.payload.from === 'removed'
        );
      default:
        return false;
    }
  }

  async handle(event: DomainEvent): Promise<void> {
    switch (event.type) {
      case 'CommentPosted':
      case 'CommentReplied': {
        const [listing, comment] = await Promise.all([
          this.deps.listings.byId(event.payload.listingId),
          this.deps.comments.byId(event.payload.commentId),
        ]);
        if (!listing || !comment || comment.deleted) return;
        const author = await this.deps.users.byId(event.payload.authorId);
        await this.deps.recorder.record(
          event.type === 'CommentPosted'
            ? commentRule(event, listing, comment, author)
            : replyRule(event, listing, comment, author),
        );
        return;
      }
      case 'ListingPriceDropped': {
        const p = event.payload;
        const listing = await this.deps.listings.byId(p.listingId);
        if (!listing) return;
        const job: FanOutJob = {
          eventId: event.id,
          listingId: p.listingId,
          campusId: p.campusId,
          ownerId: p.ownerId,
          title: listing.title,
          oldPrice: p.oldPrice,
          newPrice: p.newPrice,
          after: null,
        };
        await this.deps.queue.enqueue([{ queue: NOTIFY_FANOUT_QUEUE, key: `fanout:${event.id}:start`, payload: job }]);
        return;
      }
      case 'ListingPublished': {
        const listing = await this.deps.listings.byId(event.payload.listingId);
        if (!listing || !listing.isLive) return;
        const now = this.deps.clock.now();
        const candidates = [];
        let after = null;
        while (candidates.length < NotificationRules.WANTED_SCAN) {
          const page = await this.deps.listings.feed({
            campusId: listing.campusId,
            kind: 'wanted',
            categoryId: listing.categoryId,
            sort: 'newest',
            after,
            limit: 100,
            now,
          });
          candidates.push(...page);
          const last = page.at(-1);
          if (page.length < 100 || !last) break;
          after = { sortValue: last.listedAt.getTime(), id: last.id };
        }
        await this.deps.recorder.record(wantedMatchRule(event.id, listing, candidates, now));
        return;
      }
      case 'FeedbackReplied':
        await this.deps.recorder.record(feedbackReplyRule(event));
        return;
      case 'ListingWanted':
        await this.deps.recorder.record(wantRule(event, await this.deps.users.byId(event.payload.userId)));
        return;
      case 'OfferMade':
      case 'OfferCountered':
      case 'OfferAccepted':
      case 'OfferDeclined':
      case 'OfferExpired':
      case 'OfferWithdrawn':
        await this.deps.recorder.record(offerRule(event));
        return;
      case 'TradeOpened':
      case 'TradeConfirmed':
      case 'TradeCompleted':
      case 'TradeCancelled':
        await this.deps.recorder.record(tradeRule(event));
        return;
      case 'RatingPublished':
        await this.deps.recorder.record(ratingRule(event));
        return;
      case 'ListingStatusChanged': {
        const listing = await this.deps.listings.byId(event.payload.listingId);
        const title = listing?.title ?? '';
        await this.deps.recorder.record([...removalRule(event, title), ...reviewNoticeRule(event, title)]);
        return;
      }
      default:
        return;
    }
  }
}

/**
 * One batch of a price-drop fan-out: tells the next favoriters, then queues the batch after them
 * under a key made of the last one told, so a re-run queues the same next batch, never a second.
 */
export class FanOutPriceDrop {
  constructor(
    private readonly sources: NotificationSources,
    private readonly recorder: NotificationRecorder,
    private readonly queue: JobQueue,
    private readonly batchSize = FANOUT_BATCH,
  ) {}

  async execute(job: FanOutJob): Promise<{ told: number; next: string | null }> {
    const favoriters = await this.sources.favoritersOf(job.listingId, job.after, this.batchSize);
    await this.recorder.record(priceDropRule(job, favoriters));
    const last = favoriters.at(-1);
    const next = favoriters.length === this.batchSize && last ? last : null;
    if (next) {
      await this.queue.enqueue([
        { queue: NOTIFY_FANOUT_QUEUE, key: `fanout:${job.eventId}:${next}`, payload: { ...job, after: next } },
      ]);
    }
    return { told: favoriters.length, next };
  }
}

/** Periodic: owners whose listing ends within a day are told once per listing and expiry time. */
export class NotifyExpiringListings {
  static readonly WINDOW_MS = 24 * 60 * 60 * 1000;

  constructor(
    private readonly sources: NotificationSources,
    private readonly recorder: NotificationRecorder,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<{ considered: number }> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + NotifyExpiringListings.WINDOW_MS);
    let after: { expiresAt: Date; id: string } | null = null;
    let considered = 0;
    for (;;) {
      const page = await this.sources.expiringBetween(now, until, after, 500);
      considered += page.length;
      await this.recorder.record(page.map(expiringRule));
      const last = page.at(-1);
      if (page.length < 500 || !last) break;
      after = { expiresAt: last.expiresAt, id: last.id };
    }
    return { considered };
  }
}
