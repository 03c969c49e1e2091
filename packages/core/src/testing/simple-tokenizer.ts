import type { QueryTerm, SearchTokenizer } from '../listings/search.js';

/**
 * Bigrams and Latin words: enough of the production tokenizer's shape for core's tests (the production
 * one, with pinyin and typo variants, lives in adapters and is tested there).
 */
export const simpleTokenizer: SearchTokenizer = {
  document: (doc) =>
    [doc.title, doc.description, ...doc.categoryNames].flatMap((text) =>
      words(text).map((token) => ({ token, field: 'title' as const })),
    ),
  query: (text): QueryTerm[] => words(text).map((w) => ({ surface: w, alternatives: [{ token: w, weight: 1 }] })),
};
function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[a-z0-9]{2,}|\p{Script=Han}+/gu)) {
    const s = m[0];
    if (!/\p{Script=Han}/u.test(s)) out.push(s);
    else if (s.length === 1) out.push(s);
    else for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  }
  return out;
}
