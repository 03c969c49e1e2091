import type { SearchFilters } from '../listings/search.js';
import { DomainError } from '../shared/errors.js';

/** Searches one student may keep. */
export const SAVED_SEARCH_MAX = 20;
/** Alerts one student gets a day (China day) from all their saved searches together, unless configured. */
export const SAVED_SEARCH_DAILY_ALERTS = 10;

/**
 * 我的订阅: a search a student keeps, and is told about when a new listing of their campus matches it
 * (as the search page would find it). The campus is the student's when they saved it.
 */
export interface SavedSearch {
  readonly id: string;
  readonly userId: string;
  readonly campusId: string;
  /** The query text as searched, trimmed. */
  readonly text: string;
  readonly filters: SearchFilters;
  readonly createdAt: Date;
}

export class SavedSearchLimitReached extends DomainError<'SAVED_SEARCH_LIMIT_REACHED'> {
  readonly code = 'SAVED_SEARCH_LIMIT_REACHED' as const;
  constructor(readonly max: number) {
    super(`最多保存 ${max} 个订阅，请先删除不需要的`, { max });
  }
}

export class SavedSearchNotFound extends DomainError<'SAVED_SEARCH_NOT_FOUND'> {
  readonly code = 'SAVED_SEARCH_NOT_FOUND' as const;
  constructor(readonly savedSearchId: string) {
    super('订阅不存在', { savedSearchId });
  }
}

/** Two saves of the same text and filters are one saved search. */
export function sameSearch(
  a: Pick<SavedSearch, 'text' | 'filters'>,
  b: Pick<SavedSearch, 'text' | 'filters'>,
): boolean {
  if (a.text.toLowerCase() !== b.text.toLowerCase()) return false;
  const keys = new Set([...Object.keys(a.filters), ...Object.keys(b.filters)]) as Set<keyof SearchFilters>;
  return [...keys].every((k) => a.filters[k] === b.filters[k]);
}
