import { decide, type RateDecision, type RateLimiter, type RateRule } from '@xianzhi/core';
import type { OrmContext } from './context.js';
import { RateHitRow } from './schemas.js';

export class MikroOrmRateLimiter implements RateLimiter {
  constructor(private readonly ctx: OrmContext) {}

  private async inWindow(key: string, rule: RateRule, now: Date): Promise<Date[]> {
    const from = new Date(now.getTime() - rule.windowMs);
    const rows = await this.ctx
      .em()
      .find(RateHitRow, { key, at: { $gt: from, $lte: now } }, { orderBy: [{ at: 'asc' }, { seq: 'asc' }] });
    return rows.map((r) => r.at);
  }

  check(key: string, rule: RateRule, now: Date): Promise<RateDecision> {
    return this.inWindow(key, rule, now).then((times) => decide(times, rule));
  }

  async hit(key: string, rule: RateRule, now: Date): Promise<RateDecision> {
    const em = this.ctx.em();
    // Rows older than the window never count again; pruning on write keeps each key's log short.
    await em.nativeDelete(RateHitRow, { key, at: { $lte: new Date(now.getTime() - rule.windowMs) } });
    await em.insert(RateHitRow, { key, at: now } as RateHitRow);
    return decide(await this.inWindow(key, rule, now), rule);
  }

  async reset(key: string): Promise<void> {
    await this.ctx.em().nativeDelete(RateHitRow, { key });
  }

  prune(before: Date): Promise<number> {
    return this.ctx.em().nativeDelete(RateHitRow, { at: { $lt: before } });
  }
}
