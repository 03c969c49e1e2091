import type { BlockedSearchTerm, BlockedSearchTermRepository } from '../listings/blocked-search-terms.js';
import type { SearchLog, SearchRecord, TermDayCount, TermDayQuery } from '../listings/search-log.js';

/** The search counts in maps: what the SQL adapter keeps in `search_term_day` and `search_searcher`. */
export class InMemorySearchLog implements SearchLog {
  private readonly counts = new Map<string, { campusId: string } & TermDayCount>();
  private readonly searchers = new Set<string>();

  async record(e: SearchRecord): Promise<void> {
    const searcher = JSON.stringify([e.campusId, e.day, e.term, e.searcherKey]);
    const isNew = !this.searchers.has(searcher);
    this.searchers.add(searcher);
    const key = JSON.stringify([e.campusId, e.day, e.term]);
    const row = this.counts.get(key) ?? { campusId: e.campusId, day: e.day, term: e.term, searches: 0, searchers: 0 };
    this.counts.set(key, {
      ...row,
      searches: row.searches + (e.searches ?? 1),
      searchers: row.searchers + (isNew ? 1 : 0),
    });
  }

  async termDays(q: TermDayQuery): Promise<TermDayCount[]> {
    const rows = [...this.counts.values()].filter((r) => r.campusId === q.campusId && r.day >= q.sinceDay);
    const perTerm = new Map<string, { max: number; sum: number }>();
    for (const r of rows) {
      const t = perTerm.get(r.term) ?? { max: 0, sum: 0 };
      perTerm.set(r.term, { max: Math.max(t.max, r.searchers), sum: t.sum + r.searchers });
    }
    return rows
      .filter((r) => {
        const t = perTerm.get(r.term)!;
        return t.max >= q.minSearchersOnADay && t.sum >= q.minSearchers;
      })
      .map(({ term, day, searches, searchers }) => ({ term, day, searches, searchers }));
  }

  async forget(before: { searchersBefore: string; countsBefore: string }): Promise<void> {
    for (const s of this.searchers)
      if ((JSON.parse(s) as string[])[1]! < before.searchersBefore) this.searchers.delete(s);
    for (const [k, r] of this.counts) if (r.day < before.countsBefore) this.counts.delete(k);
  }

  /** How many searcher keys are held (tests check they do not outlive their day). */
  get heldSearcherKeys(): number {
    return this.searchers.size;
  }
}

export class InMemoryBlockedSearchTerms implements BlockedSearchTermRepository {
  private readonly rows = new Map<string, BlockedSearchTerm>();

  async forCampus(campusId: string): Promise<BlockedSearchTerm[]> {
    return [...this.rows.values()].filter((r) => r.campusId === campusId).map((r) => ({ ...r }));
  }

  async byId(id: string): Promise<BlockedSearchTerm | null> {
    const r = this.rows.get(id);
    return r ? { ...r } : null;
  }

  async add(entry: BlockedSearchTerm): Promise<{ entry: BlockedSearchTerm; created: boolean }> {
    const existing = [...this.rows.values()].find((r) => r.campusId === entry.campusId && r.term === entry.term);
    if (existing) return { entry: { ...existing }, created: false };
    this.rows.set(entry.id, { ...entry });
    return { entry: { ...entry }, created: true };
  }

  async remove(id: string): Promise<void> {
    this.rows.delete(id);
  }
}
