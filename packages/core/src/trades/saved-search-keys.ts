/**
 * How saved searches are filed so that a new listing finds the ones it may match without reading every
 * saved search of its campus. A query matches a listing only if at least one of its terms has an
 * alternative among the listing's tokens (`coversQuery`), so a saved search is filed under every
 * alternative token (`=token`). Typo alternatives would be hundreds per Latin word; those are filed
 * instead under the deletion neighbourhood of the exact token they vary (`~word` and `~` each string one
 * deletion away): two strings at most one edit apart (insert, delete, substitute, swap neighbours) always
 * share a string of their neighbourhoods, so a listing looked up by its tokens' neighbourhoods finds
 * them. Keys only narrow the candidates; each candidate is then checked with the search's own rule.
 *
 * Cost: a saved search holds its exact tokens plus (length + 1) keys per fuzzy Latin word; a new listing
 * looks up its tokens plus (length + 1) keys per ASCII token, then checks each candidate found.
 */

const ASCII = /^[\x20-\x7e]+$/;

/** Every string one deletion away from `word` (the empty one too: `a` and `b` are one edit apart). */
export function deletions(word: string): string[] {
  const chars = [...word];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) out.add([...chars.slice(0, i), ...chars.slice(i + 1)].join(''));
  return [...out];
}

/** Whether two strings are at most one insert, delete, substitution or swap of neighbours apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  const [s, t] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === t[i]) i++;
  if (s.length === t.length) {
    if (s.slice(i + 1) === t.slice(i + 1)) return true;
    return s[i] === t[i + 1] && s[i + 1] === t[i] && s.slice(i + 2) === t.slice(i + 2);
  }
  return s.slice(i) === t.slice(i + 1);
}

const near = (word: string) => [`~${word}`, ...deletions(word).map((d) => `~${d}`)];

/** The keys a saved search with these terms is filed under. */
export function savedSearchKeys(
  terms: readonly { readonly alternatives: readonly { readonly token: string; readonly weight: number }[] }[],
): string[] {
  const keys = new Set<string>();
  for (const term of terms) {
    const exact = term.alternatives.filter((a) => a.weight >= 1 && ASCII.test(a.token)).map((a) => a.token);
    for (const alt of term.alternatives) {
      if (alt.weight <= 0) continue;
      const varied =
        alt.weight < 1 && ASCII.test(alt.token) ? exact.find((e) => withinOneEdit(e, alt.token)) : undefined;
      if (varied === undefined) keys.add(`=${alt.token}`);
      else for (const k of near(varied)) keys.add(k);
    }
  }
  return [...keys];
}

/** The keys to look saved searches up by, for a listing indexed with these tokens. */
export function listingLookupKeys(tokens: Iterable<string>): string[] {
  const keys = new Set<string>();
  for (const t of tokens) {
    keys.add(`=${t}`);
    if (ASCII.test(t)) for (const k of near(t)) keys.add(k);
  }
  return [...keys];
}
