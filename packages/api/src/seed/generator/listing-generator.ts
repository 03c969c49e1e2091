/**
 * Deterministic generator of realistic Chinese campus second-hand listings.
 *
 * - Pure TS, no dependencies; vocabulary lives in ./vocabulary.ts and is
 *   compiled once at module load (./compiled-vocabulary.ts); each kind of
 *   listing is built by its own module (item-, book-, wanted-listing.ts).
 * - Streaming: `generateListings` yields one listing at a time and never keeps
 *   earlier listings alive, so it can produce millions of rows in O(1) memory.
 * - Deterministic: a seeded sfc32 PRNG drives every choice (no Math.random).
 */
import { makeBook } from './book-listing.js';
import type { GeneratedListing, Kind } from './generated-listing.js';
import { makeItem } from './item-listing.js';
import { Rng } from './rng.js';
import { makeWanted } from './wanted-listing.js';

export { DEFAULT_CATEGORY_TREE, type CategoryNode } from './compiled-vocabulary.js';
export type { Condition, GeneratedBook, GeneratedListing, Kind, TradeMethod } from './generated-listing.js';
export { isbn13CheckDigit, isValidIsbn13 } from './isbn.js';

export interface GeneratorOptions {
  seed: number;
  areaCount: number;
}

/** target kind mix */
export const KIND_SHARES: Readonly<Record<Kind, number>> = Object.freeze({ item: 0.65, book: 0.2, wanted: 0.15 });

function* run(count: number, seed: number, areaCount: number): Generator<GeneratedListing> {
  const rng = new Rng(seed);
  const itemCut = KIND_SHARES.item;
  const bookCut = KIND_SHARES.item + KIND_SHARES.book;
  for (let i = 0; i < count; i++) {
    const r = rng.next();
    yield r < itemCut ? makeItem(rng, areaCount) : r < bookCut ? makeBook(rng, areaCount) : makeWanted(rng, areaCount);
  }
}

/**
 * Lazily generate `count` listings. The same (count, seed, areaCount) always
 * yields the same sequence, and a longer run starts with the shorter one.
 * Arguments are validated eagerly (at call time, not on first `next()`).
 */
export function generateListings(count: number, options: GeneratorOptions): Generator<GeneratedListing> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  if (!Number.isFinite(options.seed)) throw new RangeError(`seed must be a finite number, got ${options.seed}`);
  if (!Number.isInteger(options.areaCount) || options.areaCount < 1) {
    throw new RangeError(`areaCount must be a positive integer, got ${options.areaCount}`);
  }
  return run(count, options.seed, options.areaCount);
}
