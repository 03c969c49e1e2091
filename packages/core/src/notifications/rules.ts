import type { Comment } from '../engagement/comment.js';
import type { User } from '../identity/user.js';
import type { Listing } from '../listings/listing.js';
import type {
  CommentPosted,
  CommentReplied,
  FeedbackReplied,
  ListingStatusChanged,
  ListingWanted,
  OfferEvent,
  RatingPublished,
  TradeEvent,
} from '../shared/events.js';
import { FEEDBACK_PAGE, type NotificationData, type NotificationKind } from './notification.js';
import { shareWords } from './words.js';

/** Who is told what, before ids and times are given: pure, so each rule is tested on its own. */
export interface NotificationDraft {
  /** The event id, or another key unique to what happened (an expiry date): half of the notification key. */
  readonly eventKey: string;
  readonly recipientId: string;
  readonly campusId: string;
  readonly kind: NotificationKind;
  readonly listingId: string | null;
  readonly data: NotificationData;
}

const EXCERPT = 40;
const excerpt = (body: string) => (body.length > EXCERPT ? `${body.slice(0, EXCERPT)}…` : body);

/** A new top-level comment tells the listing's owner, unless the owner wrote it. */
export function commentRule(
  event: CommentPosted,
  listing: Listing,
  comment: Comment,
  author: User | null,
): NotificationDraft[] {
  const { listingOwnerId, authorId } = event.payload;
  if (listingOwnerId === authorId) return [];
  return [
    {
      eventKey: event.id,
      recipientId: listingOwnerId,
      campusId: listing.campusId,
      kind: 'comment',
      listingId: listing.id,
      data: {
        listingTitle: listing.title,
        actorNickname: author?.nickname ?? '有人',
        excerpt: excerpt(comment.body),
        commentId: comment.id,
      },
    },
  ];
}

/** A reply tells whom it answers; the owner hears of it as a comment on their listing. Never the author. */
export function replyRule(
  event: CommentReplied,
  listing: Listing,
  comment: Comment,
  author: User | null,
): NotificationDraft[] {
  const { listingOwnerId, authorId, repliedToUserId } = event.payload;
  const data = {
    listingTitle: listing.title,
    actorNickname: author?.nickname ?? '有人',
    excerpt: excerpt(comment.body),
    commentId: comment.id,
  };
  const out: NotificationDraft[] = [];
  if (repliedToUserId !== authorId) {
    out.push({
      eventKey: event.id,
      recipientId: repliedToUserId,
      campusId: listing.campusId,
      kind: 'reply',
      listingId: listing.id,
      data,
    });
  }
  if (listingOwnerId !== authorId && listingOwnerId !== repliedToUserId) {
    out.push({
      eventKey: event.id,
      recipientId: listingOwnerId,
      campusId: listing.campusId,
      kind: 'comment',
      listingId: listing.id,
      data,
    });
  }
  return out;
}

export interface PriceDrop {
  readonly eventId: string;
  readonly listingId: string;
  readonly campusId: string;
  readonly ownerId: string;
  readonly title: string;
  readonly oldPrice: number;
  readonly newPrice: number;
}

/** One batch of favoriters of a listing whose price dropped; the owner is never told of their own drop. */
export function priceDropRule(drop: PriceDrop, favoriterIds: readonly string[]): NotificationDraft[] {
  return favoriterIds
    .filter((id) => id !== drop.ownerId)
    .map((recipientId) => ({
      eventKey: drop.eventId,
      recipientId,
      campusId: drop.campusId,
      kind: 'price_drop' as const,
      listingId: drop.listingId,
      data: { listingTitle: drop.title, oldPrice: drop.oldPrice, newPrice: drop.newPrice },
    }));
}

/**
 * Whether a new listing fits an open wanted post: same campus and category, live, somebody else's,
 * a word in common, and a price within the budget (either side 面议 leaves it to them to talk).
 */
export function fitsWanted(listing: Listing, wanted: Listing, now: Date): boolean {
  return (
    wanted.kind === 'wanted' &&
    listing.kind !== 'wanted' &&
    wanted.campusId === listing.campusId &&
    wanted.categoryId === listing.categoryId &&
    wanted.isLive &&
    wanted.expiresAt.getTime() > now.getTime() &&
    wanted.ownerId !== listing.ownerId &&
    (wanted.price === null || listing.price === null || listing.price <= wanted.price) &&
    shareWords(wanted.title, listing.title)
  );
}

export function wantedMatchRule(
  eventId: string,
  listing: Listing,
  candidates: readonly Listing[],
  now: Date,
): NotificationDraft[] {
  const told = new Set<string>();
  const out: NotificationDraft[] = [];
  for (const wanted of candidates) {
    if (told.has(wanted.ownerId) || !fitsWanted(listing, wanted, now)) continue;
    told.add(wanted.ownerId);
    out.push({
      eventKey: eventId,
      recipientId: wanted.ownerId,
      campusId: listing.campusId,
      kind: 'wanted_match',
      listingId: listing.id,
      data: { listingTitle: listing.title, price: listing.price, wantedTitle: wanted.title, wantedId: wanted.id },
    });
  }
  return out;
}

/** Removal by an admin tells the owner why. Other status changes are the owner's own doing. */
export function removalRule(event: ListingStatusChanged, title: string): NotificationDraft[] {
  const p = event.payload;
  if (p.to !== 'removed' || p.by === null || p.by === p.ownerId) return [];
  return [
    {
      eventKey: event.id,
      recipientId: p.ownerId,
      campusId: p.campusId,
      kind: 'removed',
      listingId: p.listingId,
      data: { listingTitle: title, reason: p.reason ?? '' },
    },
  ];
}

