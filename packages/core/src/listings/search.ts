import type { Condition, ListingKind, TradeMethod } from '../catalog/dimensions.js';
import type { CategoryRepository } from '../catalog/ports.js';
import type { Clock } from '../shared/clock.js';
import type { Fen } from '../shared/money.js';
import { LIVE_STATUSES, type Listing } from './listing.js';
import type { ListingRepository } from './ports.js';
import { searchDocumentOf } from './search-match.js';
import { hasFilters, scoreCandidates, searchOrder, type Candidate } from './search-ranking.js';
import { excerpt, highlight } from './search-text.js';
import { expandQuery, synonymTokens } from './synonym-expansion.js';
import type { SynonymSource } from './synonym-table.js';

export { highlight } from './search-text.js';

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
  /** Other words for this one (the synonym dictionary): each matches where all its terms are in one field. */
  readonly synonyms?: readonly {
    readonly surface: string;
    readonly terms: readonly QueryTerm[];
    readonly weight: number;
  }[];
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
  /** The listing's feed position (publication or last renewal), kept in every posting: freshness ranks without a read of the listing. */
  readonly listedAt: Date;
}

/** What the index keeps of a listing besides its tokens. */
export interface IndexedListing {
  readonly id: string;
  readonly campusId: string;
  readonly listedAt: Date;
}

