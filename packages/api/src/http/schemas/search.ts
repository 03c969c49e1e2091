import { Type } from 'typebox';
import { Cursor, Id, IsoDate, Limit, Nullable } from './common.js';
import { ListingFilterFields, ListingSummary } from './listings.js';

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 50 }),
  ...ListingFilterFields,
  sort: Type.Optional(Type.Enum(['relevance', 'newest', 'price_asc', 'price_desc'])),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

/** Highlighted text as runs: clients render `match` runs emphasised, no markup to escape. */
const Highlighted = Type.Array(Type.Object({ text: Type.String(), match: Type.Boolean() }));

export const SearchPage = Type.Object({
  items: Type.Array(
    Type.Object({
      listing: ListingSummary,
      score: Type.Number(),
      title: Highlighted,
      snippet: Highlighted,
    }),
  ),
  nextCursor: Nullable(Type.String()),
});

export const SuggestQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 50 }),
  campusId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
});

export const Suggestions = Type.Object({ suggestions: Type.Array(Type.String()) });

export const HotQuery = Type.Object({ campusId: Type.Optional(Id) });

export const HotSearches = Type.Object({
  terms: Type.Array(Type.String(), {
    description: 'At most 10, hottest first: searched by several people over the last 7 days, blocked terms left out',
  }),
});

export const BlockedTermsQuery = Type.Object({ campusId: Type.Optional(Id) });

export const BlockedTerm = Type.Object({
  id: Type.String(),
  campusId: Type.String(),
  term: Type.String(),
  createdAt: IsoDate,
  createdBy: Type.String(),
});

export const BlockedTermList = Type.Object({ items: Type.Array(BlockedTerm) });

export const BlockTermBody = Type.Object({
  campusId: Type.Optional(Id),
  term: Type.String({ maxLength: 100 }),
});
