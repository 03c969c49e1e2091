import { decide, type RateDecision, type RateLimiter, type RateRule } from '../shared/rate-limit.js';
import type { InMemoryStore } from './in-memory-store.js';

export class InMemoryRateLimiter implements RateLimiter {
  constructor(private readonly store: InMemoryStore) {}
  private inWindow(key: string, rule: RateRule, now: Date): Date[] {
    const from = now.getTime() - rule.windowMs;
    return (this.store.tables.rateHits.get(key) ?? []).filter(
      (t) => t.getTime() > from && t.getTime() <= now.getTime(),
    );
  }
  async check(key: string, rule: RateRule, now: Date): Promise<RateDecision> {
    return decide(this.inWindow(key, rule, now), rule);
  }
  async hit(key: string, rule: RateRule, now: Date): Promise<RateDecision> {
    const times = [...this.inWindow(key, rule, now), new Date(now)];
    this.store.tables.rateHits.set(key, times);
    return decide(times, rule);
  }
  async reset(key: string): Promise<void> {
    this.store.tables.rateHits.delete(key);
  }
  async prune(before: Date): Promise<number> {
    let removed = 0;
    for (const [key, times] of this.store.tables.rateHits) {
      const kept = times.filter((t) => t.getTime() >= before.getTime());
      removed += times.length - kept.length;
      if (kept.length === 0) this.store.tables.rateHits.delete(key);
      else this.store.tables.rateHits.set(key, kept);
    }
    return removed;
  }
}
