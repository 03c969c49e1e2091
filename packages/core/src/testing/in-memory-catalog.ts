import type { Category } from '../catalog/category.js';
import type { CategoryRepository } from '../catalog/ports.js';
import { copy, type InMemoryStore } from './in-memory-store.js';

export class InMemoryCategoryRepository implements CategoryRepository {
  constructor(private readonly store: InMemoryStore) {}
  async forCampus(campusId: string): Promise<Category[]> {
    return [...this.store.tables.categories.values()].filter((c) => c.campusId === campusId).map(copy);
  }
  async byId(id: string): Promise<Category | null> {
    const c = this.store.tables.categories.get(id);
    return c ? copy(c) : null;
  }
  async save(category: Category): Promise<void> {
    this.store.tables.categories.set(category.id, copy(category));
  }
}
