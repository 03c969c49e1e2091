import type { IndexedToken, QueryTerm, SearchField, SearchTokenizer } from '../listings/search.js';
import { minCoveredTerms } from '../listings/search-match.js';
import { expandQuery } from '../listings/synonym-expansion.js';
import type { SynonymTable } from '../listings/synonym-table.js';

/**
 * Synonyms in saved-search alerts, so that what the search page finds is still what alerts: a search for 单车
 * finds a title that says 自行车, so a saved 单车 must hear of a new 自行车 listing.
 */

/**
 * Extra tokens to look saved searches up by: the exact tokens of the other words of every dictionary word in
 * the listing's text. A saved 单车 is filed under 单车's tokens; a listing that says 自行车 looks them up too.
 */
export function synonymLookupTokens(
  texts: readonly string[],
  table: SynonymTable,
  tokenizer: SearchTokenizer,
): string[] {
  const words = new Set(texts.flatMap((t) => table.wordsIn(t)));
  const out = new Set<string>();
  for (const word of words)
    for (const other of table.othersOf(word))
      for (const term of tokenizer.query(other)) for (const a of term.alternatives) if (a.weight >= 1) out.add(a.token);
  return [...out];
}

/** The saved search's terms as the search page would run them on this campus: expanded with its synonyms. */
export function expandedTerms(text: string, tokenizer: SearchTokenizer, table: SynonymTable | null): QueryTerm[] {
  const terms = tokenizer.query(text);
  return table ? expandQuery(text, terms, table, tokenizer) : terms;
}

/**
 * The search's coverage rule with synonyms: a term counts when one of its alternatives is among the listing's
 * tokens, or when one of its synonym phrases lies whole within one field (as `phraseMatches` ranks it).
 */
export function coversExpandedQuery(terms: readonly QueryTerm[], tokens: readonly IndexedToken[]): boolean {
  if (terms.length === 0) return false;
  const all = new Set(tokens.map((t) => t.token));
  const byField = new Map<SearchField, Set<string>>();
  for (const t of tokens) {
    const set = byField.get(t.field) ?? new Set<string>();
    set.add(t.token);
    byField.set(t.field, set);
  }
  const fields = [...byField.values()];
  const covered = terms.filter(
    (term) =>
      term.alternatives.some((a) => a.weight > 0 && all.has(a.token)) ||
      (term.synonyms ?? []).some((phrase) =>
        fields.some((set) => phrase.terms.every((pt) => pt.alternatives.some((a) => set.has(a.token)))),
      ),
  ).length;
  return covered >= minCoveredTerms(terms.length);
}
