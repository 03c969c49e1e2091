import { describe, expect, it } from 'vitest';
import { deletions, listingLookupKeys, savedSearchKeys, withinOneEdit } from './saved-search-keys.js';

/** Every string one edit (insert, delete, substitute, swap neighbours) from `word`, over a small alphabet. */
function oneEdits(word: string, alphabet = 'abdipx'): string[] {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of alphabet) {
      if (tail) out.add(head + c + tail.slice(1));
      out.add(head + c + tail);
    }
  }
  out.delete(word);
  return [...out];
}

describe('saved-search keys', () => {
  it('tells strings one edit apart from those further apart', () => {
    expect(withinOneEdit('ipad', 'ipad')).toBe(true);
    expect(withinOneEdit('ipad', 'ipda')).toBe(true);
    expect(withinOneEdit('ipad', 'iad')).toBe(true);
    expect(withinOneEdit('ipad', 'ipads')).toBe(true);
    expect(withinOneEdit('ipad', 'ipod')).toBe(true);
    expect(withinOneEdit('ipad', 'paid')).toBe(false);
    expect(withinOneEdit('ipad', 'ip')).toBe(false);
    expect(withinOneEdit('ipad', 'ipxx')).toBe(false);
    expect(deletions('abc').sort()).toEqual(['ab', 'ac', 'bc']);
    expect(deletions('a')).toEqual(['']);
  });

  it('agrees with the brute-force definition over every short word of a small alphabet', () => {
    const words = ['', 'a', 'ab', 'ba', 'abd', 'ipad', 'pdia'];
    for (const a of words) {
      const near = new Set(oneEdits(a));
      for (const b of [...words, ...oneEdits('ipad'), ...oneEdits('abd')]) {
        expect(withinOneEdit(a, b), `${a} ~ ${b}`).toBe(a === b || near.has(b));
      }
    }
  });

  it('a listing holding any typo variant of a saved word finds the search by its keys', () => {
    const word = 'macbook';
    const variants = oneEdits(word, 'abcmokz');
    const terms = [{ alternatives: [{ token: word, weight: 1 }, ...variants.map((v) => ({ token: v, weight: 0.6 }))] }];
    const keys = new Set(savedSearchKeys(terms));
    // Filed under its neighbourhood (word + deletions), not under hundreds of variants.
    expect(keys.size).toBe(word.length + 1);
    for (const v of variants) {
      expect(
        listingLookupKeys([v, '自行']).some((k) => keys.has(k)),
        v,
      ).toBe(true);
    }
    expect(listingLookupKeys(['mbcboo', '自行']).some((k) => keys.has(k))).toBe(false);
  });

  it('files other alternatives (Chinese, synonyms) under themselves, and a listing finds them by its own tokens', () => {
    const terms = [
      { alternatives: [{ token: '自行', weight: 1 }] },
      {
        alternatives: [
          { token: '单车', weight: 0.8 },
          { token: 'bike', weight: 0.8 },
        ],
      },
    ];
    expect(savedSearchKeys(terms).sort()).toEqual(['=bike', '=单车', '=自行'].sort());
    expect(listingLookupKeys(['单车'])).toContain('=单车');
    expect(listingLookupKeys(['bike'])).toEqual(expect.arrayContaining(['=bike', '~bike', '~ike', '~bke']));
  });
});
