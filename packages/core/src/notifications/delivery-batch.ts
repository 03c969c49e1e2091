import type { User } from '../identity/user.js';
import type { UserRepository } from '../identity/ports.js';
import { RetryJobLater } from '../shared/jobs.js';
import type { Clock } from '../shared/clock.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { isInboxOnly, messageFor, type NotificationKind, type SkipReason } from './notification.js';
import {
  SendOutcomeUnknown,
  type ClaimedDelivery,
  type DeliveryOutcome,
  type NotificationRepository,
  type SubscriptionMessageSender,
} from './ports.js';

export interface DeliveryPolicy {
  /**
   * How long a claim is presumed alive; a sending row whose lease ran out goes back to pending, or is
   * declared unknown once its request had left. A batch renews the lease of its unsent rows before each
   * wave, so the lease must comfortably outlast one wave: a send's timeout (the API's config checks it).
   */
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

export interface DeliverNotificationsDeps {
  readonly notifications: NotificationRepository;
  readonly users: UserRepository;
  readonly sender: SubscriptionMessageSender;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  /** Defaults to `DEFAULT_DELIVERY_POLICY`. */
  readonly policy?: DeliveryPolicy;
  /**
   * Requests in flight at once (default 1). Marked requested a wave at a time and settled before the
   * next wave, so a crash leaves at most this many deliveries `unknown` per running batch.
   */
  readonly wave?: number;
}

const idsOf = (rows: readonly { c: ClaimedDelivery }[]) => rows.map(({ c }) => c.notification.id);

export function describeError(e: unknown): string {
  return (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 500);
}

/**
 * Sends a batch of notifications as QQ subscription messages, each at most once, with the state
 * machine of one delivery row unchanged: claim (pending → sending), gate and `prepared` in one unit of
 * work, `requested` just before the request leaves, then sent, skipped or unknown. Only the writes
 * are grouped: one claim for the batch, one prepared mark, and per wave one requested mark and one
 * settlement. A send that fails with an answer gives its row back (pending) and, once the others are
 * settled, the job throws so the queue retries it; the rows already settled are then not pending.
 */
export class DeliverNotifications {
  private readonly deps: Required<DeliverNotificationsDeps>;

  constructor({ policy = DEFAULT_DELIVERY_POLICY, wave = 1, ...deps }: DeliverNotificationsDeps) {
    this.deps = { ...deps, policy, wave: Math.max(1, wave) };
  }

  async execute(input: { notificationIds: readonly string[] }): Promise<Map<string, DeliveryResult>> {
    const { notifications: repo, clock } = this.deps;
    const results = new Map<string, DeliveryResult>(input.notificationIds.map((id) => [id, 'not_pending']));
    const now = clock.now();
    const leaseUntil = new Date(now.getTime() + this.deps.policy.leaseMs);
    const claimed = await repo.claimMany(input.notificationIds, now, leaseUntil);
    if (claimed.length === 0) return results;
    // Read before the unit of work below, not inside it: on a one-connection database a read
    // waiting behind the open transaction would never finish.
    const users = new Map(
      (await this.deps.users.byIds([...new Set(claimed.map((c) => c.notification.recipientId))])).map((u) => [u.id, u]),
    );
    const skipped: DeliveryOutcome[] = [];
    const skip = (id: string, reason: SkipReason) => {
      skipped.push({ notificationId: id, state: 'skipped', reason });
      results.set(id, `skipped:${reason}`);
    };
    const toGate: ClaimedDelivery[] = [];
    const ready: ClaimedDelivery[] = [];
    for (const c of claimed) {
      // A banned user cannot open what a message links to; checked before the gate, so no consent is spent.
      if (users.get(c.notification.recipientId)?.banned) skip(c.notification.id, 'banned');
      else (c.delivery.prepared ? ready : toGate).push(c);
    }
    if (toGate.length) {
      // The consents spent, the throttle slots taken and the prepared marks commit together: a worker
      // that dies halfway leaves none of them, and the next attempt passes the gate afresh.
      const refused = await this.deps.uow.run(() => this.gate(toGate, now));
      for (const c of toGate) {
        const reason = refused.get(c.notification.id);
        if (reason) skip(c.notification.id, reason);
        else ready.push(c);
      }
    }
    const sendable: { c: ClaimedDelivery; user: User }[] = [];
    for (const c of ready) {
      const user = users.get(c.notification.recipientId);
      if (user) sendable.push({ c, user });
      else skip(c.notification.id, 'no_recipient');
    }
    if (skipped.length) await repo.finishMany(skipped, now);
    const failures = await this.sendInWaves(sendable, results, leaseUntil);
    if (failures.length) throw failures.find((e) => e instanceof RetryJobLater) ?? failures[0];
    return results;
  }

