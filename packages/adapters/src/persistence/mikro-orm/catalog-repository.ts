import { Category, type CategoryRepository } from '@xianzhi/core';
import type { OrmContext } from './context.js';
import { orNull } from './rows.js';

export class MikroOrmCategoryRepository implements CategoryRepository {
  constructor(private readonly ctx: OrmContext) {}
  async forCampus(campusId: string): Promise<Category[]> {
    // Read on every feed and search page: plain SQL and mapping, no query builder or hydration.
    const rows = await this.ctx
      .em()
      .execute<Record<string, unknown>[]>(
        'select id, campus_id, parent_id, code, name, sort_order, enabled from category where campus_id = ? order by sort_order asc, id asc',
        [campusId],
      );
    return rows.map((r) => {
      const c = new Category();
      c.id = String(r['id']);
      c.campusId = String(r['campus_id']);
      c.parentId = orNull(r['parent_id'], String);
      c.code = String(r['code']);
      c.name = String(r['name']);
      c.sortOrder = Number(r['sort_order']);
      c.enabled = Boolean(Number(r['enabled']));
      return c;
    });
  }
  byId(id: string): Promise<Category | null> {
    return this.ctx.em().findOne(Category, { id });
  }
  save(category: Category): Promise<void> {
    return this.ctx.save(Category, category);
  }
}
