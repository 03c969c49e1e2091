import { DAY_MS } from '../shared/clock.js';
import { pairWeight, popularityWeight, type CandidateListing, type Neighbour, type Popularity } from './ports.js';

const HAN = /\p{Script=Han}/u;

/**
 * Title tokens for overlap: Chinese character bigrams (single characters for one-character runs) and
 * Latin words and numbers in lower case. Pure and cheap, so hundreds of candidates can be compared
 * per request; the search index's pinyin tokens add nothing when both sides are Chinese titles.
 */
export function titleTokens(title: string): Set<string> {
  const out = new Set<string>();
  let run = '';
  const flushHan = () => {
    if (run.length === 1) out.add(run);
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
    run = '';
  };
  let word = '';
  const flushWord = () => {
    if (word.length >= 2 || /\d/.test(word)) out.add(word);
    word = '';
  };
  for (const ch of title.toLowerCase()) {
    if (HAN.test(ch)) {
      flushWord();
      run += ch;
    } else if (/[a-z0-9]/.test(ch)) {
      flushHan();
      word += ch;
    } else {
      flushHan();
      flushWord();
    }
  }
  flushHan();
  flushWord();
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const t of a) if (b.has(t)) both++;
  return both / (a.size + b.size - both);
}

/** 1 for the same price, about 0.5 for a factor of two apart; prices under ¥1 count as ¥1. 面议 is neutral. */
export function priceCloseness(a: number | null, b: number | null): number {
  if (a === null || b === null) return 0.5;
  const ratio = Math.abs(Math.log(Math.max(a, 100) / Math.max(b, 100)));
  return Math.exp(-ratio);
}

/** Same leaf category 1, same 一级标签 only 0.4, otherwise 0. */
export function categoryCloseness(a: CandidateListing, b: CandidateListing): number {
  if (a.categoryId === b.categoryId) return 1;
  return a.rootCategoryId === b.rootCategoryId ? 0.4 : 0;
}

/** Between 0.6 (months old) and 1 (just listed or renewed), measured at the ranking's reference time. */
export function freshness(l: CandidateListing, asOf: Date): number {
  const ageDays = Math.max(0, (asOf.getTime() - l.listedAt.getTime()) / DAY_MS);
  return 0.6 + 0.4 / (1 + ageDays / 14);
}

/** Titles are tokenised once per listing per ranking, not once per pair. */
export class TokenCache {
  private readonly cache = new Map<string, Set<string>>();
  of(l: CandidateListing): Set<string> {
    let t = this.cache.get(l.id);
    if (!t) this.cache.set(l.id, (t = titleTokens(l.title)));
    return t;
  }
}

/** Content similarity in [0, 1]: category path, title overlap, price closeness. */
export function contentSimilarity(a: CandidateListing, b: CandidateListing, tokens: TokenCache): number {
  const cat = categoryCloseness(a, b);
  const title = jaccard(tokens.of(a), tokens.of(b));
  // Price only means something between comparable things.
  const price = cat > 0 ? priceCloseness(a.price, b.price) : 0;
  return 0.45 * cat + 0.35 * title + 0.2 * price;
}

/**
 * Co-occurrence normalised by both listings' popularity (a cosine over students): a pair seen
 * together by the same few students counts more than two bestsellers everybody opens.
 */
export function coOccurrence(n: Neighbour, a: Popularity | undefined, b: Popularity | undefined): number {
  const w = pairWeight(n);
  if (w <= 0) return 0;
  const denominator = Math.sqrt(Math.max(1, popularityWeight(a)) * Math.max(1, popularityWeight(b)));
  return Math.min(1, w / denominator);
}
