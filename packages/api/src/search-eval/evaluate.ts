import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PinyinSearchTokenizer, type Persistence } from '@xianzhi/adapters';
import {
  Campus,
  DEFAULT_SYNONYMS,
  IndexedListingSearch,
  Listing,
  SeedDefaultCategories,
  SynonymTable,
  UlidGenerator,
  User,
  type Condition,
  type ListingKind,
} from '@xianzhi/core';

/** One listing of the committed fixture (bench/search/fixture.json). */
export interface FixtureListing {
  id: string;
  kind: ListingKind;
  title: string;
  description: string;
  price: number | null;
  rootCategory: string;
  category: string;
  condition: Condition | null;
  isbn: string | null;
  ageHours: number;
}

export interface JudgedQuery {
  q: string;
  kind: string;
  expected: string[];
}

export interface Metrics {
  recallAt10: number;
  mrr: number;
}

export interface EvaluationReport {
  queries: number;
  listings: number;
  /** Our search with the shipped synonym dictionary, as it runs in production. */
  ours: Metrics;
  /** The same search without synonyms: what it was before they came. */
  plain: Metrics;
  baseline: Metrics;
  byKind: { kind: string; queries: number; ours: Metrics; plain: Metrics; baseline: Metrics }[];
  misses: { q: string; ours: Metrics }[];
}

type Column = 'ours' | 'plain' | 'baseline';

export const EVAL_CAMPUS = 'search-eval';
const NOW = new Date('2026-11-01T04:00:00.000Z');
const K = 10;

export function loadJudgedSet(root: string): { listings: FixtureListing[]; queries: JudgedQuery[] } {
  const read = <T>(file: string) => JSON.parse(readFileSync(join(root, 'bench', 'search', file), 'utf8')) as T;
  return { listings: read<FixtureListing[]>('fixture.json'), queries: read<JudgedQuery[]>('judged-queries.json') };
}

/**
 * Loads the fixture into a campus of its own on an empty, migrated database, indexes it, and scores
 * our search and a plain `LIKE '%q%'` over titles and descriptions (newest first) on the judged queries.
 * recall@10 = relevant found in the top 10 / min(relevant, 10); MRR = mean of 1 / rank of the first relevant.
 */
