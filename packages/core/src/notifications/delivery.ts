import type { UserRepository } from '../identity/ports.js';
import type { JobQueue } from '../shared/jobs.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { deliverJob } from './notify.js';
import type { Clock } from '../shared/clock.js';
import { isInboxOnly, messageFor, type NotificationKind, type SkipReason } from './notification.js';
import { SendOutcomeUnknown, type NotificationRepository, type SubscriptionMessageSender } from './ports.js';

export interface DeliveryPolicy {
  /** How long a claim is presumed alive; a sending row older than this is declared unknown. */
  readonly leaseMs: number;
  /** At most one QQ message per user and listing in this window, for these kinds. */
  readonly throttleMs: number;
  readonly throttledKinds: readonly NotificationKind[];
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  leaseMs: 60_000,
  throttleMs: 60 * 60 * 1000,
  throttledKinds: ['comment', 'reply'],
};

export type DeliveryResult = 'sent' | `skipped:${SkipReason}` | 'not_pending' | 'unknown';

export interface DeliverNotificationDeps {
  readonly notifications: NotificationRepository;
  readonly users: UserRepository;
  readonly sender: SubscriptionMessageSender;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  /** Defaults to `DEFAULT_DELIVERY_POLICY`. */
  readonly policy?: DeliveryPolicy;
}

/**
 * Sends one notification as a QQ subscription message, at most once. The delivery row is claimed
 * (pending → sending) before the call and settled after it, so a retried job or a second worker
 * finds it taken and does nothing. A worker that dies in between leaves `sending`; when the lease
 * runs out the row goes back to pending if its request had not started, and becomes `unknown` if it
 * had: whether QQ got that message cannot be known, and a second push is worse than an inbox-only
 * notice, so it waits for an admin among the dead letters.
 */
export class DeliverNotification {
  private readonly deps: Required<DeliverNotificationDeps>;

  constructor({ policy = DEFAULT_DELIVERY_POLICY, ...deps }: DeliverNotificationDeps) {
    this.deps = { ...deps, policy };
  }

  async execute(input: { notificationId: string }): Promise<DeliveryResult> {
    const id = input.notificationId;
    const [n, d] = await Promise.all([this.deps.notifications.byId(id), this.deps.notifications.delivery(id)]);
    if (!n || !d) return 'not_pending';
    const now = this.deps.clock.now();
    if (d.state !== 'pending') return 'not_pending';
    if (!(await this.deps.notifications.claim(id, now, new Date(now.getTime() + this.deps.policy.leaseMs))))
      return 'not_pending';

    // Read before the unit of work below, not inside it: on a one-connection database a read
    // waiting behind the open transaction would never finish.
    const user = await this.deps.users.byId(n.recipientId);
    if (user?.banned) {
      // A banned user cannot open what a message links to; checked before the gate, so no consent is spent.
      await this.deps.notifications.finish(id, 'skipped', 'banned', now);
      return 'skipped:banned';
    }
    if (!d.prepared) {
      // The consent spent, the throttle slot taken and the prepared mark commit together: a worker
      // that dies halfway leaves none of them, and the next attempt passes the gate afresh.
      const refused = await this.deps.uow.run(async () => {
        const reason = await this.gate(n.recipientId, n.kind, n.listingId, now);
        if (!reason) await this.deps.notifications.markPrepared(id);
        return reason;
      });
      if (refused) {
        await this.deps.notifications.finish(id, 'skipped', refused, now);
        return `skipped:${refused}`;
      }
    }
    if (!user) {
      await this.deps.notifications.finish(id, 'skipped', 'no_recipient', this.deps.clock.now());
      return 'skipped:no_recipient';
    }
    const { page, fields } = messageFor(n);
    await this.deps.notifications.markRequested(id);
    let outcome;
    try {
      outcome = await this.deps.sender.send({ openId: user.qqOpenId, kind: n.kind, page, fields });
    } catch (e) {
      if (e instanceof SendOutcomeUnknown) {
        await this.deps.notifications.finish(id, 'unknown', null, this.deps.clock.now());
        return 'unknown';
      }
      // The platform answered with an error (RetryJobLater included), so nothing was sent: give the
      // row back for the retry.
      await this.deps.notifications.release(id, describe(e), this.deps.clock.now());
      throw e;
    }
    const done = this.deps.clock.now();
    if (outcome === 'sent') {
      await this.deps.notifications.finish(id, 'sent', null, done);
      return 'sent';
    }
    if (outcome === 'consent_revoked') {
      await this.deps.notifications.revokeConsents(n.recipientId, n.kind, done);
      await this.deps.notifications.finish(id, 'skipped', 'consent_revoked', done);
      return 'skipped:consent_revoked';
    }
    await this.deps.notifications.finish(id, 'skipped', 'quota', done);
    return 'skipped:quota';
  }

