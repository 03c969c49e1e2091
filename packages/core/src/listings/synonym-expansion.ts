import type { Posting, QueryTerm, SearchField, SearchTokenizer } from './search.js';
import { normaliseSynonym } from './synonyms.js';
import type { SynonymTable } from './synonym-table.js';

/**
 * What a synonym match counts against the word itself in the same field: a title that says 自行车 ranks
 * below one that says 单车 for the query 单车 (0.8 × 3 plus at most 0.5 of freshness stays under 3), and
 * above a listing that has 单车 only in its description.
 */
export const SYNONYM_WEIGHT = 0.8;

export type SynonymPhrase = NonNullable<QueryTerm['synonyms']>[number];

/**
 * Adds to each query term the synonyms of the dictionary word it belongs to, each tokenized by the index's
 * own tokenizer, so no listing needs reindexing. A query term belongs to a word found in the query when the
 * term's text lies inside the word: for 自行车 both bigrams 自行 and 行车 get the phrase 单车, for 单车 the one
 * term gets the phrases 自行车 and 脚踏车. Terms of no dictionary word are left as they are.
 */
export function expandQuery(
  text: string,
  terms: readonly QueryTerm[],
  table: SynonymTable,
  tokenizer: SearchTokenizer,
): QueryTerm[] {
  const matches = table.find(text);
  if (matches.length === 0) return [...terms];
  const phrasesOf = new Map<string, SynonymPhrase[]>();
  for (const m of matches) {
    const phrases = m.others.flatMap((other): SynonymPhrase[] => {
      // Exact tokens only: a phrase's typo variants would make a synonym of a near-miss.
      const phraseTerms = tokenizer
        .query(other)
        .map((t) => ({ surface: t.surface, alternatives: t.alternatives.filter((a) => a.weight >= 1) }))
        .filter((t) => t.alternatives.length > 0);
      return phraseTerms.length > 0 ? [{ surface: other, terms: phraseTerms, weight: SYNONYM_WEIGHT }] : [];
    });
    if (phrases.length > 0) phrasesOf.set(m.word, phrases);
  }
  return terms.map((term) => {
    const surface = normaliseSynonym(term.surface);
    const synonyms = [...phrasesOf.entries()]
      .filter(([word]) => surface.length > 0 && word.includes(surface))
      .flatMap(([, phrases]) => phrases);
    return synonyms.length > 0 ? { ...term, synonyms } : term;
  });
}

/** Every token the synonym phrases of these terms need, to read in the same lookup as the query's own. */
export function synonymTokens(terms: readonly QueryTerm[]): string[] {
  return terms.flatMap((t) =>
    (t.synonyms ?? []).flatMap((p) => p.terms.flatMap((pt) => pt.alternatives.map((a) => a.token))),
  );
}

/**
 * The listings where a phrase matched, with the fields it matched in: every term of the phrase has a token
 * in that same field (高等数学 in a title, not 高等 in the title and 数学 in the description).
 */
export function phraseMatches(
  phrase: SynonymPhrase,
  byToken: ReadonlyMap<string, readonly Posting[]>,
): Map<string, SearchField[]> {
  let result: Map<string, Set<SearchField>> | null = null;
  for (const term of phrase.terms) {
    const here = new Map<string, Set<SearchField>>();
    for (const alt of term.alternatives) {
      for (const p of byToken.get(alt.token) ?? []) {
        if (result && !result.get(p.listingId)?.has(p.field)) continue;
        const fields = here.get(p.listingId) ?? new Set<SearchField>();
        fields.add(p.field);
        here.set(p.listingId, fields);
      }
    }
    result = here;
    if (result.size === 0) break;
  }
  return new Map([...(result ?? new Map<string, Set<SearchField>>()).entries()].map(([id, f]) => [id, [...f]]));
}

/**
 * Scores each term's synonym phrases into the per-listing scores the ranking built from the query's own
 * words: a phrase counts its weight times the best field it matched in, and only where that beats what the
 * listing already reached for the term (a title that says both 单车 and 自行车 counts as an exact match).
 */
export function addSynonymScores<E extends { scores: number[]; matched: Set<string> }>(
  terms: readonly QueryTerm[],
  byToken: ReadonlyMap<string, readonly Posting[]>,
  perListing: Map<string, E>,
  fieldWeight: Readonly<Record<SearchField, number>>,
  /** A new entry for a listing only a synonym matched (the ranking keeps more than scores per listing). */
  create: (listingId: string) => E,
): void {
  terms.forEach((term, i) => {
    for (const phrase of term.synonyms ?? []) {
      for (const [id, fields] of phraseMatches(phrase, byToken)) {
        let entry = perListing.get(id);
        if (!entry) perListing.set(id, (entry = create(id)));
        const s = phrase.weight * Math.max(...fields.map((f) => fieldWeight[f]));
        if (s > entry.scores[i]!) entry.scores[i] = s;
        entry.matched.add(phrase.surface);
      }
    }
  });
}