export async function evaluateSearch(
  persistence: Persistence,
  set: { listings: FixtureListing[]; queries: JudgedQuery[] },
): Promise<EvaluationReport> {
  const ids = new UlidGenerator();
  const clock = { now: () => NOW };
  await persistence.campuses.save(
    Campus.create({ id: EVAL_CAMPUS, name: '评测大学', areas: [], listingLifetimeDays: 60 }),
  );
  await new SeedDefaultCategories(persistence.categories, ids).execute(EVAL_CAMPUS);
  const categories = await persistence.categories.forCampus(EVAL_CAMPUS);
  const byPath = new Map<string, { id: string; rootId: string }>();
  for (const c of categories) {
    const parent = categories.find((p) => p.id === c.parentId);
    if (parent) byPath.set(`${parent.name}/${c.name}`, { id: c.id, rootId: parent.id });
  }
  const owner = User.register({
    id: ids.next(),
    qqOpenId: 'OPENID-SEARCH-EVAL',
    nickname: '评测',
    avatarUrl: null,
    campusId: EVAL_CAMPUS,
    now: NOW,
  });
  await persistence.users.save(owner);

  const deps = {
    tokenizer: new PinyinSearchTokenizer(),
    store: persistence.searchIndex,
    listings: persistence.listings,
    categories: persistence.categories,
    clock,
  };
  const search = new IndexedListingSearch(deps);
  // The shipped dictionary alone: the evaluation campus has no groups of its own.
  const shipped = new SynonymTable(DEFAULT_SYNONYMS, []);
  const withSynonyms = new IndexedListingSearch({ ...deps, synonyms: { forCampus: () => Promise.resolve(shipped) } });
  // One transaction: a few hundred small writes, not a few hundred commits.
  await persistence.uow.run(async () => {
    for (const f of set.listings) {
      const category = byPath.get(`${f.rootCategory}/${f.category}`);
      if (!category) throw new Error(`fixture ${f.id}: no category ${f.rootCategory}/${f.category}`);
      const listing = Listing.publish({
        id: f.id,
        campusId: EVAL_CAMPUS,
        ownerId: owner.id,
        kind: f.kind,
        rootCategoryId: category.rootId,
        now: new Date(NOW.getTime() - f.ageHours * 3600_000),
        lifetimeDays: 60,
        content: {
          title: f.title,
          description: f.description,
          price: f.price,
          originalPrice: null,
          categoryId: category.id,
          condition: f.condition,
          areaId: null,
          tradeMethods: ['face_to_face'],
          photos: [],
          book: f.isbn ? { isbn: f.isbn, author: null, publisher: null, course: null } : null,
        },
      });
      await persistence.listings.save(listing);
      await search.index(listing);
    }
  });

  const scored: ({ q: JudgedQuery } & Record<Column, Metrics>)[] = [];
  const top = async (s: IndexedListingSearch, text: string) =>
    (await s.search({ campusId: EVAL_CAMPUS, text, limit: K })).hits.map((h) => h.listingId);
  for (const q of set.queries) {
    const ours = await top(withSynonyms, q.q);
    const plain = await top(search, q.q);
    const rows = (await persistence.raw(
      `select id from listing where campus_id = ? and status in ('active', 'reserved') and (title like ? or description like ?)
       order by listed_at desc, id desc limit ${K}`,
      [EVAL_CAMPUS, `%${q.q}%`, `%${q.q}%`],
    )) as { id: string }[];
    scored.push({
      q,
      ours: score(ours, q.expected),
      plain: score(plain, q.expected),
      baseline: score(
        rows.map((r) => r.id),
        q.expected,
      ),
    });
  }
  const mean = (list: typeof scored, pick: Column): Metrics => ({
    recallAt10: avg(list.map((s) => s[pick].recallAt10)),
    mrr: avg(list.map((s) => s[pick].mrr)),
  });
  const kinds = [...new Set(set.queries.map((q) => q.kind))];
  return {
    queries: set.queries.length,
    listings: set.listings.length,
    ours: mean(scored, 'ours'),
    plain: mean(scored, 'plain'),
    baseline: mean(scored, 'baseline'),
    byKind: kinds.map((kind) => {
      const list = scored.filter((s) => s.q.kind === kind);
      const of = (c: Column) => mean(list, c);
      return { kind, queries: list.length, ours: of('ours'), plain: of('plain'), baseline: of('baseline') };
    }),
    misses: scored.filter((s) => s.ours.recallAt10 < 1).map((s) => ({ q: s.q.q, ours: s.ours })),
  };
}

function score(ranked: readonly string[], expected: readonly string[]): Metrics {
  const relevant = new Set(expected);
  const top = ranked.slice(0, K);
  const found = top.filter((id) => relevant.has(id)).length;
  const first = top.findIndex((id) => relevant.has(id));
  return { recallAt10: found / Math.min(relevant.size, K), mrr: first < 0 ? 0 : 1 / (first + 1) };
}

function avg(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The report as the lines the command prints. */
export function formatReport(r: EvaluationReport): string {
  const f = (n: number) => n.toFixed(3);
  const cols = (m: Metrics) => `${f(m.recallAt10).padStart(11)} ${f(m.mrr).padStart(10)}`;
  const row = (name: string, n: number, k: Record<Column, Metrics>) =>
    `${name.padEnd(10)} ${String(n).padStart(3)}   ${cols(k.ours)}   ${cols(k.plain)}   ${cols(k.baseline)}`;
  const heads = (who: string) => `${`${who} R@10`.padStart(11)} ${`${who} MRR`.padStart(10)}`;
  const lines = [
    `Judged search set: ${r.queries} queries over ${r.listings} listings`,
    '(ours: with the shipped synonym dictionary; no-syn: the same search without it; LIKE: title or description)',
    '',
    `${'queries'.padEnd(10)} ${'n'.padStart(3)}   ${heads('ours')}   ${heads('no-syn')}   ${heads('LIKE')}`,
    ...r.byKind.map((k) => row(k.kind, k.queries, k)),
    row('all', r.queries, r),
  ];
  if (r.misses.length)
    lines.push(
      '',
      `Queries where ours misses a relevant listing in the top 10: ${r.misses.map((m) => `${m.q} (${f(m.ours.recallAt10)})`).join(', ')}`,
    );
  return lines.join('\n');
}
