import { describe, expect, it } from 'vitest';
import { InMemorySynonyms } from '../testing/in-memory-synonyms.js';
import { DEFAULT_SYNONYMS } from './default-synonyms.js';
import type { Posting, QueryTerm, SearchTokenizer } from './search.js';
import { addSynonymScores, expandQuery, phraseMatches, SYNONYM_WEIGHT, synonymTokens } from './synonym-expansion.js';
import { StoredSynonyms, SynonymTable } from './synonym-table.js';
import { normaliseSynonym, validateSynonymTerms } from './synonyms.js';

/** Enough of the index's tokenizer for the expansion: Chinese bigrams (a lone character alone), Latin words. */
const bigrams: SearchTokenizer = {
  document: () => [],
  query(text: string): QueryTerm[] {
    const out: QueryTerm[] = [];
    for (const [seg] of text
      .normalize('NFKC')
      .toLowerCase()
      .matchAll(/[\u3400-\u9fff]+|[a-z0-9]+/g)) {
      const chars = [...seg];
      if (/^[a-z0-9]/.test(seg) || chars.length === 1)
        out.push({ surface: seg, alternatives: [{ token: seg, weight: 1 }] });
      else
        for (let i = 0; i + 1 < chars.length; i++) {
          const b = chars[i]! + chars[i + 1]!;
          out.push({ surface: b, alternatives: [{ token: b, weight: 1 }] });
        }
    }
    return out;
  },
};

const table = (campus: string[][] = []) =>
  new SynonymTable(
    [
      ['自行车', '单车', '脚踏车'],
      ['高数', '高等数学'],
      ['戴尔', 'dell'],
      ['苹果', 'apple'],
      ['apple watch', '苹果手表'],
      ['椅子', '椅'],
    ],
    campus.map((terms) => ({ terms })),
  );
const expand = (text: string, t = table()) => expandQuery(text, bigrams.query(text), t, bigrams);
const phrases = (terms: QueryTerm[]) => terms.map((t) => [t.surface, (t.synonyms ?? []).map((s) => s.surface)]);

describe('the synonym table', () => {
  it('finds dictionary words leftmost and longest first, Latin ones only as whole words', () => {
    const t = table();
    expect(t.find('二手高数课本').map((m) => m.word)).toEqual(['高数']);
    expect(t.find('Apple Watch 表带').map((m) => m.word)).toEqual(['apple watch']);
    expect(t.find('apple 充电器').map((m) => [m.word, m.others])).toEqual([['apple', ['苹果']]]);
    expect(t.find('pineapple modell')).toEqual([]);
    expect(t.find('dell显示器').map((m) => m.word)).toEqual(['dell']);
    expect(t.find('ＤＥＬＬ').map((m) => m.word)).toEqual(['dell']);
  });

  it("lets a campus group replace the shipped group of each word it holds, and leaves the others' groups", () => {
    const t = table([['单车', '小黄车']]);
    expect(t.othersOf('单车')).toEqual(['小黄车']);
    expect(t.othersOf('小黄车')).toEqual(['单车']);
    expect(t.othersOf('自行车')).toEqual(['单车', '脚踏车']);
    expect(t.othersOf('台灯')).toEqual([]);
  });

  it('is built from the shipped dictionary and the campus groups in the store', async () => {
    const store = new InMemorySynonyms();
    const at = new Date();
    await store.save({
      id: 'g1',
      campusId: 'c1',
      terms: ['单车', '小黄车'],
      createdAt: at,
      createdBy: 'a',
      updatedAt: at,
      updatedBy: 'a',
    });
    const source = new StoredSynonyms(store);
    expect((await source.forCampus('c1')).othersOf('单车')).toEqual(['小黄车']);
    expect((await source.forCampus('c2')).othersOf('单车')).toEqual(['自行车', '脚踏车']);
    // Campuses without groups (any id a client makes up among them) share one table.
    expect(await source.forCampus('c2')).toBe(await source.forCampus('made-up'));
  });
});

