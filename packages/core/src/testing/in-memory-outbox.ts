import type { DomainEvent, Outbox } from '../shared/events.js';
import type { InMemoryStore } from './in-memory-store.js';

export class InMemoryOutbox implements Outbox {
  constructor(private readonly store: InMemoryStore) {}
  async append(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      this.store.tables.outbox.set(event.id, {
        event: structuredClone(event),
        publishedAt: null,
        seq: this.store.nextSeq(),
      });
    }
  }
  async unpublished(limit: number): Promise<DomainEvent[]> {
    return [...this.store.tables.outbox.values()]
      .filter((r) => r.publishedAt === null)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map((r) => structuredClone(r.event));
  }
  async markPublished(eventIds: readonly string[], at: Date): Promise<void> {
    for (const id of eventIds) {
      const r = this.store.tables.outbox.get(id);
      if (r) this.store.tables.outbox.set(id, { ...r, publishedAt: at });
    }
  }
  async claim(claim: string, limit: number, now: Date, leaseMs: number): Promise<DomainEvent[]> {
    const free = [...this.store.tables.outbox.values()]
      .filter((r) => r.publishedAt === null && (!r.claimedUntil || r.claimedUntil < now))
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
    for (const r of free)
      this.store.tables.outbox.set(r.event.id, { ...r, claim, claimedUntil: new Date(now.getTime() + leaseMs) });
    return free.map((r) => structuredClone(r.event));
  }
  async release(claim: string): Promise<void> {
    for (const [id, r] of this.store.tables.outbox) {
      if (r.claim === claim && r.publishedAt === null)
        this.store.tables.outbox.set(id, { ...r, claim: null, claimedUntil: null });
    }
  }
  async unpublishRecent(windowMs: number): Promise<number> {
    const times = [...this.store.tables.outbox.values()].flatMap((r) =>
      r.publishedAt ? [r.publishedAt.getTime()] : [],
    );
    if (times.length === 0) return 0;
    const from = Math.max(...times) - windowMs;
    let count = 0;
    for (const [id, r] of this.store.tables.outbox) {
      if (r.publishedAt && r.publishedAt.getTime() >= from) {
        this.store.tables.outbox.set(id, { ...r, publishedAt: null, claim: null, claimedUntil: null });
        count += 1;
      }
    }
    return count;
  }
}
