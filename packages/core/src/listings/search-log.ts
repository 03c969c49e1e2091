import { DAY_MS } from '../shared/clock.js';

/**
 * What makes a term "hot": searches counted per campus, term and China day; distinct searchers per day
 * come from keyed hashes that are kept only for that day, so no search history of a person exists.
 */
export const HOT_SEARCH = {
  /** Days looked back, today included. */
  windowDays: 7,
  top: 10,
  /** Each day back counts this much less (today 1, yesterday 0.8, …). */
  decay: 0.8,
  /** A term needs this many different searchers on at least one day… */
  minSearchersOnADay: 2,
  /** …and this many over the window (one searcher per day counts once), so one person cannot make it hot. */
  minSearchers: 3,
  /** Longer queries are never recorded: they are rarely repeated and more likely to carry personal text. */
  maxTermLength: 20,
  /** Daily counts are kept this long (the admin dashboard reads them), then deleted. */
  retentionDays: 30,
} as const;

export interface SearchRecord {
  readonly campusId: string;
  /** China day, YYYY-MM-DD. */
  readonly day: string;
  /** A term as `normaliseSearchTerm` returns it. */
  readonly term: string;
  /** The searcher's keyed hash for this day and term (`SearcherKeys`): unlinkable across days and terms. */
  readonly searcherKey: string;
  /** How many searches this record stands for (a batch of the same searcher's searches); 1 when absent. */
  readonly searches?: number;
}

export interface TermDayCount {
  readonly term: string;
  readonly day: string;
  readonly searches: number;
  readonly searchers: number;
}

export interface TermDayQuery {
  readonly campusId: string;
  /** First day included, YYYY-MM-DD. */
  readonly sinceDay: string;
  /** Only terms that had at least this many searchers on one day of the range… */
  readonly minSearchersOnADay: number;
  /** …and at least this many searchers summed over the range. */
  readonly minSearchers: number;
}

/** The campus's search counts: what was searched, per day, by how many people. No user ids. */
export interface SearchLog {
  /**
   * Counts `entry.searches` searches (1 by default) of one searcher; a searcher key already seen for
   * (campus, day, term) adds the searches but no searcher.
   */
  record(entry: SearchRecord): Promise<void>;
  /** Daily counts of the terms that pass the query's thresholds, any order. */
  termDays(query: TermDayQuery): Promise<TermDayCount[]>;
  /** Deletes searcher keys of days before `searchersBefore` and daily counts of days before `countsBefore`. */
  forget(before: { searchersBefore: string; countsBefore: string }): Promise<void>;
}

/** A keyed hash of who searched (a user id or an anonymous client key), scoped to one day and one term. */
export interface SearcherKeys {
  keyFor(identity: string, day: string, term: string): string;
}

const HAN = /\p{Script=Han}/u;
const LONG_NUMBER = /\d{6,}/;
const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * The form a query is counted under: NFKC (full-width letters become ASCII), lower case, single spaces.
 * Null when it must not be counted: empty, a single non-Chinese character, longer than the cap, no
 * letter or digit at all, or holding a long number (phone, QQ or student numbers; ISBNs too).
 */
export function normaliseSearchTerm(text: string): string | null {
  const term = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  const chars = [...term];
  if (chars.length === 0 || chars.length > HOT_SEARCH.maxTermLength) return null;
  if (chars.length === 1 && !HAN.test(term)) return null;
  if (!WORDLIKE.test(term) || LONG_NUMBER.test(term)) return null;
  return term;
}

export interface HotTerm {
  readonly term: string;
  readonly score: number;
  /** Searchers summed per day over the window (a person searching on two days counts twice). */
  readonly searchers: number;
  readonly searches: number;
}

/** Ranks terms by searchers per day, each day back weighing `decay` times the one after it. */
export function rankHotTerms(
  rows: readonly TermDayCount[],
  today: string,
  blocked: readonly string[],
  limit: number,
): HotTerm[] {
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const byTerm = new Map<string, { score: number; searchers: number; searches: number }>();
  for (const r of rows) {
    const age = Math.max(0, Math.round((todayMs - Date.parse(`${r.day}T00:00:00Z`)) / DAY_MS));
    const t = byTerm.get(r.term) ?? { score: 0, searchers: 0, searches: 0 };
    t.score += r.searchers * HOT_SEARCH.decay ** age;
    t.searchers += r.searchers;
    t.searches += r.searches;
    byTerm.set(r.term, t);
  }
  return [...byTerm.entries()]
    .filter(([term]) => !isBlocked(term, blocked))
    .map(([term, t]) => ({
      term,
      score: Math.round(t.score * 1000) / 1000,
      searchers: t.searchers,
      searches: t.searches,
    }))
    .sort((a, b) => b.score - a.score || b.searches - a.searches || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, limit);
}

/** A blocked entry hides every term containing it: blocking 代写 hides 代写论文 too. */
export function isBlocked(term: string, blocked: readonly string[]): boolean {
  return blocked.some((b) => b.length > 0 && term.includes(b));
}

/** The China day `days` before `day` (both YYYY-MM-DD). */
export function dayBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}
