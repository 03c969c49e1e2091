import type { Catalog, Condition, ListingQuery, ListingKind, ListingSort, TradeMethod } from '../api/types';
import { CONDITION_LABEL, TRADE_METHOD_LABEL } from './labels';
import { formatFen } from './money';

/** Every filter `GET /v1/listings` takes, as 分类 holds them. Prices are fen, as the API takes them. */
export interface FeedFilters {
  kind: ListingKind | null;
  /** A second-level category, or a first-level one for all of its group. */
  categoryId: string | null;
  condition: Condition | null;
  minPrice: number | null;
  maxPrice: number | null;
  tradeMethod: TradeMethod | null;
  areaId: string | null;
  sort: ListingSort;
}

export const NO_FEED_FILTERS: FeedFilters = {
  kind: null,
  categoryId: null,
  condition: null,
  minPrice: null,
  maxPrice: null,
  tradeMethod: null,
  areaId: null,
  sort: 'newest',
};

export interface PriceBand {
  label: string;
  min: number | null;
  max: number | null;
}

/** Price bands a student taps instead of typing (what second-hand things on a campus mostly cost). */
export const PRICE_BANDS: PriceBand[] = [
  { label: '20 元以下', min: null, max: 2000 },
  { label: '20–50 元', min: 2000, max: 5000 },
  { label: '50–100 元', min: 5000, max: 10000 },
  { label: '100–500 元', min: 10000, max: 50000 },
  { label: '500 元以上', min: 50000, max: null },
];

export const KIND_OPTIONS: { value: ListingKind; label: string }[] = [
  { value: 'item', label: '闲置' },
  { value: 'book', label: '书籍' },
  { value: 'wanted', label: '求购' },
];

export const TRADE_METHODS: TradeMethod[] = ['face_to_face', 'delivery', 'express'];

export type ChipKey = 'kind' | 'category' | 'condition' | 'price' | 'tradeMethod' | 'area';

export interface FilterChip {
  key: ChipKey;
  label: string;
}

export function priceLabel(min: number | null, max: number | null): string {
  const band = PRICE_BANDS.find((b) => b.min === min && b.max === max);
  if (band) return band.label;
  if (min !== null && max !== null) return `${formatFen(min)}–${formatFen(max)}`;
  if (min !== null) return `${formatFen(min)} 以上`;
  return `${formatFen(max ?? 0)} 以下`;
}

/** Where a category sits: its first-level group and, for a second-level one, its own name. */
export function locateCategory(
  catalog: Catalog | null,
  id: string | null,
): { parentId: string; parentName: string; childName: string | null } | null {
  if (!catalog || !id) return null;
  for (const cat of catalog.categories) {
    if (cat.id === id) return { parentId: cat.id, parentName: cat.name, childName: null };
    const child = cat.children.find((c) => c.id === id);
    if (child) return { parentId: cat.id, parentName: cat.name, childName: child.name };
  }
  return null;
}

/** The chosen filters as chips, in the order the panel shows them (the sort is not a filter). */
export function filterChips(f: FeedFilters, catalog: Catalog | null): FilterChip[] {
  const chips: FilterChip[] = [];
  if (f.kind) chips.push({ key: 'kind', label: KIND_OPTIONS.find((k) => k.value === f.kind)?.label ?? f.kind });
  if (f.categoryId) {
    const at = locateCategory(catalog, f.categoryId);
    chips.push({ key: 'category', label: at ? (at.childName ?? `全部${at.parentName}`) : '分类' });
  }
  if (f.condition) {
    const label = catalog?.conditions.find((c) => c.value === f.condition)?.label ?? CONDITION_LABEL[f.condition];
    chips.push({ key: 'condition', label });
  }
  if (f.minPrice !== null || f.maxPrice !== null)
    chips.push({ key: 'price', label: priceLabel(f.minPrice, f.maxPrice) });
  if (f.tradeMethod) chips.push({ key: 'tradeMethod', label: TRADE_METHOD_LABEL[f.tradeMethod] });
  if (f.areaId) {
    chips.push({ key: 'area', label: catalog?.campus.areas.find((a) => a.id === f.areaId)?.name ?? '交易地点' });
  }
  return chips;
}

/** The filters without the one a chip stood for. */
export function removeFilter(f: FeedFilters, key: ChipKey): FeedFilters {
  switch (key) {
    case 'kind':
      return { ...f, kind: null };
    case 'category':
      return { ...f, categoryId: null };
    case 'condition':
      return { ...f, condition: null };
    case 'price':
      return { ...f, minPrice: null, maxPrice: null };
    case 'tradeMethod':
      return { ...f, tradeMethod: null };
    case 'area':
      return { ...f, areaId: null };
  }
}

/** The listing query for these filters; unset ones are left out of the URL. */
export function feedQuery(f: FeedFilters): Omit<ListingQuery, 'cursor' | 'campusId'> {
  const q: Omit<ListingQuery, 'cursor' | 'campusId'> = { sort: f.sort };
  if (f.kind) q.kind = f.kind;
  if (f.categoryId) q.categoryId = f.categoryId;
  if (f.condition) q.condition = f.condition;
  if (f.minPrice !== null) q.minPrice = f.minPrice;
  if (f.maxPrice !== null) q.maxPrice = f.maxPrice;
  if (f.tradeMethod) q.tradeMethod = f.tradeMethod;
  if (f.areaId) q.areaId = f.areaId;
  return q;
}
