import { Type } from 'typebox';
import { ConditionValue, Cursor, Id, Kind, Limit, Nullable } from './common.js';
import { ListingSummary } from './listings.js';

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 50 }),
  campusId: Type.Optional(Id),
  kind: Type.Optional(Kind),
  categoryId: Type.Optional(Id),
  condition: Type.Optional(ConditionValue),
  minPrice: Type.Optional(Type.Integer({ minimum: 0 })),
  maxPrice: Type.Optional(Type.Integer({ minimum: 0 })),
  areaId: Type.Optional(Id),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

/** Highlighted text as runs: clients render `match` runs emphasised, no markup to escape. */
const Highlighted = Type.Array(Type.Object({ text: Type.String(), match: Type.Boolean() }));

export const SearchPage = Type.Object({
  items: Type.Array(Type.Object({
    listing: ListingSummary,
    score: Type.Number(),
    title: Highlighted,
    snippet: Highlighted,
  })),
  nextCursor: Nullable(Type.String()),
});

export const SuggestQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 50 }),
  campusId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
});

export const Suggestions = Type.Object({ suggestions: Type.Array(Type.String()) });
