import {
  DEFAULT_SYNONYMS,
  StoredSynonyms,
  type SynonymRepository,
  type SynonymSource,
  type SynonymTable,
} from '../../packages/core/src/index.ts';

/**
 * The synonym source a search runs with in production: the shipped dictionary plus the campus's own groups,
 * held per campus as the API's CachedSynonyms holds it between changes (no version polling here: nothing
 * edits the dictionary during a benchmark).
 */
export function heldSynonyms(repository: SynonymRepository): SynonymSource {
  const stored = new StoredSynonyms(repository, DEFAULT_SYNONYMS);
  const held = new Map<string, Promise<SynonymTable>>();
  return {
    forCampus(campusId) {
      let table = held.get(campusId);
      if (!table) {
        table = stored.forCampus(campusId);
        held.set(campusId, table);
      }
      return table;
    },
  };
}
