import type { Category } from '../catalog/category.js';
import { CategoryNotFound, CategoryNotSelectable } from '../catalog/errors.js';
import type { CategoryRepository } from '../catalog/ports.js';
import type { Campus } from '../identity/campus.js';
import { ValidationFailed } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { ListingContent } from './content.js';

export type PlacementError = CategoryNotFound | CategoryNotSelectable | ValidationFailed;

/**
 * Checks that content fits the campus: its category is an enabled 二级标签 of this campus and its
 * trade area exists there. Returns the root category, which the listing stores for filtering.
 */
export async function checkPlacement(
  categories: CategoryRepository,
  campus: Campus,
  content: ListingContent,
): Promise<Result<{ root: Category }, PlacementError>> {
  const category = await categories.byId(content.categoryId);
  if (!category || category.campusId !== campus.id) return err(new CategoryNotFound(content.categoryId));
  if (category.isRoot) return err(new CategoryNotSelectable(category.id, 'root'));
  if (!category.enabled) return err(new CategoryNotSelectable(category.id, 'disabled'));
  const root = await categories.byId(category.parentId!);
  if (!root) return err(new CategoryNotFound(category.parentId!));
  if (!root.enabled) return err(new CategoryNotSelectable(category.id, 'disabled'));
  if (content.areaId !== null && !campus.hasArea(content.areaId)) {
    return err(new ValidationFailed([{ field: 'areaId', message: '交易地点不在本校区' }]));
  }
  return ok({ root });
}
