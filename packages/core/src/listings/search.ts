import type { Condition, ListingKind, TradeMethod } from '../catalog/dimensions.js';
import type { CategoryRepository } from '../catalog/ports.js';
import type { Clock } from '../shared/clock.js';
import { DAY_MS } from '../shared/clock.js';
import type { Fen } from '../shared/money.js';
import { LIVE_STATUSES, type Listing } from './listing.js';
import type { ListingRepository } from './ports.js';
import { isSearchable, minCoveredTerms, passesSearchFilters, searchDocumentOf } from './search-match.js';

export type SearchField = 'title' | 'category' | 'description' | 'isbn';

/** One token of a listing, and where it was found: the field decides how much a match counts. */
export interface IndexedToken {
  readonly token: string;
  readonly field: SearchField;
}

/** One word of a query and the tokens that may stand for it (itself, its pinyin, one-edit variants). */
export interface QueryTerm {
  /** The query text this term came from, for highlighting. */
  readonly surface: string;
  readonly alternatives: readonly { readonly token: string; readonly weight: number }[];
}

export interface SearchDocument {
  readonly title: string;
  readonly description: string;
  readonly categoryNames: readonly string[];
  readonly isbn: string | null;
}

/** Turns text into tokens; indexing and querying must use the same one. */
export interface SearchTokenizer {
  document(doc: SearchDocument): IndexedToken[];
  query(text: string): QueryTerm[];
}

export interface Posting {
  readonly listingId: string;
  readonly token: string;
  readonly field: SearchField;
}

/** The inverted index itself: tokens to listings, per campus. */
export interface SearchIndexStore {
  replace(campusId: string, listingId: string, tokens: readonly IndexedToken[]): Promise<void>;
  remove(listingId: string): Promise<void>;
  /**
   * The postings of these tokens; with `perTokenAndField`, at most that many per token and field, of the
   * newest listings, so a token found in half the campus costs no more than a rare one.
   */
  lookup(campusId: string, tokens: readonly string[], perTokenAndField?: number): Promise<Posting[]>;
  /** Forgets every listing of a campus, before a rebuild. */
  clear(campusId: string): Promise<void>;
}

export interface SearchFilters {
  readonly kind?: ListingKind;
  /** Either level of the category tree. */
  readonly categoryId?: string;
  readonly condition?: Condition;
  readonly minPrice?: Fen;
  readonly maxPrice?: Fen;
  readonly areaId?: string;
  readonly tradeMethod?: TradeMethod;
}

/** Best match first (the default), or the feed's orders among the matches; price orders leave out 面议 posts as the feed does. */
export type SearchSort = 'relevance' | 'newest' | 'price_asc' | 'price_desc';
export const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'newest', 'price_asc', 'price_desc'];

export interface SearchQuery {
  readonly campusId: string;
  readonly text: string;
  readonly filters?: SearchFilters;
  readonly sort?: SearchSort;
  readonly limit: number;
  /** How many hits of the ranking to skip (the use case turns it into an opaque cursor). */
  readonly offset?: number;
}

/** A run of text, marked when it matched the query. */
export interface SnippetPart {
  readonly text: string;
  readonly match: boolean;
}

export interface SearchHit {
  readonly listingId: string;
  readonly score: number;
  readonly title: SnippetPart[];
  readonly snippet: SnippetPart[];
}

export interface SearchResult {
  readonly hits: SearchHit[];
  readonly hasMore: boolean;
}

export interface ListingSearch {
  index(listing: Listing): Promise<void>;
  remove(listingId: string): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Titles and category names that continue what the user is typing. */
  suggest(campusId: string, prefix: string, limit: number): Promise<string[]>;
}

const FIELD_WEIGHT: Record<SearchField, number> = { isbn: 5, title: 3, category: 2, description: 1 };
/** Enough candidates to fill many pages after filters. */
const MAX_CANDIDATES = 1000;
/**
 * Postings read per token and field, newest first. A title match of a common word among the newest 1,000
 * still outranks any description match, and freshness decides among equals anyway, so the cap only drops
 * old listings that could not have reached the first pages.
 */
const POSTINGS_PER_TOKEN_AND_FIELD = 1000;

