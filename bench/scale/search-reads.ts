/**
 * What one search reads, per query of the judged set: postings from the index, listings probed to confirm the
 * ranking, and the statements for them. Counts do not depend on the machine's load, so they show whether a
 * query's work grows with N where timings on a shared machine cannot.
 *
 *   ./xz node --conditions=@xianzhi/source --import tsx bench/scale/search-reads.ts --db <url> [--filters] [--all] [--passes N]
 *
 * `--filters` cycles through the five filters of bench:scale's "with a filter" mix. Prints the mean and the
 * maximum per query, and the slowest queries (`--all`: every query), each timed as the median of the passes
 * after the first, which warms the caches (`--passes`, default 2).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  IndexedListingSearch,
  systemClock,
  type ListingRepository,
  type SearchFilters,
  type SearchIndexStore,
} from '../../packages/core/src/index.ts';
import { openPersistence, PinyinSearchTokenizer, redactDatabaseUrl } from '../../packages/adapters/src/index.ts';
import { DEMO_CAMPUS } from '../../packages/api/src/seed/demo-world.ts';
import { cliArgs } from './bulk-db.ts';
import { heldSynonyms } from './synonyms.ts';

const { values } = parseArgs({
  args: cliArgs(),
  options: {
    db: { type: 'string' },
    filters: { type: 'boolean', default: false },
    all: { type: 'boolean', default: false },
    passes: { type: 'string', default: '2' },
  },
  strict: true,
});
if (!values.db) {
  process.stderr.write('usage: search-reads.ts --db <url> [--filters] [--all] [--passes N]\n');
  process.exit(2);
}
const passes = Math.max(2, Number(values.passes));
const p = await openPersistence({ url: values.db, poolSize: 4 });
type Counts = { postings: number; probes: number; statements: number; ms: number };
let c: Counts = { postings: 0, probes: 0, statements: 0, ms: 0 };
const store: SearchIndexStore = {
  replace: (l, t) => p.searchIndex.replace(l, t),
  remove: (id) => p.searchIndex.remove(id),
  clear: (campus) => p.searchIndex.clear(campus),
  lookup: async (campus, tokens, n) => {
    const found = await p.searchIndex.lookup(campus, tokens, n);
    c.postings += found.length;
    return found;
  },
};
const listings = Object.create(p.listings) as ListingRepository;
listings.searchHits = async (ids, q) => {
  c.probes += ids.length;
  c.statements += Math.ceil(ids.length / 500);
  return p.listings.searchHits(ids, q);
};
const search = new IndexedListingSearch({
  tokenizer: new PinyinSearchTokenizer(),
  store,
  listings,
  categories: p.categories,
  clock: systemClock,
  synonyms: heldSynonyms(p.synonyms),
});
const categories = await p.categories.forCampus(DEMO_CAMPUS.id);
const root = (code: string) => categories.find((x) => x.code === code && x.parentId === null)!.id;
const filterCycle: SearchFilters[] = [
  { categoryId: root('digital') },
  { kind: 'item', maxPrice: 50_000 },
  { categoryId: root('books') },
  { condition: 'like_new' },
  { areaId: 'library' },
];
const here = dirname(fileURLToPath(import.meta.url));
const judged = JSON.parse(readFileSync(resolve(here, '../search/judged-queries.json'), 'utf8')) as { q: string }[];
let per: { q: string; counts: Counts }[] = [];
// The first pass warms the caches; each query's time is the median of the passes after it.
const times = judged.map(() => [] as number[]);
for (let pass = 0; pass < passes; pass++) {
  per = [];
  for (const [i, j] of judged.entries()) {
    c = { postings: 0, probes: 0, statements: 0, ms: 0 };
    const t = performance.now();
    await search.search({
      campusId: DEMO_CAMPUS.id,
      text: j.q,
      filters: values.filters ? filterCycle[i % filterCycle.length]! : {},
      limit: 20,
    });
    if (pass > 0) times[i]!.push(performance.now() - t);
    per.push({ q: j.q, counts: c });
  }
}
for (const [i, x] of per.entries()) {
  const sorted = times[i]!.sort((a, b) => a - b);
  x.counts.ms = sorted[Math.floor(sorted.length / 2)]!;
}
const stat = (f: (x: Counts) => number) => {
  const xs = per.map((x) => f(x.counts));
  return `mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1)}, max ${Math.max(...xs)}`;
};
const out = [
  `${redactDatabaseUrl(values.db)}, ${per.length} queries${values.filters ? ' with a filter' : ''}, per query:`,
  `  postings read         ${stat((x) => x.postings)}`,
  `  listings probed       ${stat((x) => x.probes)}`,
  `  confirming statements ${stat((x) => x.statements)}`,
  values.all
    ? '  every query, slowest first (median of the passes after the first):'
    : '  slowest (median of the passes after the first):',
  ...[...per]
    .sort((a, b) => b.counts.ms - a.counts.ms)
    .slice(0, values.all ? per.length : 5)
    .map(
      (x) =>
        `    ${x.q.padEnd(14)} ${x.counts.ms.toFixed(1).padStart(7)} ms  ${x.counts.postings} postings, ${x.counts.probes} probes`,
    ),
];
process.stdout.write(`${out.join('\n')}\n`);
await p.close();
