import { LIVE_STATUSES } from '../listings/listing.js';
import type {
  DeadLetter,
  Delivery,
  InboxEntry,
  Notification,
  NotificationKind,
  SkipReason,
} from '../notifications/notification.js';
import { closedEntryKey, deliveryKey, openEntryKey } from '../notifications/notification.js';
import type {
  ClaimedDelivery,
  DeliveryOutcome,
  DeliverySettings,
  ExpiringListing,
  InboxCursor,
  NotificationRepository,
  NotificationSources,
  SendOutcome,
  SubscriptionMessage,
  SubscriptionMessageSender,
} from '../notifications/ports.js';
import type { InMemoryStore } from './in-memory-store.js';

const newerFirst = (a: { t: number; id: string }, b: { t: number; id: string }) =>
  b.t - a.t || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The notification ports on maps, for unit tests and the embedded default's contract twin. */
export class InMemoryNotificationRepository implements NotificationRepository {
  private readonly byKey = new Map<string, string>();
  private readonly rows = new Map<string, Notification>();
  /** The inbox entry each notification is shown under (see `openEntryKey`). */
  private readonly entryOf = new Map<string, string>();
  private readonly deliveries = new Map<string, Delivery>();
  private readonly mutes = new Map<string, NotificationKind[]>();
  private readonly consents = new Map<string, number>();
  private readonly slots = new Map<string, number>();

  async record(notifications: readonly Notification[]): Promise<Notification[]> {
    const out: Notification[] = [];
    for (const n of notifications) {
      let id = this.byKey.get(n.key);
      if (!id) {
        id = n.id;
        this.byKey.set(n.key, id);
        this.entryOf.set(id, openEntryKey(n));
        this.rows.set(id, structuredClone(n));
        this.deliveries.set(id, {
          notificationId: id,
          key: deliveryKey(id),
          channel: 'qq',
          recipientId: n.recipientId,
          campusId: n.campusId,
          kind: n.kind,
          state: 'pending',
          reason: null,
          prepared: false,
          requested: false,
          attempts: 0,
          lastError: null,
          leaseUntil: null,
          updatedAt: n.createdAt,
        });
      }
      if (this.deliveries.get(id)?.state === 'pending' && !out.some((o) => o.id === id))
        out.push(structuredClone(this.rows.get(id)!));
    }
    return out;
  }
  async byId(id: string): Promise<Notification | null> {
    const n = this.rows.get(id);
    return n ? structuredClone(n) : null;
  }
  /** Every notice of a recipient, newest first, unfolded: for tests of who is told what. */
  async noticesOf(recipientId: string): Promise<Notification[]> {
    const key = (n: Notification) => ({ t: n.createdAt.getTime(), id: n.id });
    return [...this.rows.values()]
      .filter((n) => n.recipientId === recipientId)
      .sort((a, b) => newerFirst(key(a), key(b)))
      .map((n) => structuredClone(n));
  }
  private entries(recipientId: string): InboxEntry[] {
    const key = (n: Notification) => ({ t: n.createdAt.getTime(), id: n.id });
    const members = new Map<string, Notification[]>();
    for (const n of this.rows.values()) {
      if (n.recipientId !== recipientId) continue;
      const group = this.entryOf.get(n.id)!;
      members.set(group, [...(members.get(group) ?? []), n]);
    }
    return [...members.values()].map((notes) => {
      const newest = [...notes].sort((a, b) => newerFirst(key(a), key(b)))[0]!;
      const unread = notes.some((n) => n.readAt === null);
      return { ...structuredClone(newest), readAt: unread ? null : newest.readAt, count: notes.length };
    });
  }
  async inbox(recipientId: string, after: InboxCursor | null, limit: number): Promise<InboxEntry[]> {
    const key = (n: Notification) => ({ t: n.createdAt.getTime(), id: n.id });
    return this.entries(recipientId)
      .filter((n) => !after || newerFirst(key(n), { t: after.createdAt.getTime(), id: after.id }) > 0)
      .sort((a, b) => newerFirst(key(a), key(b)))
      .slice(0, limit);
  }
  async unreadCount(recipientId: string): Promise<number> {
    return this.entries(recipientId).filter((e) => e.readAt === null).length;
  }
  async markRead(recipientId: string, id: string, at: Date): Promise<boolean> {
    const n = this.rows.get(id);
    if (!n || n.recipientId !== recipientId) return false;
    this.readEntry(recipientId, this.entryOf.get(id)!, at);
    return true;
  }
  async markAllRead(recipientId: string, at: Date): Promise<number> {
    const unread = [...this.rows.values()].filter((n) => n.recipientId === recipientId && n.readAt === null);
    let count = 0;
    for (const entry of new Set(unread.map((n) => this.entryOf.get(n.id)!)))
      count += this.readEntry(recipientId, entry, at);
    return count;
  }
  /** Reads the unread notices of an entry, closing an open one under its newest notice. */
  private readEntry(recipientId: string, entry: string, at: Date): number {
    const key = (n: Notification) => ({ t: n.createdAt.getTime(), id: n.id });
    const unread = [...this.rows.values()]
      .filter((n) => n.recipientId === recipientId && n.readAt === null && this.entryOf.get(n.id) === entry)
      .sort((a, b) => newerFirst(key(a), key(b)));
    const closed = entry.startsWith('open:') && unread[0] ? closedEntryKey(unread[0].id) : entry;
    for (const n of unread) {
      this.rows.set(n.id, { ...n, readAt: new Date(at) });
      this.entryOf.set(n.id, closed);
    }
    return unread.length;
  }