const SNIPPET_LENGTH = 60;

export interface IndexedListingSearchDeps {
  readonly tokenizer: SearchTokenizer;
  readonly store: SearchIndexStore;
  readonly listings: ListingRepository;
  readonly categories: CategoryRepository;
  readonly clock: Clock;
}

/**
 * Search over a token index: candidates come from the store, the ranking and the filters are computed
 * here, so every store ranks the same way. Only live listings (active, reserved, not expired, the owner
 * not banned) are hits.
 */
export class IndexedListingSearch implements ListingSearch {
  constructor(private readonly deps: IndexedListingSearchDeps) {}

  async index(listing: Listing): Promise<void> {
    if (!LIVE_STATUSES.includes(listing.status)) {
      await this.deps.store.remove(listing.id);
      return;
    }
    const categories = await this.deps.categories.forCampus(listing.campusId);
    const tokens = this.deps.tokenizer.document(searchDocumentOf(listing, categories));
    await this.deps.store.replace(listing.campusId, listing.id, tokens);
  }

  remove(listingId: string): Promise<void> {
    return this.deps.store.remove(listingId);
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const terms = this.deps.tokenizer.query(query.text);
    if (terms.length === 0) return { hits: [], hasMore: false };
    const exact = [...new Set(terms.flatMap((t) => t.alternatives.filter((a) => a.weight >= 1).map((a) => a.token)))];
    const fuzzy = [
      ...new Set(terms.flatMap((t) => t.alternatives.filter((a) => a.weight < 1).map((a) => a.token))),
    ].filter((t) => !exact.includes(t));
    let postings = await this.deps.store.lookup(query.campusId, exact, POSTINGS_PER_TOKEN_AND_FIELD);
    // Typo tolerance is a fallback: a one-word query whose word already has more title matches than
    // the requested pages hold gets nothing from one-edit variants (a variant in a title scores 0.6 × 3,
    // below any exact title match), so the hundreds of variants are not even looked up.
    const titleHits = postings.filter((p) => p.field === 'title').length;
    const enough = terms.length === 1 && titleHits > (query.offset ?? 0) + query.limit;
    if (fuzzy.length > 0 && !enough)
      postings = postings.concat(await this.deps.store.lookup(query.campusId, fuzzy, POSTINGS_PER_TOKEN_AND_FIELD));

    // Per listing, per term: the best (alternative weight × field weight) it reached.
    const byToken = new Map<string, Posting[]>();
    for (const p of postings) {
      const list = byToken.get(p.token);
      if (list) list.push(p);
      else byToken.set(p.token, [p]);
    }
    const perListing = new Map<string, { scores: number[]; matched: Set<string> }>();
    terms.forEach((term, i) => {
      for (const alt of term.alternatives) {
        for (const p of byToken.get(alt.token) ?? []) {
          let entry = perListing.get(p.listingId);
          if (!entry)
            perListing.set(
              p.listingId,
              (entry = { scores: new Array<number>(terms.length).fill(0), matched: new Set() }),
            );
          const s = alt.weight * FIELD_WEIGHT[p.field];
          if (s > entry.scores[i]!) entry.scores[i] = s;
          if (alt.weight >= 1) entry.matched.add(term.surface);
          else entry.matched.add(alt.token);
        }
      }
    });
    const minCovered = minCoveredTerms(terms.length);
    const ranked = [...perListing.entries()]
      .map(([id, e]) => {
        const covered = e.scores.filter((s) => s > 0).length;
        const sum = e.scores.reduce((a, b) => a + b, 0);
        return { id, covered, base: (sum * covered) / terms.length, matched: e.matched };
      })
      .filter((c) => c.covered >= minCovered)
      .sort((a, b) => b.base - a.base || (a.id < b.id ? -1 : 1))
      .slice(0, MAX_CANDIDATES);

    const now = this.deps.clock.now();
    const offset = query.offset ?? 0;
    // Filters and freshness need only a few columns: rank every candidate on those, load just the page.
    const byPrice = query.sort === 'price_asc' || query.sort === 'price_desc';
    const summaries = new Map((await this.deps.listings.summaries(ranked.map((c) => c.id))).map((l) => [l.id, l]));
    const scored = ranked
      .flatMap((c) => {
        const l = summaries.get(c.id);
        if (!l || l.campusId !== query.campusId || !isSearchable(l, now) || !passesSearchFilters(l, query.filters))
          return [];
        if (byPrice && l.price === null) return [];
        const ageDays = Math.max(0, (now.getTime() - l.listedAt.getTime()) / DAY_MS);
        // Freshness breaks near-ties; it never lifts a weak match over a title match.
        const score = c.base + 0.5 / (1 + ageDays / 30);
        return [{ summary: l, score, matched: c.matched }];
      })
      .sort(searchOrder(query.sort ?? 'relevance'));
    const window = scored.slice(offset, offset + query.limit);
    const loaded = new Map((await this.deps.listings.byIds(window.map((s) => s.summary.id))).map((l) => [l.id, l]));

    const page = window.flatMap((s) => {
      const listing = loaded.get(s.summary.id);
      return listing ? [{ listing, score: s.score, matched: s.matched }] : [];
    });
    return {
      hits: page.map(({ listing, score, matched }) => ({
        listingId: listing.id,
        score: Math.round(score * 1000) / 1000,
        title: highlight(listing.title, [...matched]),
        snippet: excerpt(listing.description, [...matched]),
      })),
      hasMore: scored.length > offset + query.limit,
    };
  }

