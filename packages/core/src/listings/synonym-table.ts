import { DEFAULT_SYNONYMS } from './default-synonyms.js';
import { normaliseSynonym, type SynonymGroup, type SynonymRepository } from './synonyms.js';

const LATIN_OR_DIGIT = /[a-z0-9]/;

/** A word of the dictionary found in a query, by position in the normalised query text. */
export interface SynonymMatch {
  readonly word: string;
  /** The other words of its group. */
  readonly others: readonly string[];
}

/**
 * One campus's dictionary, ready for queries: the shipped default groups, where a campus group replaces
 * the default group of each word it holds (so admins can both add words and take a default mapping back).
 */
export class SynonymTable {
  private readonly groups = new Map<string, readonly string[]>();
  private longest = 0;

  constructor(defaults: readonly (readonly string[])[], campus: readonly Pick<SynonymGroup, 'terms'>[]) {
    for (const g of defaults) this.add(g.map(normaliseSynonym));
    for (const g of campus) this.add(g.terms.map(normaliseSynonym));
  }

  private add(group: readonly string[]): void {
    for (const word of group) {
      if (!word) continue;
      this.groups.set(word, group);
      this.longest = Math.max(this.longest, word.length);
    }
  }

  get size(): number {
    return this.groups.size;
  }

  /** The other words of `word`'s group (none when it has no group). */
  othersOf(word: string): string[] {
    const w = normaliseSynonym(word);
    return (this.groups.get(w) ?? []).filter((o) => o !== w);
  }

  /** Every dictionary word occurring in the text, overlapping ones included. */
  wordsIn(text: string): string[] {
    const t = normaliseSynonym(text);
    const out = new Set<string>();
    for (let at = 0; at < t.length; at++) {
      for (let n = 1; n <= Math.min(this.longest, t.length - at); n++) {
        const candidate = t.slice(at, at + n);
        if (this.groups.has(candidate) && wholeWord(t, at, at + n)) out.add(candidate);
      }
    }
    return [...out];
  }

  /**
   * Dictionary words in the text, leftmost and longest first, never overlapping; a Latin or digit word only
   * as a whole word ("dell" is not found inside "modell").
   */
  find(text: string): SynonymMatch[] {
    const t = normaliseSynonym(text);
    const out: SynonymMatch[] = [];
    for (let at = 0; at < t.length;) {
      let found: string | null = null;
      for (let n = Math.min(this.longest, t.length - at); n >= 1 && !found; n--) {
        const candidate = t.slice(at, at + n);
        if (this.groups.has(candidate) && wholeWord(t, at, at + n)) found = candidate;
      }
      if (found) {
        out.push({ word: found, others: this.othersOf(found) });
        at += found.length;
      } else at++;
    }
    return out;
  }
}

function wholeWord(text: string, start: number, end: number): boolean {
  const edge = (inside: string | undefined, outside: string | undefined) =>
    !(inside && outside && LATIN_OR_DIGIT.test(inside) && LATIN_OR_DIGIT.test(outside));
  return edge(text[start], text[start - 1]) && edge(text[end - 1], text[end]);
}

/** Where a search gets a campus's dictionary from. */
export interface SynonymSource {
  forCampus(campusId: string): Promise<SynonymTable>;
}

/** Reads the campus's groups on every call: wrap it in a cache on the query path (the API holds one per process). */
export class StoredSynonyms implements SynonymSource {
  /** Every campus without groups of its own (most, and any campus id a client makes up) shares this one. */
  private readonly shipped: SynonymTable;

  constructor(
    private readonly repository: SynonymRepository,
    private readonly defaults: readonly (readonly string[])[] = DEFAULT_SYNONYMS,
  ) {
    this.shipped = new SynonymTable(defaults, []);
  }

  async forCampus(campusId: string): Promise<SynonymTable> {
    const groups = await this.repository.forCampus(campusId);
    return groups.length === 0 ? this.shipped : new SynonymTable(this.defaults, groups);
  }
}
