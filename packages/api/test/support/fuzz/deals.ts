import { expect } from 'vitest';
import { call } from '../http.js';
import type { Stack } from '../stack.js';

/** Real offers, trades and ratings for the fuzzer to aim at. */
export interface Deals {
  readonly offers: string[];
  readonly trades: string[];
  readonly ratings: string[];
}

/**
 * Made through the API on three of alice's listings: bob's open offer; dave's offer, accepted (a trade under
 * way); and bob's offer, accepted, confirmed by both and rated by both (a completed trade and two ratings
 * shown, so the rating reply route has a real target).
 */
export async function makeDeals(s: Stack, listingIds: readonly [string, string, string]): Promise<Deals> {
  const ok = async (method: 'POST', url: string, who: 'alice' | 'bob' | 'dave', payload: object) => {
    const r = await call(s.app, { method, url, headers: s.auth(who), payload });
    expect(r.status, `${url}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    return r.body as Record<string, unknown>;
  };
  const [open, agreed, done] = listingIds;
  const openOffer = await ok('POST', `/v1/listings/${open}/offers`, 'bob', { priceFen: 4_000, note: '能便宜吗' });
  const daveOffer = await ok('POST', `/v1/listings/${agreed}/offers`, 'dave', { priceFen: 5_000 });
  const underWay = await ok('POST', `/v1/offers/${String(daveOffer['id'])}/accept`, 'alice', {});
  const bobOffer = await ok('POST', `/v1/listings/${done}/offers`, 'bob', { priceFen: 6_000 });
  const accepted = await ok('POST', `/v1/offers/${String(bobOffer['id'])}/accept`, 'alice', {});
  const tradeId = String((accepted['trade'] as { id: string }).id);
  await ok('POST', `/v1/trades/${tradeId}/confirm`, 'alice', {});
  await ok('POST', `/v1/trades/${tradeId}/confirm`, 'bob', {});
  const fromBob = await ok('POST', `/v1/trades/${tradeId}/rating`, 'bob', { score: 'good', text: '很好' });
  const fromAlice = await ok('POST', `/v1/trades/${tradeId}/rating`, 'alice', { score: 'good' });
  return {
    offers: [String(openOffer['id']), String(daveOffer['id']), String(bobOffer['id'])],
    trades: [String((underWay['trade'] as { id: string }).id), tradeId],
    ratings: [String(fromBob['id']), String(fromAlice['id'])],
  };
}
