import type { Category } from '../catalog/category.js';
import type { Listing } from './listing.js';
import { LIVE_STATUSES } from './listing.js';
import type { Condition, ListingKind, TradeMethod } from '../catalog/dimensions.js';
import type { Fen } from '../shared/money.js';

// Shapes of search.ts's QueryTerm, SearchFilters and SearchDocument, spelled out here so that
// search.ts can use this file without an import cycle.
interface Term {
  readonly alternatives: readonly { readonly token: string; readonly weight: number }[];
}
interface Filters {
  readonly kind?: ListingKind;
  readonly categoryId?: string;
  readonly condition?: Condition;
  readonly minPrice?: Fen;
  readonly maxPrice?: Fen;
  readonly areaId?: string;
  readonly tradeMethod?: TradeMethod;
}
/** What the rule reads of a listing: a whole Listing, or the few columns the store confirms hits on. */
export type SearchableFields = Pick<
  Listing,
  | 'status'
  | 'ownerBanned'
  | 'expiresAt'
  | 'kind'
  | 'categoryId'
  | 'rootCategoryId'
  | 'condition'
  | 'areaId'
  | 'tradeMethods'
  | 'price'
>;
interface Document {
  readonly title: string;
  readonly description: string;
  readonly categoryNames: readonly string[];
  readonly isbn: string | null;
}

/**
 * What makes a listing a hit of a query, apart from ranking: the search page and saved-search alerts
 * both decide with these, so what one finds the other tells.
 */

/** A listing is a hit when it covers at least half of the query's terms (rounded up). */
export function minCoveredTerms(termCount: number): number {
  return Math.ceil(termCount / 2);
}

/** Whether a listing indexed with `tokens` covers enough of the terms: any alternative of a term counts. */
export function coversQuery(terms: readonly Term[], tokens: ReadonlySet<string>): boolean {
  if (terms.length === 0) return false;
  const covered = terms.filter((t) => t.alternatives.some((a) => a.weight > 0 && tokens.has(a.token))).length;
  return covered >= minCoveredTerms(terms.length);
}

/** Live: active or reserved, not expired, the owner not banned. Only these are ever hits. */
export function isSearchable(l: SearchableFields, now: Date): boolean {
  return LIVE_STATUSES.includes(l.status) && !l.ownerBanned && l.expiresAt.getTime() > now.getTime();
}

export function passesSearchFilters(l: SearchableFields, f: Filters | undefined): boolean {
  if (!f) return true;
  if (f.kind !== undefined && l.kind !== f.kind) return false;
  if (f.categoryId !== undefined && l.categoryId !== f.categoryId && l.rootCategoryId !== f.categoryId) return false;
  if (f.condition !== undefined && l.condition !== f.condition) return false;
  if (f.areaId !== undefined && l.areaId !== f.areaId) return false;
  if (f.tradeMethod !== undefined && !l.tradeMethods.includes(f.tradeMethod)) return false;
  if (f.minPrice !== undefined && (l.price === null || l.price < f.minPrice)) return false;
  if (f.maxPrice !== undefined && (l.price === null || l.price > f.maxPrice)) return false;
  return true;
}

/** The text of a listing the index holds: title, description, its category and top category's names, ISBN. */
export function searchDocumentOf(listing: Listing, campusCategories: readonly Category[]): Document {
  const byId = new Map(campusCategories.map((c) => [c.id, c]));
  const names = [byId.get(listing.categoryId)?.name, byId.get(listing.rootCategoryId)?.name].filter(
    (n): n is string => !!n,
  );
  return {
    title: listing.title,
    description: listing.description,
    categoryNames: names,
    isbn: listing.book?.isbn ?? null,
  };
}