  async delivery(notificationId: string): Promise<Delivery | null> {
    const d = this.deliveries.get(notificationId);
    return d ? structuredClone(d) : null;
  }
  private change(id: string, from: readonly Delivery['state'][], patch: Partial<Delivery>): boolean {
    const d = this.deliveries.get(id);
    if (!d || !from.includes(d.state)) return false;
    this.deliveries.set(id, { ...d, ...patch });
    return true;
  }
  async claim(notificationId: string, now: Date, leaseUntil: Date): Promise<boolean> {
    const d = this.deliveries.get(notificationId);
    return this.change(notificationId, ['pending'], {
      state: 'sending',
      leaseUntil: new Date(leaseUntil),
      updatedAt: new Date(now),
      attempts: (d?.attempts ?? 0) + 1,
    });
  }
  async markPrepared(notificationId: string): Promise<void> {
    this.change(notificationId, ['sending'], { prepared: true });
  }
  async markRequested(notificationId: string): Promise<void> {
    this.change(notificationId, ['sending'], { prepared: true, requested: true });
  }
  async finish(
    notificationId: string,
    state: 'sent' | 'skipped' | 'unknown',
    reason: SkipReason | null,
    now: Date,
  ): Promise<void> {
    this.change(notificationId, ['sending'], { state, reason, leaseUntil: null, updatedAt: new Date(now) });
  }
  async release(notificationId: string, error: string, now: Date): Promise<void> {
    this.change(notificationId, ['sending'], {
      state: 'pending',
      requested: false,
      lastError: error,
      leaseUntil: null,
      updatedAt: new Date(now),
    });
  }
  async markDead(notificationId: string, error: string, now: Date): Promise<boolean> {
    return this.change(notificationId, ['pending', 'sending'], {
      state: 'dead',
      lastError: error,
      leaseUntil: null,
      updatedAt: new Date(now),
    });
  }
  async expireLeases(now: Date, limit: number): Promise<{ retried: string[]; unknown: string[] }> {
    const lost = [...this.deliveries.values()]
      .filter((d) => d.state === 'sending' && d.leaseUntil !== null && d.leaseUntil.getTime() <= now.getTime())
      .slice(0, limit);
    const out = { retried: [] as string[], unknown: [] as string[] };
    for (const d of lost) {
      this.change(d.notificationId, ['sending'], {
        state: d.requested ? 'unknown' : 'pending',
        leaseUntil: null,
        updatedAt: new Date(now),
      });
      (d.requested ? out.unknown : out.retried).push(d.notificationId);
    }
    return out;
  }
  async deadLetters(q: {
    campusId?: string;
    before: { updatedAt: Date; id: string } | null;
    limit: number;
  }): Promise<DeadLetter[]> {
    const key = (d: Delivery) => ({ t: d.updatedAt.getTime(), id: d.notificationId });
    const before = q.before;
    return [...this.deliveries.values()]
      .filter(
        (d) => (d.state === 'dead' || d.state === 'unknown') && (q.campusId === undefined || d.campusId === q.campusId),
      )
      .filter((d) => !before || newerFirst(key(d), { t: before.updatedAt.getTime(), id: before.id }) > 0)
      .sort((a, b) => newerFirst(key(a), key(b)))
      .slice(0, q.limit)
      .map((d) => ({ delivery: structuredClone(d), notification: structuredClone(this.rows.get(d.notificationId)!) }));
  }
  async pendingBefore(before: Date, limit: number): Promise<{ notificationId: string; updatedAt: Date }[]> {
    return [...this.deliveries.values()]
      .filter((d) => d.state === 'pending' && d.updatedAt.getTime() <= before.getTime())
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || (a.notificationId < b.notificationId ? -1 : 1))
      .slice(0, limit)
      .map((d) => ({ notificationId: d.notificationId, updatedAt: new Date(d.updatedAt) }));
  }
  async requeue(notificationId: string, now: Date): Promise<boolean> {
    return this.change(notificationId, ['dead', 'unknown'], {
      state: 'pending',
      reason: null,
      leaseUntil: null,
      updatedAt: new Date(now),
    });
  }

  async claimMany(ids: readonly string[], now: Date, leaseUntil: Date): Promise<ClaimedDelivery[]> {
    const out: ClaimedDelivery[] = [];
    for (const id of new Set(ids))
      if (await this.claim(id, now, leaseUntil))
        out.push({
          notification: structuredClone(this.rows.get(id)!),
          delivery: structuredClone(this.deliveries.get(id)!),
        });
    return out;
  }
  async renewLeases(ids: readonly string[], heldUntil: Date, leaseUntil: Date): Promise<string[]> {
    const held = (id: string) => this.deliveries.get(id)?.leaseUntil?.getTime() === heldUntil.getTime();
    return [...new Set(ids)].filter(
      (id) => held(id) && this.change(id, ['sending'], { leaseUntil: new Date(leaseUntil) }),
    );
  }
  async markPreparedMany(ids: readonly string[]): Promise<void> {
    for (const id of ids) await this.markPrepared(id);
  }
  async markRequestedMany(ids: readonly string[]): Promise<void> {
    for (const id of ids) await this.markRequested(id);
  }
  async finishMany(outcomes: readonly DeliveryOutcome[], now: Date): Promise<void> {
    for (const o of outcomes) await this.finish(o.notificationId, o.state, o.reason, now);
  }
  async deliverySettings(userIds: readonly string[]): Promise<Map<string, DeliverySettings>> {
    const out = new Map<string, DeliverySettings>();
    for (const id of new Set(userIds)) {
      const [muted, balances] = [await this.mutedKinds(id), await this.consentBalances(id)];
      if (muted.length || Object.keys(balances).length) out.set(id, { muted, balances });
    }
    return out;
  }
  async spendConsents(userIds: readonly string[], kind: NotificationKind, now: Date): Promise<string[]> {
    const out: string[] = [];
    for (const id of new Set(userIds)) if (await this.spendConsent(id, kind, now)) out.push(id);
    return out;
  }

  async mutedKinds(userId: string): Promise<NotificationKind[]> {
    return [...(this.mutes.get(userId) ?? [])];
  }
  async setMutedKinds(userId: string, kinds: readonly NotificationKind[]): Promise<void> {
    this.mutes.set(userId, [...new Set(kinds)].sort());
  }

  async grantConsents(userId: string, kind: NotificationKind, count: number, cap: number, _now?: Date): Promise<void> {
    const key = `${userId}|${kind}`;
    this.consents.set(key, Math.min(cap, (this.consents.get(key) ?? 0) + count));
  }
  async spendConsent(userId: string, kind: NotificationKind, _now?: Date): Promise<boolean> {
    const key = `${userId}|${kind}`;
    const left = this.consents.get(key) ?? 0;
    if (left <= 0) return false;
    this.consents.set(key, left - 1);
    return true;
  }
  async revokeConsents(userId: string, kind: NotificationKind, _now?: Date): Promise<void> {
    if (this.consents.has(`${userId}|${kind}`)) this.consents.set(`${userId}|${kind}`, 0);
  }
  async consentBalances(userId: string): Promise<Partial<Record<NotificationKind, number>>> {
    const out: Partial<Record<NotificationKind, number>> = {};
    for (const [key, n] of this.consents) {
      const [user, kind] = key.split('|') as [string, NotificationKind];
      if (user === userId) out[kind] = n;
    }
    return out;
  }

  async takeQqSlot(userId: string, listingId: string, now: Date, windowMs: number): Promise<boolean> {
    const key = `${userId}|${listingId}`;
    const last = this.slots.get(key);
    if (last !== undefined && last > now.getTime() - windowMs) return false;
    this.slots.set(key, now.getTime());
    return true;
  }
}

