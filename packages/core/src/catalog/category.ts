/**
 * A node of a campus's two-level tree: roots are 一级标签, their children 二级标签. Listings sit
 * in a child. Disabled categories keep their listings but take no new ones and leave the menus.
 */
export class Category {
  id!: string;
  campusId!: string;
  /** Null for a root. */
  parentId!: string | null;
  /** Stable per campus, for links and seeds; names may be edited. */
  code!: string;
  name!: string;
  sortOrder!: number;
  enabled!: boolean;

  static create(input: {
    id: string;
    campusId: string;
    parentId: string | null;
    code: string;
    name: string;
    sortOrder: number;
  }): Category {
    const c = new Category();
    Object.assign(c, input);
    c.enabled = true;
    return c;
  }

  get isRoot(): boolean {
    return this.parentId === null;
  }
}

export interface CategoryNode {
  readonly category: Category;
  readonly children: readonly Category[];
}

/** Orders roots and children by sortOrder, then name. Orphans (a child whose parent is gone) are dropped. */
export function buildTree(categories: readonly Category[], opts: { includeDisabled: boolean }): CategoryNode[] {
  const visible = categories.filter((c) => opts.includeDisabled || c.enabled);
  const order = (a: Category, b: Category) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN');
  const roots = visible.filter((c) => c.parentId === null).sort(order);
  return roots.map((root) => ({
    category: root,
    children: visible.filter((c) => c.parentId === root.id).sort(order),
  }));
}
