import type { SavedSearch } from '../api/saved-searches';
import type { Catalog } from '../api/types';
import { CONDITION_LABEL, KIND_LABEL, TRADE_METHOD_LABEL } from './labels';
import { formatFen } from './money';

function categoryName(catalog: Catalog | null, id: string): string {
  for (const root of catalog?.categories ?? []) {
    if (root.id === id) return root.name;
    const child = root.children.find((c) => c.id === id);
    if (child) return child.name;
  }
  return '指定分类';
}

/** The filters of a saved search as short chips: 书籍 · 教材 · ¥0.00–¥50.00 · 当面交易. */
export function filterChips(s: SavedSearch, catalog: Catalog | null): string[] {
  const f = s.filters;
  const out: string[] = [];
  if (f.kind) out.push(KIND_LABEL[f.kind]);
  if (f.categoryId) out.push(categoryName(catalog, f.categoryId));
  if (f.condition) out.push(CONDITION_LABEL[f.condition]);
  if (f.minPrice !== undefined && f.maxPrice !== undefined)
    out.push(`${formatFen(f.minPrice)}–${formatFen(f.maxPrice)}`);
  else if (f.minPrice !== undefined) out.push(`${formatFen(f.minPrice)} 以上`);
  else if (f.maxPrice !== undefined) out.push(`${formatFen(f.maxPrice)} 以下`);
  if (f.areaId) out.push(catalog?.campus.areas.find((a) => a.id === f.areaId)?.name ?? '指定地点');
  if (f.tradeMethod) out.push(TRADE_METHOD_LABEL[f.tradeMethod]);
  return out;
}
