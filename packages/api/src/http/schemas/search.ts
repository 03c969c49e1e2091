import { Type } from 'typebox';
import { Cursor, Id, Limit, Nullable } from './common.js';
import { ListingFilterFields, ListingSummary } from './listings.js';

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 50 }),
  ...ListingFilterFields,
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
