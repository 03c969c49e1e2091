import type { Category } from './category.js';

export interface CategoryRepository {
  forCampus(campusId: string): Promise<Category[]>;
  byId(id: string): Promise<Category | null>;
  save(category: Category): Promise<void>;
}
