import type { SavedSearch } from '../trades/saved-search.js';
import type { SavedSearchRepository } from '../trades/saved-search-ports.js';
import type { InMemoryStore } from './in-memory-store.js';

const clone = (s: SavedSearch): SavedSearch => structuredClone(s);

export class InMemorySavedSearchRepository implements SavedSearchRepository {
  constructor(private readonly store: InMemoryStore) {}
  private get table() {
    return this.store.tables.savedSearches;
  }

  async add(search: SavedSearch, keys: readonly string[], max: number): Promise<boolean> {
    const count = [...this.table.values()].filter((r) => r.search.userId === search.userId).length;
    if (count >= max) return false;
    this.table.set(search.id, { search: clone(search), keys: [...new Set(keys)] });
    return true;
  }

  async byUser(userId: string): Promise<SavedSearch[]> {
    return [...this.table.values()]
      .map((r) => r.search)
      .filter((s) => s.userId === userId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map(clone);
  }

  async remove(userId: string, id: string): Promise<boolean> {
    const row = this.table.get(id);
    if (!row || row.search.userId !== userId) return false;
    this.table.delete(id);
    return true;
  }

  async withAnyKey(
    campusId: string,
    keys: readonly string[],
    afterId: string | null,
    limit: number,
  ): Promise<SavedSearch[]> {
    const wanted = new Set(keys);
    return [...this.table.values()]
      .filter((r) => r.search.campusId === campusId && (afterId === null || r.search.id > afterId))
      .filter((r) => r.keys.some((k) => wanted.has(k)))
      .map((r) => r.search)
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map(clone);
  }

  async takeAlert(userId: string, listingId: string, day: string, limit: number, _now?: Date): Promise<boolean> {
    const alerts = this.store.tables.savedSearchAlerts;
    if (alerts.has(`${userId}|${listingId}`)) return true;
    const today = [...alerts.entries()].filter(([k, d]) => k.startsWith(`${userId}|`) && d === day).length;
    if (today >= limit) return false;
    alerts.set(`${userId}|${listingId}`, day);
    return true;
  }
}
