import type { Category } from '../catalog/category.js';
import { isCondition, isListingKind, isTradeMethod } from '../catalog/dimensions.js';
import type { CategoryRepository } from '../catalog/ports.js';
import type { Problems } from '../shared/errors.js';
import { isValidFen } from '../shared/money.js';

/** The filters the feed and search share, as a client sends them. */
export interface ListingFilterInput {
  readonly campusId: string;
  readonly kind?: string;
  /** Either level of the tree. */
  readonly categoryId?: string;
  readonly condition?: string;
  readonly minPrice?: number;
  readonly maxPrice?: number;
  /** A trade place (campus area id), matched as given. */
  readonly areaId?: string;
  /** face_to_face, delivery or express: listings offering it among their trade methods. */
  readonly tradeMethod?: string;
}

/**
 * Checks the shared filters into `p` (every bad field at once) and resolves the named category,
 * which must belong to the campus. Returns null for the category when none was named or it is bad.
 */
export async function checkListingFilters(
  p: Problems,
  categories: CategoryRepository,
  input: ListingFilterInput,
): Promise<Category | null> {
  if (input.kind !== undefined) p.check(isListingKind(input.kind), 'kind', '类型无效');
  if (input.condition !== undefined) p.check(isCondition(input.condition), 'condition', '成色无效');
  if (input.tradeMethod !== undefined) p.check(isTradeMethod(input.tradeMethod), 'tradeMethod', '交易方式无效');
  for (const key of ['minPrice', 'maxPrice'] as const) {
    const v = input[key];
    if (v !== undefined) p.check(isValidFen(v), key, '价格须为整数分');
  }
  if (input.minPrice !== undefined && input.maxPrice !== undefined) {
    p.check(input.minPrice <= input.maxPrice, 'minPrice', '最低价不能高于最高价');
  }
  if (input.categoryId === undefined) return null;
  const category = await categories.byId(input.categoryId);
  const ok = category !== null && category.campusId === input.campusId;
  p.check(ok, 'categoryId', '分类不存在');
  return ok ? category : null;
}
