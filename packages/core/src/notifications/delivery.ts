import type { JobQueue } from '../shared/jobs.js';
import { deliverJob } from './notify.js';
import type { Clock } from '../shared/clock.js';
import type { NotificationRepository } from './ports.js';
import {
  DeliverNotifications,
  describeError,
  type DeliverNotificationsDeps,
  type DeliveryResult,
} from './delivery-batch.js';

export {
  DEFAULT_DELIVERY_POLICY,
  DeliverNotifications,
  type DeliveryPolicy,
  type DeliveryResult,
  type DeliverNotificationsDeps,
} from './delivery-batch.js';

export type DeliverNotificationDeps = Omit<DeliverNotificationsDeps, 'wave'>;

/**
 * Sends one notification as a QQ subscription message, at most once: a batch of one. The delivery
 * row is claimed (pending → sending) before the call and settled after it, so a retried job or a
 * second worker finds it taken and does nothing. A worker that dies in between leaves `sending`;
 * when the lease runs out the row goes back to pending if its request had not started, and becomes
 * `unknown` if it had: whether QQ got that message cannot be known, and a second push is worse than
 * an inbox-only notice, so it waits for an admin among the dead letters.
 */
export class DeliverNotification {
  private readonly batch: DeliverNotifications;

  constructor(deps: DeliverNotificationDeps) {
    this.batch = new DeliverNotifications(deps);
  }

  async execute(input: { notificationId: string }): Promise<DeliveryResult> {
    const results = await this.batch.execute({ notificationIds: [input.notificationId] });
    return results.get(input.notificationId) ?? 'not_pending';
  }
}

/** A delivery whose job ran out of attempts becomes a dead letter. */
export class BuryDelivery {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
  ) {}
  async execute(input: { notificationId: string; error: unknown }): Promise<boolean> {
    return this.notifications.markDead(input.notificationId, describeError(input.error), this.clock.now());
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