describe('the shipped dictionary', () => {
  it('holds at least 150 groups, each a valid group of normalised words, no word in two groups', () => {
    expect(DEFAULT_SYNONYMS.length).toBeGreaterThanOrEqual(150);
    const seen = new Map<string, number>();
    DEFAULT_SYNONYMS.forEach((g, i) => {
      expect(validateSynonymTerms(g), g.join('/')).toEqual({ terms: [...g] });
      for (const w of g) {
        expect(normaliseSynonym(w)).toBe(w);
        expect(seen.get(w), `${w} is in groups ${seen.get(w)} and ${i}`).toBeUndefined();
        seen.set(w, i);
      }
    });
  });

  it('covers the words students use: courses, brands in both scripts, transport, dorm gear', () => {
    const t = new SynonymTable(DEFAULT_SYNONYMS, []);
    expect(t.othersOf('高数')).toContain('高等数学');
    expect(t.othersOf('线代')).toContain('线性代数');
    expect(t.othersOf('单车')).toContain('自行车');
    expect(t.othersOf('苹果')).toContain('apple');
    expect(t.othersOf('椅子')).toContain('椅');
    const brands: [string, string][] = [
      ['雅马哈', 'yamaha'],
      ['戴尔', 'dell'],
      ['联想', 'lenovo'],
    ];
    for (const [zh, latin] of brands) expect(t.othersOf(latin)).toContain(zh);
  });
});

describe('expanding a query', () => {
  it("gives a word's terms the other words of its group, tokenized as the index does", () => {
    const terms = expand('单车');
    expect(phrases(terms)).toEqual([['单车', ['自行车', '脚踏车']]]);
    expect(terms[0]!.synonyms![0]).toEqual({
      surface: '自行车',
      weight: SYNONYM_WEIGHT,
      terms: [
        { surface: '自行', alternatives: [{ token: '自行', weight: 1 }] },
        { surface: '行车', alternatives: [{ token: '行车', weight: 1 }] },
      ],
    });
    // Every bigram of a longer word gets the synonym; the words around it keep none.
    expect(phrases(expand('二手自行车'))).toEqual([
      ['二手', []],
      ['手自', []],
      ['自行', ['单车', '脚踏车']],
      ['行车', ['单车', '脚踏车']],
    ]);
    expect(phrases(expand('Dell 显示器'))).toEqual([
      ['dell', ['戴尔']],
      ['显示', []],
      ['示器', []],
    ]);
    expect(synonymTokens(expand('高数'))).toEqual(['高等', '等数', '数学']);
  });

  it('leaves a query with no dictionary word as it was', () => {
    const terms = bigrams.query('台灯');
    expect(expandQuery('台灯', terms, table(), bigrams)).toEqual(terms);
  });

  it('matches a phrase only where all its terms are in one field', () => {
    const [phrase] = expand('高数')[0]!.synonyms!;
    const post = (listingId: string, token: string, field: Posting['field']): Posting => ({
      listingId,
      token,
      field,
      listedAt: new Date('2026-09-01T00:00:00Z'),
    });
    const byToken = new Map<string, Posting[]>();
    for (const p of [
      post('whole-title', '高等', 'title'),
      post('whole-title', '等数', 'title'),
      post('whole-title', '数学', 'title'),
      post('split', '高等', 'title'),
      post('split', '等数', 'title'),
      post('split', '数学', 'description'),
      post('part', '数学', 'title'),
    ])
      byToken.set(p.token, [...(byToken.get(p.token) ?? []), p]);
    expect([...phraseMatches(phrase!, byToken)]).toEqual([['whole-title', ['title']]]);

    const perListing = new Map([['exact', { scores: [3], matched: new Set(['高数']) }]]);
    addSynonymScores(expand('高数'), byToken, perListing, { title: 3, category: 2, description: 1, isbn: 5 }, () => ({
      scores: [0],
      matched: new Set<string>(),
    }));
    expect(perListing.get('whole-title')).toEqual({ scores: [SYNONYM_WEIGHT * 3], matched: new Set(['高等数学']) });
    expect(perListing.get('exact')!.scores).toEqual([3]);
    expect(perListing.has('split') || perListing.has('part')).toBe(false);
  });
});