  async suggest(campusId: string, prefix: string, limit: number): Promise<string[]> {
    const text = prefix.trim();
    if (!text) return [];
    const out: string[] = [];
    const lower = text.toLowerCase();
    for (const c of await this.deps.categories.forCampus(campusId)) {
      if (c.name.toLowerCase().startsWith(lower)) out.push(c.name);
    }
    const { hits } = await this.search({ campusId, text, limit: limit * 2 });
    for (const h of hits) out.push(h.title.map((p) => p.text).join(''));
    return [...new Set(out)].slice(0, limit);
  }
}

type Scored = {
  readonly summary: { readonly id: string; readonly listedAt: Date; readonly price: Fen | null };
  readonly score: number;
};

function searchOrder(sort: SearchSort): (a: Scored, b: Scored) => number {
  const relevance = (a: Scored, b: Scored) =>
    b.score - a.score ||
    b.summary.listedAt.getTime() - a.summary.listedAt.getTime() ||
    (a.summary.id < b.summary.id ? -1 : 1);
  switch (sort) {
    case 'newest':
      return (a, b) => b.summary.listedAt.getTime() - a.summary.listedAt.getTime() || relevance(a, b);
    case 'price_asc':
      return (a, b) => a.summary.price! - b.summary.price! || relevance(a, b);
    case 'price_desc':
      return (a, b) => b.summary.price! - a.summary.price! || relevance(a, b);
    default:
      return relevance;
  }
}

/** Splits text into runs, marking every case-insensitive occurrence of a needle. */
export function highlight(text: string, needles: readonly string[]): SnippetPart[] {
  const lower = text.toLowerCase();
  const marks = new Array<boolean>(text.length).fill(false);
  for (const n of needles) {
    const needle = n.toLowerCase();
    if (!needle) continue;
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
      for (let i = at; i < at + needle.length; i++) marks[i] = true;
    }
  }
  const parts: SnippetPart[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = parts.at(-1);
    if (last && last.match === marks[i]) parts[parts.length - 1] = { text: last.text + text[i], match: last.match };
    else parts.push({ text: text[i]!, match: marks[i]! });
  }
  return parts;
}

/** A window of the description around its first match, highlighted. */
function excerpt(text: string, needles: readonly string[]): SnippetPart[] {
  const lower = text.toLowerCase();
  const first = Math.min(...needles.map((n) => lower.indexOf(n.toLowerCase())).filter((i) => i >= 0), Infinity);
  const start = first === Infinity ? 0 : Math.max(0, first - 15);
  const window = text.slice(start, start + SNIPPET_LENGTH);
  const parts = highlight(window, needles);
  if (start > 0) parts.unshift({ text: '…', match: false });
  if (start + SNIPPET_LENGTH < text.length) parts.push({ text: '…', match: false });
  return parts;
}
