import type { Category, CategoryRepository } from '@xianzhi/core';
import type { CacheVersion } from './version.js';

/**
 * Category changes are the one kind of change admins make outside a unit of work (CreateCategory,
 * UpdateCategory save directly): each save is its own commit, so the version moves after it.
 */
export class VersionBumpingCategories implements CategoryRepository {
  constructor(
    private readonly inner: CategoryRepository,
    private readonly version: CacheVersion,
  ) {}

  forCampus(campusId: string): Promise<Category[]> {
    return this.inner.forCampus(campusId);
  }

  byId(id: string): Promise<Category | null> {
    return this.inner.byId(id);
  }

  async save(category: Category): Promise<void> {
    await this.inner.save(category);
    await this.version.bump();
  }
}
