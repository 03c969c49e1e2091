import { Type } from 'typebox';
import { ConditionValue, Id, Kind, Labelled, TradeMethodValue } from './common.js';

const CategoryLeaf = Type.Object({ id: Id, code: Type.String(), name: Type.String() });

export const Catalog = Type.Object({
  campus: Type.Object({ id: Id, name: Type.String(), areas: Type.Array(Type.Object({ id: Id, name: Type.String() })) }),
  categories: Type.Array(Type.Object({ ...CategoryLeaf.properties, children: Type.Array(CategoryLeaf) })),
  conditions: Labelled(ConditionValue),
  tradeMethods: Labelled(TradeMethodValue),
  kinds: Labelled(Kind),
});

export const CampusQuery = Type.Object({ campusId: Type.Optional(Id) });

export const CategoriesQuery = Type.Object({
  campusId: Type.Optional(Id),
  includeDisabled: Type.Optional(Type.Boolean({ description: 'Admins only: also list disabled categories' })),
});

const ManagedLeaf = Type.Object({
  ...CategoryLeaf.properties,
  sortOrder: Type.Integer(),
  enabled: Type.Boolean(),
});

export const CategoryList = Type.Object({
  items: Type.Array(Type.Object({ ...ManagedLeaf.properties, children: Type.Array(ManagedLeaf) })),
});

export const AdminCategory = Type.Object({
  id: Id,
  campusId: Id,
  parentId: Type.Union([Id, Type.Null()]),
  code: Type.String(),
  name: Type.String(),
  sortOrder: Type.Integer(),
  enabled: Type.Boolean(),
});

export const CreateCategoryBody = Type.Object(
  {
    campusId: Type.Optional(Id),
    parentId: Type.Optional(
      Type.Union([Id, Type.Null()], { description: 'A 一级标签 id for a 二级标签; null or absent for a new root' }),
    ),
    code: Type.String({ maxLength: 64 }),
    name: Type.String({ maxLength: 100 }),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);

export const UpdateCategoryBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 100 })),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
