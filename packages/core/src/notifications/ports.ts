import type { Delivery, DeadLetter, InboxEntry, Notification, NotificationKind, SkipReason } from './notification.js';

export interface ClaimedDelivery {
  readonly notification: Notification;
  readonly delivery: Delivery;
}

export interface DeliveryOutcome {
  readonly notificationId: string;
  readonly state: 'sent' | 'skipped' | 'unknown';
  readonly reason: SkipReason | null;
}

export interface DeliverySettings {
  readonly muted: readonly NotificationKind[];
  readonly balances: Partial<Record<NotificationKind, number>>;
}

export interface InboxCursor {
  readonly createdAt: Date;
  readonly id: string;
}

/** The inbox and the delivery records. Every write is atomic on its own; none needs a unit of work. */
export interface NotificationRepository {
  /**
   * Stores the notifications whose key is new, each with a pending QQ delivery; a key already stored
   * keeps its first notification. Returns the stored notification of every given key whose delivery
   * is still pending (new ones, and old ones a crash left unsent), so a re-run queues them again.
   * Unread notices of a collapsing kind (`collapses`) and one listing are one inbox entry; once read,
   * that entry is closed and a later notice starts another. Any other notice is an entry of its own.
   */
  record(notifications: readonly Notification[]): Promise<Notification[]>;
  byId(id: string): Promise<Notification | null>;
  /**
   * One line per inbox entry, each shown as its newest notice; newest first (createdAt, then id),
   * strictly after the cursor (the shown notice of the last entry of the previous page).
   */
  inbox(recipientId: string, after: InboxCursor | null, limit: number): Promise<InboxEntry[]>;
  /** Entries holding an unread notice (the badge): fifty unread comments of one listing count once. */
  unreadCount(recipientId: string): Promise<number>;
  /**
   * Marks read every notice of the entry that holds notice `id` (closing it, when it is open). False when
   * the recipient has no such notification. Marking twice keeps the first time.
   */
  markRead(recipientId: string, id: string, at: Date): Promise<boolean>;
  markAllRead(recipientId: string, at: Date): Promise<number>;

  delivery(notificationId: string): Promise<Delivery | null>;
  /** pending → sending, for one caller only; the lease says until when the claim is presumed alive. */
  claim(notificationId: string, now: Date, leaseUntil: Date): Promise<boolean>;
  markPrepared(notificationId: string): Promise<void>;
  /** Written just before the request leaves (implies prepared): a claim without it surely sent nothing. */
  markRequested(notificationId: string): Promise<void>;
  /** sending → sent, skipped or unknown. */
  finish(
    notificationId: string,
    state: 'sent' | 'skipped' | 'unknown',
    reason: SkipReason | null,
    now: Date,
  ): Promise<void>;
  /** sending → pending (not requested) after a failure that will be retried. */
  release(notificationId: string, error: string, now: Date): Promise<void>;
  /** pending or sending → dead, when the retries are exhausted. */
  markDead(notificationId: string, error: string, now: Date): Promise<boolean>;
  /**
   * Claims whose lease ran out (their worker is gone): back to pending when the request had not
   * started, unknown when it had.
   */
  expireLeases(now: Date, limit: number): Promise<{ retried: string[]; unknown: string[] }>;
  /** dead and unknown deliveries, newest change first, strictly before the cursor. */
  deadLetters(query: {
    campusId?: string;
    before: { updatedAt: Date; id: string } | null;
    limit: number;
  }): Promise<DeadLetter[]>;
  /** Pending deliveries untouched since `before` (orphaned by a crash or requeued by an admin), oldest first. */
  pendingBefore(before: Date, limit: number): Promise<{ notificationId: string; updatedAt: Date }[]>;
  /** dead or unknown → pending, keeping `prepared`: the consent it spent is not spent again. False when it is neither. */
  requeue(notificationId: string, now: Date): Promise<boolean>;