/** The inverted index itself: tokens to listings, per campus. */
export interface SearchIndexStore {
  /** The listing's postings become these, all carrying its `listedAt` (re-indexed on renewal). */
  replace(listing: IndexedListing, tokens: readonly IndexedToken[]): Promise<void>;
  remove(listingId: string): Promise<void>;
  /**
   * The postings of these tokens; with `perTokenAndField`, at most that many per token and field, of the
   * freshest listings (latest `listedAt`, then highest id), so a token found in half the campus costs no
   * more than a rare one.
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

/**
 * Candidates confirmed at most: a filter none of them passes (a query for bikes in the books category) costs
 * this many index probes, and a price order confirms them all.
 */
const MAX_CANDIDATES = 300;
/**
 * Postings read per token and field, freshest listed first (the order of the index), so what a query reads
 * is bounded whatever the campus holds. Within one token and field, a fresher posting always scores higher:
 * for a one-term query the first pages come from the first postings of each list exactly, and a listing
 * matching several terms is among the freshest of each list it matches unless hundreds of fresher ones match
 * only part of the query. A filtered search reads as much (more, at 1M, cost more than the 30 ms p95 budget):
 * its hits come from the best MAX_CANDIDATES candidates of those lists.
 */
const POSTINGS_PER_LIST = 200;
const POSTINGS_PER_LIST_FILTERED = 200;
const MAX_POSTINGS_PER_LIST = 1000;

export interface IndexedListingSearchDeps {
  readonly tokenizer: SearchTokenizer;
  readonly store: SearchIndexStore;
  readonly listings: ListingRepository;
  readonly categories: CategoryRepository;
  readonly clock: Clock;
  /** The campus's synonym dictionary; without it queries are not expanded. */
  readonly synonyms?: SynonymSource;
}

/**
 * Search over a token index: candidates and their freshness come from the store's postings, the ranking is
 * computed here, so every store ranks the same way; then the best candidates are confirmed on the listings
 * (live: active or reserved, not expired, the owner not banned; in the campus; passing the filters) until
 * the page is full. A query reads a bounded number of postings and about a page of listings, whatever N.
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
    await this.deps.store.replace(listing, tokens);
  }

  remove(listingId: string): Promise<void> {
    return this.deps.store.remove(listingId);
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const terms = await this.queryTerms(query.campusId, query.text);
    if (terms.length === 0) return { hits: [], hasMore: false };
    const exact = [...new Set(terms.flatMap((t) => t.alternatives.filter((a) => a.weight >= 1).map((a) => a.token)))];
    const fuzzy = [
      ...new Set(terms.flatMap((t) => t.alternatives.filter((a) => a.weight < 1).map((a) => a.token))),
    ].filter((t) => !exact.includes(t));
    const offset = query.offset ?? 0;
    const sort = query.sort ?? 'relevance';
    const filtered = hasFilters(query.filters);
    // Hits needed: the pages up to this one, and one more to know whether another page follows.
    const wanted = offset + query.limit + 1;
    const perList = Math.min(
      MAX_POSTINGS_PER_LIST,
      Math.max(filtered ? POSTINGS_PER_LIST_FILTERED : POSTINGS_PER_LIST, wanted * (filtered ? 8 : 4)),
    );
    // Synonyms are read with the query's own words: they are no fallback, a synonym title outranks a description.
    const tokens = [...new Set([...exact, ...synonymTokens(terms)])];
    let postings = await this.deps.store.lookup(query.campusId, tokens, perList);
    // Typo tolerance is a fallback: a one-word query whose word already has more title matches than
    // the requested pages hold gets nothing from one-edit variants (a variant in a title scores 0.6 × 3,
    // below any exact title match), so the hundreds of variants are not even looked up.
    const titleHits = postings.filter((p) => p.field === 'title' && exact.includes(p.token)).length;
    const enough = terms.length === 1 && titleHits > offset + query.limit;
    if (fuzzy.length > 0 && !enough)
      postings = postings.concat(await this.deps.store.lookup(query.campusId, fuzzy, perList));

    const now = this.deps.clock.now();
    const byPrice = sort === 'price_asc' || sort === 'price_desc';
    // Ranked from the postings alone; only price orders need every candidate's listing.
    const ranked = scoreCandidates(terms, postings, now)
      .sort(searchOrder(byPrice ? 'relevance' : sort))
      .slice(0, MAX_CANDIDATES);
    const hits = await this.confirm(ranked, query, now, byPrice ? Infinity : wanted);
    if (byPrice) hits.sort(searchOrder(sort));
    const window = hits.slice(offset, offset + query.limit);
    const loaded = new Map((await this.deps.listings.byIds(window.map((c) => c.id))).map((l) => [l.id, l]));
    return {
      hits: window.flatMap((c) => {
        const listing = loaded.get(c.id);
        if (!listing) return [];
        const matched = [...c.matched];
        return [
          {
            listingId: listing.id,
            score: Math.round(c.score * 1000) / 1000,
            title: highlight(listing.title, matched),
            snippet: excerpt(listing.description, matched),
          },
        ];
      }),
      hasMore: hits.length > offset + query.limit,
    };
  }

  /**
   * The candidates that are hits, confirmed on the listings themselves in ranking order until `wanted` are
   * found: the index may lag a change by a projector run, the listings never do.
   */
  private async confirm(ranked: readonly Candidate[], query: SearchQuery, now: Date, wanted: number) {
    const priced = query.sort === 'price_asc' || query.sort === 'price_desc';
    const hitQuery = { ...query.filters, campusId: query.campusId, now, priced };
    const out: Candidate[] = [];
    // Unfiltered, nearly every candidate is a hit: a page's worth first, then four times more each round.
    // Filtered, any share may pass (none for bikes in the books category): four pages' worth, then the rest
    // in one statement (each candidate costs an index probe there, each statement a round trip).
    const filtered = hasFilters(query.filters);
    let chunk = filtered ? wanted * 4 : wanted + 10;
    for (let at = 0; at < ranked.length && out.length < wanted; chunk = filtered ? ranked.length : chunk * 4) {
      const slice = ranked.slice(at, at + chunk);
      at += slice.length;
      const rows = await this.deps.listings.searchHits(
        slice.map((c) => c.id),
        hitQuery,
      );
      const hits = new Map(rows.map((h) => [h.id, h]));
      for (const c of slice) {
        const hit = hits.get(c.id);
        if (hit) out.push(priced ? { ...c, price: hit.price } : c);
      }
    }
    return out;
  }

  async suggest(campusId: string, prefix: string, limit: number): Promise<string[]> {
    const text = prefix.trim();
    if (!text) return [];
    const out: string[] = [];
    // A category named by a synonym of the whole prefix (单车 → 自行车) is a completion too.
    const words = [text, ...((await this.deps.synonyms?.forCampus(campusId))?.othersOf(text) ?? [])];
    for (const c of await this.deps.categories.forCampus(campusId)) {
      if (words.some((w) => c.name.toLowerCase().startsWith(w.toLowerCase()))) out.push(c.name);
    }
    const { hits } = await this.search({ campusId, text, limit: limit * 2 });
    for (const h of hits) out.push(h.title.map((p) => p.text).join(''));
    return [...new Set(out)].slice(0, limit);
  }

  private async queryTerms(campusId: string, text: string): Promise<QueryTerm[]> {
    const terms = this.deps.tokenizer.query(text);
    if (!this.deps.synonyms || terms.length === 0) return terms;
    return expandQuery(text, terms, await this.deps.synonyms.forCampus(campusId), this.deps.tokenizer);
  }
}
