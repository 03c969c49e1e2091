import { DAY_MS } from '../shared/clock.js';
import type { Fen } from '../shared/money.js';
import type { Listing } from './listing.js';
import type { SearchHitQuery } from './ports.js';
import type { Posting, QueryTerm, SearchField, SearchFilters, SearchSort } from './search.js';
import { isSearchable, minCoveredTerms, passesSearchFilters, type SearchableFields } from './search-match.js';
import { addSynonymScores } from './synonym-expansion.js';

const FIELD_WEIGHT: Record<SearchField, number> = { isbn: 5, title: 3, category: 2, description: 1 };

/** A listing the postings name, scored from the postings alone (match and freshness). */
export interface Candidate {
  readonly id: string;
  readonly score: number;
  readonly listedAt: Date;
  readonly matched: ReadonlySet<string>;
  /** Known once the listing itself was read (price sorts need it). */
  readonly price?: Fen | null;
}

/**
 * Per listing, per term: the best (alternative weight × field weight) it reached; the sum is scaled by the
 * share of terms covered, and listings covering fewer than half the terms are dropped. Freshness (from the
 * postings' `listedAt`) breaks near-ties; it never lifts a weak match over a title match.
 */
export function scoreCandidates(terms: readonly QueryTerm[], postings: readonly Posting[], now: Date): Candidate[] {
  const byToken = new Map<string, Posting[]>();
  for (const p of postings) {
    const list = byToken.get(p.token);
    if (list) list.push(p);
    else byToken.set(p.token, [p]);
  }
  const perListing = new Map<string, { scores: number[]; matched: Set<string>; listedAt: Date }>();
  terms.forEach((term, i) => {
    for (const alt of term.alternatives) {
      for (const p of byToken.get(alt.token) ?? []) {
        let entry = perListing.get(p.listingId);
        if (!entry)
          perListing.set(
            p.listingId,
            (entry = { scores: new Array<number>(terms.length).fill(0), matched: new Set(), listedAt: p.listedAt }),
          );
        const s = alt.weight * FIELD_WEIGHT[p.field];
        if (s > entry.scores[i]!) entry.scores[i] = s;
        if (alt.weight >= 1) entry.matched.add(term.surface);
        else entry.matched.add(alt.token);
      }
    }
  });
  // A listing only a synonym matched takes its freshness from any of its postings (all carry the same).
  const listedAtOf = new Map(postings.map((p) => [p.listingId, p.listedAt]));
  addSynonymScores(terms, byToken, perListing, FIELD_WEIGHT, (id) => ({
    scores: new Array<number>(terms.length).fill(0),
    matched: new Set<string>(),
    listedAt: listedAtOf.get(id)!,
  }));
  const minCovered = minCoveredTerms(terms.length);
  const out: Candidate[] = [];
  for (const [id, e] of perListing) {
    const covered = e.scores.filter((s) => s > 0).length;
    if (covered < minCovered) continue;
    const base = (e.scores.reduce((a, b) => a + b, 0) * covered) / terms.length;
    out.push({ id, score: base + freshness(e.listedAt, now), listedAt: e.listedAt, matched: e.matched });
  }
  return out;
}

function freshness(listedAt: Date, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - listedAt.getTime()) / DAY_MS);
  return 0.5 / (1 + ageDays / 30);
}

/** Result order: best match first (fresher, then lower id among equals), or the feed's orders among the matches. */
export function searchOrder(sort: SearchSort): (a: Candidate, b: Candidate) => number {
  const relevance = (a: Candidate, b: Candidate) =>
    b.score - a.score || b.listedAt.getTime() - a.listedAt.getTime() || (a.id < b.id ? -1 : 1);
  switch (sort) {
    case 'newest':
      return (a, b) => b.listedAt.getTime() - a.listedAt.getTime() || relevance(a, b);
    case 'price_asc':
      return (a, b) => a.price! - b.price! || relevance(a, b);
    case 'price_desc':
      return (a, b) => b.price! - a.price! || relevance(a, b);
    default:
      return relevance;
  }
}

/** What `ListingRepository.searchHits` keeps, for stores that filter in memory: the search page's own rule. */
export function isSearchHit(l: SearchableFields & Pick<Listing, 'campusId'>, q: SearchHitQuery): boolean {
  return (
    l.campusId === q.campusId && isSearchable(l, q.now) && (!q.priced || l.price !== null) && passesSearchFilters(l, q)
  );
}

export function hasFilters(f: SearchFilters | undefined): boolean {
  return !!f && Object.values(f).some((v) => v !== undefined);
}