/**
 * Reports hid the listing (no one in particular did: `by` is null) or an admin brought it back (after
 * a review, or by taking back a removal):
 * the owner learns it in the inbox instead of only from a banner on the detail page.
 */
export function reviewNoticeRule(event: ListingStatusChanged, title: string): NotificationDraft[] {
  const p = event.payload;
  const hidden = p.to === 'hidden';
  const byAdmin = p.by !== null && p.by !== p.ownerId;
  // Back from hidden to live after a review, or from removed to whatever it was before the removal.
  const restored =
    byAdmin && ((p.from === 'hidden' && (p.to === 'active' || p.to === 'reserved')) || p.from === 'removed');
  if (!hidden && !restored) return [];
  return [
    {
      eventKey: event.id,
      recipientId: p.ownerId,
      campusId: p.campusId,
      kind: hidden ? 'hidden' : 'restored',
      listingId: p.listingId,
      data: { listingTitle: title },
    },
  ];
}

/** Keyed by listing and expiry time: once per listing per lifetime, again after a renewal. */
export function expiringRule(listing: {
  id: string;
  campusId: string;
  ownerId: string;
  title: string;
  expiresAt: Date;
}): NotificationDraft {
  return {
    eventKey: `expiring-${listing.id}-${listing.expiresAt.getTime()}`,
    recipientId: listing.ownerId,
    campusId: listing.campusId,
    kind: 'expiring',
    listingId: listing.id,
    data: { listingTitle: listing.title, expiresAt: listing.expiresAt.toISOString() },
  };
}

/**
 * An admin's answer to feedback tells its author, once per reply (each reply is its own event). The
 * inbox item carries the whole answer and the page that lists the student's feedback.
 */
export function feedbackReplyRule(event: FeedbackReplied): NotificationDraft[] {
  const p = event.payload;
  return [
    {
      eventKey: event.id,
      recipientId: p.authorId,
      campusId: p.campusId,
      kind: 'feedback_reply',
      listingId: null,
      data: {
        title: '意见反馈有回复',
        text: p.text,
        feedbackId: p.feedbackId,
        replyId: p.replyId,
        page: `${FEEDBACK_PAGE}?id=${p.feedbackId}`,
      },
    },
  ];
}

/** 想要 tells the seller who wants it (never the seller about their own listing). */
export function wantRule(event: ListingWanted, wanter: User | null): NotificationDraft[] {
  const p = event.payload;
  if (p.userId === p.ownerId) return [];
  return [
    {
      eventKey: event.id,
      recipientId: p.ownerId,
      campusId: p.campusId,
      kind: 'want_received',
      listingId: p.listingId,
      data: { listingTitle: p.listingTitle, actorNickname: wanter?.nickname ?? '有人', userId: p.userId },
    },
  ];
}

const OFFER_KINDS = {
  OfferMade: 'offer_received',
  OfferCountered: 'offer_countered',
  OfferAccepted: 'offer_accepted',
  OfferDeclined: 'offer_declined',
  OfferExpired: 'offer_expired',
  OfferWithdrawn: null,
} as const satisfies Record<OfferEvent['type'], NotificationKind | null>;

/**
 * Every step of an offer tells the other side: whoever did not act (the buyer of an expiry). A withdrawn
 * offer tells nobody: it only disappears from the seller's list.
 */
export function offerRule(event: OfferEvent): NotificationDraft[] {
  const kind = OFFER_KINDS[event.type];
  const p = event.payload;
  if (kind === null) return [];
  const recipientId = p.by === null ? p.buyerId : p.by === p.buyerId ? p.sellerId : p.buyerId;
  return [
    {
      eventKey: event.id,
      recipientId,
      campusId: p.campusId,
      kind,
      listingId: p.listingId,
      // An accepted offer names the trade it opened, so the notice opens that trade.
      data: { listingTitle: p.listingTitle, price: p.priceFen, offerId: p.offerId, tradeId: p.tradeId ?? null },
    },
  ];
}

const TRADE_KINDS = {
  TradeOpened: 'trade_opened',
  TradeConfirmed: 'trade_confirmed',
  TradeCompleted: 'trade_completed',
  TradeCancelled: 'trade_cancelled',
} as const satisfies Record<TradeEvent['type'], NotificationKind>;

/**
 * A trade's steps tell the side that did not act; its completion tells both (an automatic one has no
 * actor). A trade opened by accepting an offer was told as offer_accepted already.
 */
export function tradeRule(event: TradeEvent): NotificationDraft[] {
  const p = event.payload;
  if (event.type === 'TradeOpened' && p.offerId !== null) return [];
  const recipients =
    event.type === 'TradeCompleted'
      ? [p.sellerId, p.buyerId].filter((id) => id !== p.by)
      : [p.by === p.sellerId ? p.buyerId : p.sellerId];
  return recipients.map((recipientId) => ({
    eventKey: event.id,
    recipientId,
    campusId: p.campusId,
    kind: TRADE_KINDS[event.type],
    listingId: p.listingId,
    data: { listingTitle: p.listingTitle, price: p.priceFen, tradeId: p.tradeId, reason: p.reason },
  }));
}

/** A rating once shown tells the rated person (never before: the rating is blind until then). */
export function ratingRule(event: RatingPublished): NotificationDraft[] {
  const p = event.payload;
  return [
    {
      eventKey: event.id,
      recipientId: p.rateeId,
      campusId: p.campusId,
      kind: 'rating_received',
      listingId: p.listingId,
      data: { listingTitle: p.listingTitle, score: p.score, ratingId: p.ratingId, tradeId: p.tradeId },
    },
  ];
}