  /**
   * Batch `claim`: pending → sending for the given ids, one caller only. Returns the rows this caller
   * claimed (with their notification), in no particular order; ids not pending are left out.
   */
  claimMany(notificationIds: readonly string[], now: Date, leaseUntil: Date): Promise<ClaimedDelivery[]>;
  /**
   * Keeps a batch's claim alive: each row still `sending` under the lease this caller wrote last
   * (`heldUntil`, from its claim or its previous renewal) is leased until `leaseUntil`. Returns those ids;
   * a row left out is no longer this caller's (its lease ran out and the sweep took it back).
   */
  renewLeases(notificationIds: readonly string[], heldUntil: Date, leaseUntil: Date): Promise<string[]>;
  /** Batch `markPrepared`. */
  markPreparedMany(notificationIds: readonly string[]): Promise<void>;
  /** Batch `markRequested`: written before any of these requests leaves. */
  markRequestedMany(notificationIds: readonly string[]): Promise<void>;
  /** Batch `finish`: each row sending → its own state and reason. */
  finishMany(outcomes: readonly DeliveryOutcome[], now: Date): Promise<void>;
  /** Mutes and consent balances of many users at once (users without any are absent). */
  deliverySettings(userIds: readonly string[]): Promise<Map<string, DeliverySettings>>;
  /**
   * Batch `spendConsent` for distinct users and one kind: atomically takes one consent from each that
   * has one left. Returns the users charged.
   */
  spendConsents(userIds: readonly string[], kind: NotificationKind, now: Date): Promise<string[]>;

  mutedKinds(userId: string): Promise<NotificationKind[]>;
  setMutedKinds(userId: string, kinds: readonly NotificationKind[]): Promise<void>;

  /** Adds `count` consents, never beyond `cap`. */
  grantConsents(userId: string, kind: NotificationKind, count: number, cap: number, now: Date): Promise<void>;
  /** Atomically takes one consent; false when none is left. */
  spendConsent(userId: string, kind: NotificationKind, now: Date): Promise<boolean>;
  revokeConsents(userId: string, kind: NotificationKind, now: Date): Promise<void>;
  consentBalances(userId: string): Promise<Partial<Record<NotificationKind, number>>>;

  /** At most one QQ message per user and listing per window: true (and the window restarts) when free. */
  takeQqSlot(userId: string, listingId: string, now: Date, windowMs: number): Promise<boolean>;
}

export interface ExpiringListing {
  readonly id: string;
  readonly campusId: string;
  readonly ownerId: string;
  readonly title: string;
  readonly expiresAt: Date;
}

/** What the rules read from the rest of the domain, in batches a big fan-out can page through. */
export interface NotificationSources {
  /** User ids that favorited the listing, ascending, strictly after `afterUserId`. */
  favoritersOf(listingId: string, afterUserId: string | null, limit: number): Promise<string[]>;
  /** Live listings whose lifetime ends in (from, to], by (expiresAt, id), strictly after the cursor. */
  expiringBetween(
    from: Date,
    to: Date,
    after: { expiresAt: Date; id: string } | null,
    limit: number,
  ): Promise<ExpiringListing[]>;
}

export interface SubscriptionMessage {
  readonly openId: string;
  readonly kind: NotificationKind;
  readonly page: string;
  /** Keyword values in template order. */
  readonly fields: readonly string[];
}

/**
 * Expected answers of the messaging platform. Throwing `RetryJobLater` means "too fast, come back
 * then"; throwing anything else means a failure worth retrying with backoff.
 */
export type SendOutcome = 'sent' | 'consent_revoked' | 'quota_exceeded';

/**
 * Thrown by a sender when the request may have reached the platform but no answer came back
 * (a timeout, a connection cut mid-response): resending could push the message twice.
 */
export class SendOutcomeUnknown extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SendOutcomeUnknown';
  }
}

/** QQ subscription messages (订阅消息). */
export interface SubscriptionMessageSender {
  /** Whether a template is configured for this kind; without one only the inbox is told. */
  supports(kind: NotificationKind): boolean;
  send(message: SubscriptionMessage): Promise<SendOutcome>;
}
