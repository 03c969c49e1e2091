import { Type } from 'typebox';
import { Id, IsoDate } from './common.js';
import { ListingFilterFields } from './listings.js';

/** The filters the search route takes (its campus is the student's own). */
const filterFields = {
  kind: ListingFilterFields.kind,
  categoryId: ListingFilterFields.categoryId,
  condition: ListingFilterFields.condition,
  minPrice: ListingFilterFields.minPrice,
  maxPrice: ListingFilterFields.maxPrice,
  areaId: ListingFilterFields.areaId,
  tradeMethod: ListingFilterFields.tradeMethod,
};

/** What `GET /v1/search` was asked, as a body: its text and filters. Length rules live in core. */
export const SaveSearchBody = Type.Object({ q: Type.String({ maxLength: 200 }), ...filterFields });

export const SavedSearch = Type.Object({
  id: Id,
  q: Type.String({ description: 'The query text as saved (trimmed)' }),
  filters: Type.Object(filterFields, { description: 'Only the filters the search was saved with' }),
  createdAt: IsoDate,
});

export const SavedSearchList = Type.Object({
  items: Type.Array(SavedSearch, { description: 'Newest first; at most 20' }),
});
