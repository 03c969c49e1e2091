import type { SynonymGroup, SynonymRepository } from '../listings/synonyms.js';

/** The campuses' synonym groups in a map: what the SQL adapter keeps in `search_synonym`. */
export class InMemorySynonyms implements SynonymRepository {
  private readonly rows = new Map<string, SynonymGroup>();

  async forCampus(campusId: string): Promise<SynonymGroup[]> {
    return [...this.rows.values()].filter((r) => r.campusId === campusId).map(copyOf);
  }

  async byId(id: string): Promise<SynonymGroup | null> {
    const r = this.rows.get(id);
    return r ? copyOf(r) : null;
  }

  async save(group: SynonymGroup): Promise<void> {
    const stored = this.rows.get(group.id);
    // The campus is fixed at creation, as in the SQL adapter (it never updates `campus_id`).
    this.rows.set(group.id, copyOf(stored ? { ...group, campusId: stored.campusId } : group));
  }

  async remove(id: string): Promise<void> {
    this.rows.delete(id);
  }
}

function copyOf(g: SynonymGroup): SynonymGroup {
  return { ...g, terms: [...g.terms], createdAt: new Date(g.createdAt), updatedAt: new Date(g.updatedAt) };
}
