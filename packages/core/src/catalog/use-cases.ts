import type { Actor } from '../identity/actor.js';
import { CampusNotFound, type AdminOnly, type NotAuthenticated } from '../identity/errors.js';
import { requireAdmin, requireAdminOf } from '../identity/policy.js';
import type { AdminScope } from '../identity/admin.js';
import { auditActorOf, type AuditLog } from '../shared/audit.js';
import type { Clock } from '../shared/clock.js';
import type { CampusRepository } from '../identity/ports.js';
import type { Campus } from '../identity/campus.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import { err, ok, type Result } from '../shared/result.js';
import { buildTree, Category, type CategoryNode } from './category.js';
import { DEFAULT_CATEGORY_TREE } from './default-tree.js';
import { CategoryCodeTaken, CategoryNotFound } from './errors.js';
import type { CategoryRepository } from './ports.js';

export interface CatalogView {
  readonly campus: Campus;
  readonly tree: CategoryNode[];
}

/** The campus, its trade areas and its category tree: what a client needs to draw filters and forms. */
export class GetCatalog {
  constructor(
    private readonly campuses: CampusRepository,
    private readonly categories: CategoryRepository,
  ) {}

  async execute(input: { campusId: string; includeDisabled?: boolean }): Promise<Result<CatalogView, CampusNotFound>> {
    const campus = await this.campuses.byId(input.campusId);
    if (!campus) return err(new CampusNotFound(input.campusId));
    const all = await this.categories.forCampus(campus.id);
    return ok({ campus, tree: buildTree(all, { includeDisabled: input.includeDisabled === true }) });
  }
}

/** Gives a new campus the default tree. Idempotent: codes already present are left alone. */
export class SeedDefaultCategories {
  constructor(
    private readonly categories: CategoryRepository,
    private readonly ids: IdGenerator,
  ) {}

  async execute(campusId: string): Promise<{ created: number }> {
    const existing = new Map((await this.categories.forCampus(campusId)).map((c) => [c.code, c]));
    let created = 0;
    for (const [i, root] of DEFAULT_CATEGORY_TREE.entries()) {
      let parent = existing.get(root.code);
      if (!parent) {
        parent = Category.create({
          id: this.ids.next(),
          campusId,
          parentId: null,
          code: root.code,
          name: root.name,
          sortOrder: (i + 1) * 10,
        });
        await this.categories.save(parent);
        created++;
      }
      for (const [j, child] of root.children.entries()) {
        if (existing.has(child.code)) continue;
        await this.categories.save(
          Category.create({
            id: this.ids.next(),
            campusId,
            parentId: parent.id,
            code: child.code,
            name: child.name,
            sortOrder: (j + 1) * 10,
          }),
        );
        created++;
      }
    }
    return { created };
  }
}

type AdminError = NotAuthenticated | AdminOnly | AdminScope;
const NAME_MAX = 12;
const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

export interface CreateCategoryDeps {
  readonly categories: CategoryRepository;
  readonly campuses: CampusRepository;
  readonly ids: IdGenerator;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/** Admins extend the tree: a new 一级标签, or a 二级标签 under an existing root. */
export class CreateCategory {
  constructor(private readonly deps: CreateCategoryDeps) {}

  async execute(input: {
    actor: Actor;
    campusId: string;
    parentId: string | null;
    code: string;
    name: string;
    sortOrder?: number;
  }): Promise<Result<Category, AdminError | ValidationFailed | CampusNotFound | CategoryNotFound | CategoryCodeTaken>> {
    const admin = requireAdminOf(input.actor, input.campusId);
    if (!admin.ok) return admin;
    const name = input.name.trim();
    const p = new Problems()
      .check(name.length > 0 && name.length <= NAME_MAX, 'name', `名称须为 1 到 ${NAME_MAX} 个字`)
      .check(CODE_PATTERN.test(input.code), 'code', '代码只能包含小写字母、数字和连字符');
    if (p.any) return err(p.toError());
    if (!(await this.deps.campuses.byId(input.campusId))) return err(new CampusNotFound(input.campusId));
    const siblings = await this.deps.categories.forCampus(input.campusId);
    if (siblings.some((c) => c.code === input.code)) return err(new CategoryCodeTaken(input.code));
    if (input.parentId !== null) {
      const parent = siblings.find((c) => c.id === input.parentId);
      if (!parent) return err(new CategoryNotFound(input.parentId));
      if (!parent.isRoot) return err(new Problems().add('parentId', '分类只有两级').toError());
    }
    const maxOrder = Math.max(0, ...siblings.filter((c) => c.parentId === input.parentId).map((c) => c.sortOrder));
    const category = Category.create({
      id: this.deps.ids.next(),
      campusId: input.campusId,
      parentId: input.parentId,
      code: input.code,
      name,
      sortOrder: input.sortOrder ?? maxOrder + 10,
    });
    await this.deps.categories.save(category);
    await this.deps.audit.record({
      actor: auditActorOf(input.actor),
      action: 'category.create',
      targetType: 'category',
      targetId: category.id,
      campusId: category.campusId,
      details: { code: category.code, name: category.name, parentId: category.parentId },
      at: this.deps.clock.now(),
    });
    return ok(category);
  }
}

/** Rename, reorder, enable or disable. Disabling keeps existing listings where they are. */
export class UpdateCategory {
  constructor(
    private readonly categories: CategoryRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(input: {
    actor: Actor;
    categoryId: string;
    name?: string;
    sortOrder?: number;
    enabled?: boolean;
  }): Promise<Result<Category, AdminError | ValidationFailed | CategoryNotFound>> {
    const admin = requireAdmin(input.actor);
    if (!admin.ok) return admin;
    const category = await this.categories.byId(input.categoryId);
    if (!category) return err(new CategoryNotFound(input.categoryId));
    const scoped = requireAdminOf(input.actor, category.campusId);
    if (!scoped.ok) return scoped;
    if (input.name !== undefined) {
      const name = input.name.trim();
      if (name.length === 0 || name.length > NAME_MAX) {
        return err(new Problems().add('name', `名称须为 1 到 ${NAME_MAX} 个字`).toError());
      }
      category.name = name;
    }
    if (input.sortOrder !== undefined) category.sortOrder = input.sortOrder;
    if (input.enabled !== undefined) category.enabled = input.enabled;
    await this.categories.save(category);
    const changes = Object.fromEntries(
      (['name', 'sortOrder', 'enabled'] as const).filter((k) => input[k] !== undefined).map((k) => [k, input[k]]),
    );
    await this.audit.record({
      actor: auditActorOf(input.actor),
      action: 'category.update',
      targetType: 'category',
      targetId: category.id,
      campusId: category.campusId,
      details: changes,
      at: this.clock.now(),
    });
    return ok(category);
  }
}