  /** Mute, template, rate limit, consent: in that order, so a refused message never spends a consent. */
  private async gate(
    userId: string,
    kind: NotificationKind,
    listingId: string | null,
    now: Date,
  ): Promise<SkipReason | null> {
    if (isInboxOnly(kind)) return 'no_template';
    const [muted, balances] = await Promise.all([
      this.deps.notifications.mutedKinds(userId),
      this.deps.notifications.consentBalances(userId),
    ]);
    if (muted.includes(kind)) return 'muted';
    if (!this.deps.sender.supports(kind)) return 'no_template';
    if ((balances[kind] ?? 0) <= 0) return 'no_consent';
    if (
      listingId &&
      this.deps.policy.throttledKinds.includes(kind) &&
      !(await this.deps.notifications.takeQqSlot(userId, listingId, now, this.deps.policy.throttleMs))
    )
      return 'rate_limited';
    if (!(await this.deps.notifications.spendConsent(userId, kind, now))) return 'no_consent';
    return null;
  }
}

function describe(e: unknown): string {
  return (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 500);
}

/** A delivery whose job ran out of attempts becomes a dead letter. */
export class BuryDelivery {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
  ) {}
  async execute(input: { notificationId: string; error: unknown }): Promise<boolean> {
    return this.notifications.markDead(input.notificationId, describe(input.error), this.clock.now());
  }
}

/**
 * Periodic: claims whose worker died. One that never started its request is queued again at once;
 * one that had is declared unknown and never resent on its own (an admin may, from the dead letters).
 */
export class SweepDeliveryLeases {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
  ) {}
  async execute(): Promise<{ retried: number; unknown: number }> {
    let retried = 0;
    let unknown = 0;
    for (;;) {
      const now = this.clock.now();
      const changed = await this.notifications.expireLeases(now, 500);
      if (changed.retried.length)
        await this.queue.enqueue(changed.retried.map((id) => deliverJob(id, `:l${now.getTime()}`)));
      retried += changed.retried.length;
      unknown += changed.unknown.length;
      if (changed.retried.length + changed.unknown.length < 500) return { retried, unknown };
    }
  }
}

/**
 * Periodic: queues deliveries left pending for a while: one whose job was never queued (a crash
 * between storing and queueing, the queue away) or one an admin sent again. The job key carries
 * the row's last change, so each such state is queued once however often this runs; a job that
 * finds the row already taken does nothing.
 */
export class RedeliverPending {
  /** Longer than a big fan-out keeps its deliveries waiting in the queue, so a backlog is not queued twice. */
  static readonly STALE_MS = 5 * 60_000;
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly staleMs = RedeliverPending.STALE_MS,
  ) {}
  async execute(): Promise<{ requeued: number }> {
    const rows = await this.notifications.pendingBefore(new Date(this.clock.now().getTime() - this.staleMs), 1000);
    if (rows.length)
      await this.queue.enqueue(rows.map((r) => deliverJob(r.notificationId, `:r${r.updatedAt.getTime()}`)));
    return { requeued: rows.length };
  }
}
