import { pinyin } from 'pinyin-pro';
import type { IndexedToken, QueryTerm, SearchDocument, SearchField, SearchTokenizer } from '@xianzhi/core';

/** Longest run of Chinese characters whose pinyin is indexed as one token ("zixingche", "zxc"). */
const MAX_PINYIN_SPAN = 5;
const MAX_TOKEN_LENGTH = 64;
const TYPO_MIN_LENGTH = 4;
const TYPO_WEIGHT = 0.6;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
const ISBN_PREFIX = 'isbn:';

type Segment = { kind: 'han'; text: string } | { kind: 'latin'; text: string } | { kind: 'digits'; text: string };

/** Full-width forms folded, lower case: "ｉＰａｄ" and "IPAD" are "ipad". */
function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function segments(text: string): Segment[] {
  const out: Segment[] = [];
  for (const m of normalize(text).matchAll(/[\u3400-\u9fff]+|[a-z]+|\d+/g)) {
    const s = m[0];
    out.push({ kind: /^\d/.test(s) ? 'digits' : /^[a-z]/.test(s) ? 'latin' : 'han', text: s });
  }
  return out;
}

function isbnOf(text: string): string | null {
  const digits = text.replace(/[\s-]/g, '');
  return /^97[89]\d{10}$/.test(digits) ? digits : null;
}

/**
 * Tokens for a search index with no language support in the database: Chinese single characters and
 * bigrams (so any part of a word is found without a dictionary), Latin words and numbers, and for titles
 * and category names the pinyin and the initials of every short run of characters, so "zixingche" and
 * "zxc" find 自行车. Queries get the same treatment, plus one-edit variants of Latin and pinyin words.
 */
export class PinyinSearchTokenizer implements SearchTokenizer {
  document(doc: SearchDocument): IndexedToken[] {
    const seen = new Map<string, IndexedToken>();
    const add = (token: string, field: SearchField) => {
      const t = token.slice(0, MAX_TOKEN_LENGTH);
      const key = `${field}\u0000${t}`;
      if (!seen.has(key)) seen.set(key, { token: t, field });
    };
    const text = (value: string, field: SearchField, withPinyin: boolean) => {
      for (const seg of segments(value)) {
        if (seg.kind === 'latin') {
          if (seg.text.length >= 2) add(seg.text, field);
        } else if (seg.kind === 'digits') {
          add(seg.text, field);
        } else {
          const chars = [...seg.text];
          chars.forEach((c, i) => {
            add(c, field);
            if (i + 1 < chars.length) add(c + chars[i + 1]!, field);
          });
          if (withPinyin) for (const t of pinyinSpans(chars)) add(t, field);
        }
      }
    };
    text(doc.title, 'title', true);
    for (const name of doc.categoryNames) text(name, 'category', true);
    text(doc.description, 'description', false);
    if (doc.isbn) add(ISBN_PREFIX + doc.isbn, 'isbn');
    return [...seen.values()];
  }

  query(text: string): QueryTerm[] {
    const isbn = isbnOf(text.trim());
    if (isbn)
      return [
        {
          surface: isbn,
          alternatives: [
            { token: ISBN_PREFIX + isbn, weight: 1 },
            { token: isbn, weight: 1 },
          ],
        },
      ];
    const terms: QueryTerm[] = [];
    for (const seg of segments(text)) {
      if (seg.kind === 'han') {
        const chars = [...seg.text];
        if (chars.length === 1) terms.push({ surface: seg.text, alternatives: [{ token: seg.text, weight: 1 }] });
        for (let i = 0; i + 1 < chars.length; i++) {
          const bigram = chars[i]! + chars[i + 1]!;
          terms.push({ surface: bigram, alternatives: [{ token: bigram, weight: 1 }] });
        }
      } else if (seg.kind === 'digits') {
        terms.push({ surface: seg.text, alternatives: [{ token: seg.text, weight: 1 }] });
      } else {
        const word = seg.text.slice(0, MAX_TOKEN_LENGTH);
        const alternatives = [{ token: word, weight: 1 }];
        if (word.length >= TYPO_MIN_LENGTH) {
          for (const v of oneEditVariants(word)) alternatives.push({ token: v, weight: TYPO_WEIGHT });
        }
        terms.push({ surface: word, alternatives });
      }
    }
    return terms;
  }
}

/** Full pinyin and initials of every run of 2 to MAX_PINYIN_SPAN characters. */
function pinyinSpans(chars: readonly string[]): string[] {
  const full = pinyin(chars.join(''), { toneType: 'none', type: 'array', v: true });
  const initials = full.map((p) => p[0] ?? '');
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    for (let n = 2; n <= MAX_PINYIN_SPAN && i + n <= chars.length; n++) {
      out.push(full.slice(i, i + n).join(''), initials.slice(i, i + n).join(''));
    }
  }
  return out.filter((t) => /^[a-z]+$/.test(t));
}

/** Every string one deletion, substitution, insertion or adjacent swap away ("ipda" → "ipad"). */
export function oneEditVariants(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of ALPHABET) {
      if (tail) out.add(head + c + tail.slice(1));
      out.add(head + c + tail);
    }
  }
  out.delete(word);
  return [...out];
}
