import type { SnippetPart } from './search.js';

const SNIPPET_LENGTH = 60;

/** Splits text into runs, marking every case-insensitive occurrence of a needle. */
export function highlight(text: string, needles: readonly string[]): SnippetPart[] {
  const lower = text.toLowerCase();
  const marks = new Array<boolean>(text.length).fill(false);
  for (const n of needles) {
    const needle = n.toLowerCase();
    if (!needle) continue;
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
      for (let i = at; i < at + needle.length; i++) marks[i] = true;
    }
  }
  const parts: SnippetPart[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = parts.at(-1);
    if (last && last.match === marks[i]) parts[parts.length - 1] = { text: last.text + text[i], match: last.match };
    else parts.push({ text: text[i]!, match: marks[i]! });
  }
  return parts;
}

/** A window of the description around its first match, highlighted. */
export function excerpt(text: string, needles: readonly string[]): SnippetPart[] {
  const lower = text.toLowerCase();
  const first = Math.min(...needles.map((n) => lower.indexOf(n.toLowerCase())).filter((i) => i >= 0), Infinity);
  const start = first === Infinity ? 0 : Math.max(0, first - 15);
  const window = text.slice(start, start + SNIPPET_LENGTH);
  const parts = highlight(window, needles);
  if (start > 0) parts.unshift({ text: '…', match: false });
  if (start + SNIPPET_LENGTH < text.length) parts.push({ text: '…', match: false });
  return parts;
}