  private async sendInWaves(
    sendable: readonly { c: ClaimedDelivery; user: User }[],
    results: Map<string, DeliveryResult>,
    claimedUntil: Date,
  ): Promise<unknown[]> {
    const { notifications: repo, clock } = this.deps;
    const { leaseMs } = this.deps.policy;
    const failures: unknown[] = [];
    let held = claimedUntil;
    const lost = new Set<string>();
    for (let i = 0; i < sendable.length; i += this.deps.wave) {
      let wave = sendable.slice(i, i + this.deps.wave);
      if (failures.some((e) => e instanceof RetryJobLater)) {
        // The platform asked us to slow down: the rest of the batch goes back, untouched, for the retry.
        for (const { c } of wave)
          if (!lost.has(c.notification.id))
            await repo.release(c.notification.id, 'not attempted: QQ asked to retry later', clock.now());
        continue;
      }
      if (i > 0 && held.getTime() - clock.now().getTime() < leaseMs / 2) {
        // Before a wave that starts with less than half the lease left, the rows still to send are leased
        // again: a live worker keeps a batch however long it takes. Half a lease outlasts a wave (the API's
        // config holds the lease to at least twice a send's timeout), and a batch of fast sends renews
        // nothing (each renewal is a transaction: renewing every wave cost a quarter of the throughput).
        // Rows the sweep took back meanwhile (this process stalled past the lease: the clock read here is
        // after the stall) are someone else's now: sending them could message a student twice.
        const renewed = new Date(clock.now().getTime() + leaseMs);
        const rest = idsOf(sendable.slice(i)).filter((id) => !lost.has(id));
        const ours = new Set(await repo.renewLeases(rest, held, renewed));
        for (const id of rest) if (!ours.has(id)) lost.add(id);
        held = renewed;
      }
      wave = wave.filter(({ c }) => !lost.has(c.notification.id));
      if (wave.length === 0) continue;
      await repo.markRequestedMany(idsOf(wave));
      const settled: DeliveryOutcome[] = [];
      await Promise.all(
        wave.map(async ({ c, user }) => {
          const n = c.notification;
          const { page, fields } = messageFor(n);
          try {
            const outcome = await this.deps.sender.send({ openId: user.qqOpenId, kind: n.kind, page, fields });
            if (outcome === 'consent_revoked') await repo.revokeConsents(n.recipientId, n.kind, clock.now());
            const reason: SkipReason | null =
              outcome === 'sent' ? null : outcome === 'consent_revoked' ? 'consent_revoked' : 'quota';
            settled.push({ notificationId: n.id, state: reason ? 'skipped' : 'sent', reason });
            results.set(n.id, reason ? `skipped:${reason}` : 'sent');
          } catch (e) {
            if (e instanceof SendOutcomeUnknown) {
              settled.push({ notificationId: n.id, state: 'unknown', reason: null });
              results.set(n.id, 'unknown');
              return;
            }
            // The platform answered with an error (RetryJobLater included), so nothing was sent: give
            // the row back for the retry.
            await repo.release(n.id, describeError(e), clock.now());
            failures.push(e);
          }
        }),
      );
      if (settled.length) await repo.finishMany(settled, clock.now());
    }
    return failures;
  }

  /** Mute, template, rate limit, consent: in that order, so a refused message never spends a consent. */
  private async gate(rows: readonly ClaimedDelivery[], now: Date): Promise<Map<string, SkipReason>> {
    const repo = this.deps.notifications;
    const refused = new Map<string, SkipReason>();
    const settings = await repo.deliverySettings([...new Set(rows.map((c) => c.notification.recipientId))]);
    const wanting = new Map<NotificationKind, ClaimedDelivery[]>();
    for (const c of rows) {
      const { id, recipientId, kind, listingId } = c.notification;
      const s = settings.get(recipientId);
      let reason: SkipReason | null = null;
      if (isInboxOnly(kind)) reason = 'no_template';
      else if (s?.muted.includes(kind)) reason = 'muted';
      else if (!this.deps.sender.supports(kind)) reason = 'no_template';
      else if ((s?.balances[kind] ?? 0) <= 0) reason = 'no_consent';
      else if (
        listingId &&
        this.deps.policy.throttledKinds.includes(kind) &&
        !(await repo.takeQqSlot(recipientId, listingId, now, this.deps.policy.throttleMs))
      )
        reason = 'rate_limited';
      if (reason) refused.set(id, reason);
      else wanting.set(kind, [...(wanting.get(kind) ?? []), c]);
    }
    const passed: string[] = [];
    for (const [kind, group] of wanting) {
      // One consent per message: a user's first message of the batch in one statement, any further one alone.
      const seen = new Set<string>();
      const firsts = new Set(
        group.filter((c) => !seen.has(c.notification.recipientId) && seen.add(c.notification.recipientId)),
      );
      const charged = new Set(
        await repo.spendConsents(
          [...firsts].map((c) => c.notification.recipientId),
          kind,
          now,
        ),
      );
      for (const c of group) {
        const ok = firsts.has(c)
          ? charged.has(c.notification.recipientId)
          : await repo.spendConsent(c.notification.recipientId, kind, now);
        if (ok) passed.push(c.notification.id);
        else refused.set(c.notification.id, 'no_consent');
      }
    }
    if (passed.length) await repo.markPreparedMany(passed);
    return refused;
  }
}
