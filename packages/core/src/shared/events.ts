import type { Fen } from './money.js';

/**
 * Domain events, recorded by use cases and written to the outbox in the same transaction as the
 * state change they describe. Payloads are plain JSON so the outbox can store them as text and
 * later consumers (notifications, search, recommendations) can read them without the domain classes.
 */
interface EventBase<T extends string, P> {
  readonly id: string;
  readonly type: T;
  readonly occurredAt: Date;
  /** The listing, comment or user the event is about: consumers partition work by it. */
  readonly aggregateId: string;
  readonly payload: P;
}

export type ListingPublished = EventBase<
  'ListingPublished',
  {
    listingId: string;
    campusId: string;
    ownerId: string;
    kind: string;
    categoryId: string;
    price: Fen | null;
  }
>;
export type ListingEdited = EventBase<'ListingEdited', { listingId: string; campusId: string; fields: string[] }>;
export type ListingPriceDropped = EventBase<
  'ListingPriceDropped',
  {
    listingId: string;
    campusId: string;
    ownerId: string;
    oldPrice: Fen;
    newPrice: Fen;
  }
>;
export type ListingStatusChanged = EventBase<
  'ListingStatusChanged',
  {
    listingId: string;
    campusId: string;
    ownerId: string;
    from: string;
    to: string;
    reason: string | null;
    by: string | null;
  }
>;
export type ListingRenewed = EventBase<'ListingRenewed', { listingId: string; campusId: string; expiresAt: string }>;
export type ListingFavorited = EventBase<'ListingFavorited', { listingId: string; userId: string }>;
export type ListingUnfavorited = EventBase<'ListingUnfavorited', { listingId: string; userId: string }>;
export type CommentPosted = EventBase<
  'CommentPosted',
  {
    commentId: string;
    listingId: string;
    listingOwnerId: string;
    authorId: string;
  }
>;
export type CommentReplied = EventBase<
  'CommentReplied',
  {
    commentId: string;
    listingId: string;
    listingOwnerId: string;
    authorId: string;
    parentCommentId: string;
    repliedToUserId: string;
  }
>;
export type CommentDeleted = EventBase<'CommentDeleted', { commentId: string; listingId: string; deletedBy: string }>;
/** An admin answered a student's feedback; the reply's text rides along so the inbox needs no second read. */
export type FeedbackReplied = EventBase<
  'FeedbackReplied',
  { feedbackId: string; replyId: string; campusId: string; authorId: string; text: string }
>;
/** 想要: a verified student marked interest in somebody's listing (or took it back). */
export type ListingWanted = EventBase<
  'ListingWanted',
  { listingId: string; campusId: string; ownerId: string; userId: string; listingTitle: string }
>;
export type ListingUnwanted = EventBase<'ListingUnwanted', { listingId: string; userId: string }>;

/**
 * What every offer and trade event carries: both parties, the listing's title (so a notice needs no
 * second read) and who did it (`by`, null for the system: an expiry, an automatic completion).
 */
interface DealPayload {
  listingId: string;
  campusId: string;
  listingTitle: string;
  sellerId: string;
  buyerId: string;
  by: string | null;
}
export type OfferEventType =
  'OfferMade' | 'OfferCountered' | 'OfferAccepted' | 'OfferDeclined' | 'OfferWithdrawn' | 'OfferExpired';
/** One member per type (distributed), so `EventOf<'OfferMade'>` finds it. */
export type OfferEvent<T extends OfferEventType = OfferEventType> = T extends OfferEventType
  ? EventBase<
      T,
      /** `tradeId`: the trade an accepted offer opened (absent from events stored before it was added). */
      DealPayload & { offerId: string; priceFen: Fen; tradeId?: string | null }
    >
  : never;
export type TradeEventType = 'TradeOpened' | 'TradeConfirmed' | 'TradeCompleted' | 'TradeCancelled';
export type TradeEvent<T extends TradeEventType = TradeEventType> = T extends TradeEventType
  ? EventBase<T, DealPayload & { tradeId: string; offerId: string | null; priceFen: Fen | null; reason: string | null }>
  : never;
/** A rating became visible (both sides rated, or its blind period ran out): the rated person is told. */
export type RatingPublished = EventBase<
  'RatingPublished',
  {
    ratingId: string;
    tradeId: string;
    campusId: string;
    listingId: string;
    listingTitle: string;
    raterId: string;
    rateeId: string;
    score: string;
  }
>;
export type UserBannedEvent = EventBase<'UserBanned', { userId: string; by: string; reason: string }>;
export type UserUnbannedEvent = EventBase<'UserUnbanned', { userId: string; by: string; reason: string }>;

export type DomainEvent =
  | ListingPublished
  | ListingEdited
  | ListingPriceDropped
  | ListingStatusChanged
  | ListingRenewed
  | ListingFavorited
  | ListingUnfavorited
  | CommentPosted
  | CommentReplied
  | CommentDeleted
  | FeedbackReplied
  | ListingWanted
  | ListingUnwanted
  | OfferEvent
  | TradeEvent
  | RatingPublished
  | UserBannedEvent
  | UserUnbannedEvent;

export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

/** Builds events with ids and times from the injected ports, so tests can pin both. */
export class EventFactory {
  constructor(
    private readonly ids: { next(): string },
    private readonly clock: { now(): Date },
  ) {}

  create<T extends DomainEventType>(type: T, aggregateId: string, payload: EventOf<T>['payload']): EventOf<T> {
    return { id: this.ids.next(), type, occurredAt: this.clock.now(), aggregateId, payload } as EventOf<T>;
  }
}

/** A stored event and its delivery state. */
export interface OutboxRecord {
  readonly event: DomainEvent;
  readonly publishedAt: Date | null;
}

export interface Outbox {
  /** Must be called inside the same UnitOfWork as the state change the events describe. */
  append(events: readonly DomainEvent[]): Promise<void>;
  /** Oldest first. */
  unpublished(limit: number): Promise<DomainEvent[]>;
  markPublished(eventIds: readonly string[], at: Date): Promise<void>;
  /**
   * For relays running side by side: takes up to `limit` unpublished events, oldest first, that no
   * other claim holds, and holds them under `claim` (a fresh token per call) until `now + leaseMs`.
   * Each event goes to one claim at a time; a relay that dies lets go when its lease runs out.
   */
  claim(claim: string, limit: number, now: Date, leaseMs: number): Promise<DomainEvent[]>;
  /** Lets go of the still unpublished events held under `claim`, so the next try takes them at once. */
  release(claim: string): Promise<void>;
  /**
   * Makes the events published within `windowMs` before the latest publication unpublished (and
   * unclaimed) again, so the relay hands them out once more; answers how many. Anchored on the latest
   * publication rather than the clock, so a server that stayed down longer than the window still
   * replays what it was doing when it died.
   */
  unpublishRecent(windowMs: number): Promise<number>;
}
