import type { SavedSearch, SavedSearchList, SaveSearchBody } from '@xianzhi/api/contract';
import { request } from './client';

export type { SavedSearch, SavedSearchList, SaveSearchBody };

/** The API keeps at most this many per student (then 409 SAVED_SEARCH_LIMIT_REACHED). */
export const SAVED_SEARCH_MAX = 20;

export const savedSearchKeys = { mine: ['me', 'saved-searches'] as const };

export const savedSearchApi = {
  mine: () => request<SavedSearchList>('GET', '/v1/me/saved-searches'),
  save: (body: SaveSearchBody) => request<SavedSearch>('POST', '/v1/me/saved-searches', { body }),
  remove: (id: string) => request<null>('DELETE', `/v1/me/saved-searches/${encodeURIComponent(id)}`),
};
