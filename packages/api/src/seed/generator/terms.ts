// The terms of a generated listing: its condition, its price as people set it, and how it is traded.
import type { Condition, TradeMethod } from './generated-listing.js';
import type { Rng } from './rng.js';

export const CONDITIONS: readonly Condition[] = ['new', 'like_new', 'lightly_used', 'heavily_used'];

/** cumulative probabilities over CONDITIONS */
export const COND_CDF_NORMAL = [0.08, 0.38, 0.8, 1];
export const COND_CDF_FRESH = [0.75, 1, 1, 1];
export const COND_CDF_BOOK = [0.08, 0.45, 0.83, 1];

/** position inside the product's [min, max] price range (log scale) per condition */
export const COND_PRICE_SPAN: readonly (readonly [number, number])[] = [
  [0.75, 1],
  [0.5, 0.95],
  [0.25, 0.75],
  [0, 0.4],
];
/** fraction of the book's list price per condition */
export const BOOK_PRICE_SPAN: readonly (readonly [number, number])[] = [
  [0.55, 0.75],
  [0.4, 0.6],
  [0.3, 0.5],
  [0.2, 0.36],
];

export function pickCondition(rng: Rng, cdf: readonly number[]): number {
  const r = rng.next();
  let i = 0;
  while (i < 3 && r >= (cdf[i] as number)) i++;
  return i;
}

/** round a yuan amount to the kind of number people actually type */
export function niceYuan(rng: Rng, y: number): number {
  const r = rng.next();
  if (y < 10) return r < 0.2 ? Math.max(1, Math.round(y * 2) / 2) : Math.max(1, Math.round(y));
  if (y < 30) return r < 0.5 ? Math.round(y / 5) * 5 || 5 : Math.round(y);
  if (y < 100) return r < 0.55 ? Math.round(y / 5) * 5 : r < 0.75 ? Math.round(y / 10) * 10 - 1 : Math.round(y);
  if (y < 300) return r < 0.5 ? Math.round(y / 10) * 10 : r < 0.8 ? Math.round(y / 10) * 10 - 1 : Math.round(y / 5) * 5;
  if (y < 1000)
    return r < 0.5 ? Math.round(y / 50) * 50 : r < 0.8 ? Math.round(y / 10) * 10 : Math.round(y / 100) * 100 - 1;
  if (y < 3000)
    return r < 0.5 ? Math.round(y / 100) * 100 : r < 0.8 ? Math.round(y / 50) * 50 : Math.round(y / 100) * 100 - 1;
  return r < 0.6 ? Math.round(y / 100) * 100 : r < 0.85 ? Math.round(y / 500) * 500 : Math.round(y / 100) * 100 - 1;
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** price in yuan: log-uniform position `u` inside [min, max], rounded nicely, kept inside the range */
export function priceIn(rng: Rng, min: number, max: number, u: number): number {
  return clamp(niceYuan(rng, min * Math.pow(max / min, u)), min, max);
}

export function originalFor(rng: Rng, priceFen: number): number | null {
  const yuan = priceFen / 100;
  const orig = Math.round(niceYuan(rng, yuan * (1.25 + rng.next() * 1.6)) * 100);
  return orig >= priceFen * 1.2 && orig <= priceFen * 3 ? orig : null;
}

export function pickTradeMethods(rng: Rng, ship: boolean): TradeMethod[] {
  const f2f = rng.next() < 0.9;
  const delivery = rng.next() < 0.2;
  const express = ship && rng.next() < 0.25;
  const out: TradeMethod[] = [];
  if (f2f || (!delivery && !express)) out.push('face_to_face');
  if (delivery) out.push('delivery');
  if (express) out.push('express');
  return out;
}
