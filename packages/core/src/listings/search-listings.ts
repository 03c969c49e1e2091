import { checkListingFilters, type ListingFilterInput } from './filters.js';
import type { CategoryRepository } from '../catalog/ports.js';
import type { Actor } from '../identity/actor.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import { clampLimit, encodeCursor, InvalidCursor, readOptionalCursor } from '../shared/pagination.js';
import { err, ok, type Result } from '../shared/result.js';
import type { ListingRepository } from './ports.js';
import { SEARCH_SORTS, type ListingSearch, type SearchFilters, type SearchSort, type SnippetPart } from './search.js';
import type { ListingView, ListingViews } from './views.js';

export interface SearchListingsInput extends ListingFilterInput {
  readonly actor: Actor;
  readonly text: string;
  /** `relevance` (default), `newest`, `price_asc` or `price_desc`. */
  readonly sort?: string;
  readonly cursor?: string;
  readonly limit?: number;
}

export interface SearchResultView {
  readonly view: ListingView;
  readonly score: number;
  readonly title: SnippetPart[];
  readonly snippet: SnippetPart[];
}

export interface SearchPage {
  readonly items: SearchResultView[];
  readonly nextCursor: string | null;
}

export const MAX_QUERY_LENGTH = 50;

/** Campus search: anyone may search, signed in or not; results are live listings, best match first. */
export class SearchListings {
  constructor(
    private readonly search: ListingSearch,
    private readonly listings: ListingRepository,
    private readonly categories: CategoryRepository,
    private readonly views: ListingViews,
  ) {}

  async execute(input: SearchListingsInput): Promise<Result<SearchPage, ValidationFailed | InvalidCursor>> {
    const decoded = readOptionalCursor(input.cursor, ['number']);
    if (!decoded.ok) return decoded;
    const offset = decoded.value?.[0] ?? 0;
    if (!Number.isInteger(offset) || offset < 0) return err(new InvalidCursor());
    const p = new Problems();
    const text = input.text.trim();
    p.check(text.length > 0, 'q', '请输入搜索内容');
    p.check(text.length <= MAX_QUERY_LENGTH, 'q', `搜索内容不能超过 ${MAX_QUERY_LENGTH} 个字`);
    if (input.sort !== undefined)
      p.check((SEARCH_SORTS as readonly string[]).includes(input.sort), 'sort', '排序方式无效');
    const category = await checkListingFilters(p, this.categories, input);
    if (p.any) return err(p.toError());

    const limit = clampLimit(input.limit);
    const filters: SearchFilters = {
      ...(input.kind !== undefined && { kind: input.kind as SearchFilters['kind'] }),
      ...(category && { categoryId: category.id }),
      ...(input.condition !== undefined && { condition: input.condition as SearchFilters['condition'] }),
      ...(input.minPrice !== undefined && { minPrice: input.minPrice }),
      ...(input.maxPrice !== undefined && { maxPrice: input.maxPrice }),
      ...(input.areaId !== undefined && { areaId: input.areaId }),
      ...(input.tradeMethod !== undefined && { tradeMethod: input.tradeMethod as SearchFilters['tradeMethod'] }),
    };
    const result = await this.search.search({
      campusId: input.campusId,
      text,
      filters,
      limit,
      offset,
      ...(input.sort !== undefined && { sort: input.sort as SearchSort }),
    });
    const found = await this.listings.byIds(result.hits.map((h) => h.listingId));
    const byId = new Map(found.map((l) => [l.id, l]));
    const ordered = result.hits.flatMap((h) => {
      const l = byId.get(h.listingId);
      return l ? [l] : [];
    });
    const views = new Map((await this.views.build(ordered, input.actor)).map((v) => [v.listing.id, v]));
    const items = result.hits.flatMap((h) => {
      const view = views.get(h.listingId);
      return view ? [{ view, score: h.score, title: h.title, snippet: h.snippet }] : [];
    });
    return ok({ items, nextCursor: result.hasMore ? encodeCursor([offset + limit]) : null });
  }
}