/** Reads favorites and listings from the in-memory persistence store. */
export class InMemoryNotificationSources implements NotificationSources {
  constructor(private readonly store: InMemoryStore) {}
  async favoritersOf(listingId: string, afterUserId: string | null, limit: number): Promise<string[]> {
    return [...this.store.tables.favorites.values()]
      .filter((f) => f.listingId === listingId && (afterUserId === null || f.userId > afterUserId))
      .map((f) => f.userId)
      .sort()
      .slice(0, limit);
  }
  async expiringBetween(
    from: Date,
    to: Date,
    after: { expiresAt: Date; id: string } | null,
    limit: number,
  ): Promise<ExpiringListing[]> {
    const pos = (t: number, id: string) => (a: { t: number; id: string }) =>
      a.t - t || (a.id < id ? -1 : a.id > id ? 1 : 0);
    return [...this.store.tables.listings.values()]
      .filter(
        (l) =>
          LIVE_STATUSES.includes(l.status) &&
          l.expiresAt.getTime() > from.getTime() &&
          l.expiresAt.getTime() <= to.getTime(),
      )
      .filter((l) => !after || pos(after.expiresAt.getTime(), after.id)({ t: l.expiresAt.getTime(), id: l.id }) > 0)
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map((l) => ({
        id: l.id,
        campusId: l.campusId,
        ownerId: l.ownerId,
        title: l.title,
        expiresAt: new Date(l.expiresAt),
      }));
  }
}

/**
 * A sender that keeps what it was asked to send, answering from a script (then 'sent'). The demo
 * platform uses it too: messages go to the log, never the network.
 */
export class RecordingSubscriptionSender implements SubscriptionMessageSender {
  readonly sent: SubscriptionMessage[] = [];
  private readonly script: (SendOutcome | Error)[] = [];
  constructor(
    private readonly kinds: readonly NotificationKind[] | 'all' = 'all',
    private readonly onSend?: (m: SubscriptionMessage) => void,
  ) {}
  supports(kind: NotificationKind): boolean {
    return this.kinds === 'all' || this.kinds.includes(kind);
  }
  /** The next sends answer these, in order. */
  answer(...outcomes: (SendOutcome | Error)[]): this {
    this.script.push(...outcomes);
    return this;
  }
  async send(message: SubscriptionMessage): Promise<SendOutcome> {
    const next = this.script.shift() ?? 'sent';
    if (next instanceof Error) throw next;
    if (next === 'sent') {
      this.sent.push(structuredClone(message));
      this.onSend?.(message);
    }
    return next;
  }
}
