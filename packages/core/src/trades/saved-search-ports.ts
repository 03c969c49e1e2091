import type { SavedSearch } from './saved-search.js';

/** Saved searches, the keys they are filed under (saved-search-keys.ts) and the alerts they sent. */
export interface SavedSearchRepository {
  /**
   * Stores the search filed under `keys`, unless its owner already has `max` of them: false then, and
   * nothing is stored. Two saves at once never leave more than `max`.
   */
  add(search: SavedSearch, keys: readonly string[], max: number): Promise<boolean>;
  /** The student's saved searches, newest first. */
  byUser(userId: string): Promise<SavedSearch[]>;
  /** Deletes the student's saved search with its keys; false when they have none with this id. */
  remove(userId: string, id: string): Promise<boolean>;
  /** Saved searches of the campus filed under any of the keys, by id ascending, strictly after `afterId`. */
  withAnyKey(campusId: string, keys: readonly string[], afterId: string | null, limit: number): Promise<SavedSearch[]>;
  /**
   * Takes one of the student's `limit` alerts of `day` for the listing. True when taken now or already
   * taken for this student and listing before (a re-run tells again, the notification key keeps it one);
   * false when the day's alerts are used up.
   */
  takeAlert(userId: string, listingId: string, day: string, limit: number, now: Date): Promise<boolean>;
}
