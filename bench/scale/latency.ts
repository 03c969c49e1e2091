/**
 * Latency of search (ours and a `LIKE '%q%'` baseline), the home feed and recommendations on a database
 * made by bench:generate, calling the use cases and adapters directly (no HTTP), one request at a time.
 *
 *   ./xz pnpm bench:scale -- --db mariadb://xianzhi:xianzhi-test@127.0.0.1:3307/xz_bench_1m [--label 1m] [--iterations 200] [--repeats 3]
 *
 * Each operation runs a warm-up, then `repeats` rounds of `iterations` calls cycling through its fixed mix;
 * p50 and p95 are taken per round and the median round is reported (the machine is shared and noisy).
 * Results are printed as a table and appended as JSON lines to bench/results/latency.jsonl (gitignored).
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  anonymous as ANONYMOUS,
  BrowseListings,
  encodeCursor,
  IndexedListingSearch,
  ListingViews,
  SearchListings,
  systemClock,
} from '../../packages/core/src/index.ts';
import { openPersistence, PinyinSearchTokenizer, redactDatabaseUrl } from '../../packages/adapters/src/index.ts';
import { DEMO_CAMPUS } from '../../packages/api/src/seed/demo-world.ts';
import { cliArgs } from './bulk-db.ts';
import { heldSynonyms } from './synonyms.ts';
import { recommendationOperations } from './recommendations.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  args: cliArgs(),
  options: {
    db: { type: 'string' },
    label: { type: 'string', default: '' },
    iterations: { type: 'string', default: '200' },
    repeats: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '40' },
    only: { type: 'string' },
  },
  strict: true,
});
if (!values.db) {
  process.stderr.write(
    'usage: bench:scale -- --db <url> [--label 100k] [--iterations 200] [--repeats 3] [--only search,feed]\n',
  );
  process.exit(2);
}
const url = values.db;
const iterations = Number(values.iterations);
const repeats = Number(values.repeats);
const warmup = Number(values.warmup);

export interface Operation {
  readonly name: string;
  /** Calls in a fixed cycle: call i runs `calls[i % calls.length]`. */
  readonly calls: readonly (() => Promise<unknown>)[];
}

const persistence = await openPersistence({ url, poolSize: 4 });
const clock = systemClock;
const campusId = DEMO_CAMPUS.id;
const views = new ListingViews(persistence.categories, persistence.users, persistence.favorites);
const search = new IndexedListingSearch({
  tokenizer: new PinyinSearchTokenizer(),
  store: persistence.searchIndex,
  listings: persistence.listings,
  categories: persistence.categories,
  clock,
  synonyms: heldSynonyms(persistence.synonyms),
});
const searchListings = new SearchListings(search, persistence.listings, persistence.categories, views);
const browse = new BrowseListings(persistence.listings, persistence.categories, views, clock);

const categories = await persistence.categories.forCampus(campusId);
const root = (code: string) => categories.find((c) => c.code === code && c.parentId === null)!.id;
const leafOf = (rootCode: string) => categories.find((c) => c.parentId === root(rootCode))!.id;
const electronics = root('digital');
const books = root('books');

// The judged set's queries: whole words, parts, pinyin, initials, brands in any case, typos, ISBNs.
const judged = JSON.parse(readFileSync(resolve(here, '../search/judged-queries.json'), 'utf8')) as {
  q: string;
  kind: string;
}[];
const texts = judged.map((j) => j.q);
const filterCycle = [
  {},
  { categoryId: electronics },
  { kind: 'item', maxPrice: 50_000 },
  { categoryId: books },
  { condition: 'like_new' },
  { areaId: 'library' },
];
const liveWhere = 'campus_id = ? and live = 1 and expires_at > ?';

// A deep page: the cursor of the listing ~5,000 places down the feed (about 250 pages of 20).
const deepRow = (await persistence.raw(
  `select listed_at, id from listing where ${liveWhere} order by listed_at desc, id desc limit 1 offset 5000`,
  [campusId, new Date()],
)) as { listed_at: unknown; id: string }[];
const deepCursor = deepRow[0] ? encodeCursor([toMs(deepRow[0].listed_at), deepRow[0].id]) : undefined;
const deepCategoryRow = (await persistence.raw(
  `select listed_at, id from listing where ${liveWhere} and root_category_id = ? order by listed_at desc, id desc limit 1 offset 1000`,
  [campusId, new Date(), electronics],
)) as { listed_at: unknown; id: string }[];
const deepCategoryCursor = deepCategoryRow[0]
  ? encodeCursor([toMs(deepCategoryRow[0].listed_at), deepCategoryRow[0].id])
  : undefined;

const must = async <T>(r: Promise<{ ok: boolean; error?: { message: string } } & T>) => {
  const out = await r;
  if (!out.ok) throw new Error(out.error?.message ?? 'failed');
  return out;
};

const operations: Operation[] = [
  {
    name: 'search: ours, no filter',
    calls: texts.map((text) => () => must(searchListings.execute({ actor: ANONYMOUS, campusId, text }))),
  },
  {
    name: 'search: ours, with a filter',
    calls: texts.map(
      (text, i) => () =>
        must(
          searchListings.execute({
            actor: ANONYMOUS,
            campusId,
            text,
            ...filterCycle[1 + (i % (filterCycle.length - 1))],
          }),
        ),
    ),
  },
  {
    name: "search: LIKE '%q%' baseline",
    calls: texts.map(
      (text) => () =>
        persistence.raw(
          `select id from listing where ${liveWhere} and (title like ? or description like ?) order by listed_at desc, id desc limit 20`,
          [campusId, new Date(), `%${text}%`, `%${text}%`],
        ),
    ),
  },
  {
    name: 'feed: first page',
    calls: [() => must(browse.execute({ actor: ANONYMOUS, campusId }))],
  },
  {
    name: 'feed: first page, category',
    calls: [
      () => must(browse.execute({ actor: ANONYMOUS, campusId, categoryId: electronics })),
      () => must(browse.execute({ actor: ANONYMOUS, campusId, categoryId: leafOf('books') })),
    ],
  },
  {
    name: 'feed: deep page (cursor)',
    calls: [
      () => must(browse.execute({ actor: ANONYMOUS, campusId, ...(deepCursor && { cursor: deepCursor }) })),
      () =>
        must(
          browse.execute({
            actor: ANONYMOUS,
            campusId,
            categoryId: electronics,
            ...(deepCategoryCursor && { cursor: deepCategoryCursor }),
          }),
        ),
    ],
  },
  ...(await recommendationOperations(persistence, clock, campusId)),
];

const only = values.only?.split(',');
const selected = operations.filter((o) => !only || only.some((w) => o.name.startsWith(w)));
const results: { name: string; p50: number; p95: number }[] = [];
const listings = (await persistence.raw('select count(*) as n from listing')) as { n: number }[];
process.stdout.write(
  `Latency on ${redactDatabaseUrl(url)} (${Number(listings[0]!.n).toLocaleString('en-US')} listings), ` +
    `${repeats} rounds × ${iterations} calls after ${warmup} warm-up calls, median round\n`,
);
for (const op of selected) {
  for (let i = 0; i < warmup; i++) await op.calls[i % op.calls.length]!();
  const rounds: { p50: number; p95: number }[] = [];
  for (let r = 0; r < repeats; r++) {
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t = process.hrtime.bigint();
      await op.calls[i % op.calls.length]!();
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.sort((a, b) => a - b);
    rounds.push({ p50: quantile(times, 0.5), p95: quantile(times, 0.95) });
  }
  const p50 = median(rounds.map((r) => r.p50));
  const p95 = median(rounds.map((r) => r.p95));
  results.push({ name: op.name, p50, p95 });
  process.stdout.write(
    `  ${op.name.padEnd(34)} p50 ${p50.toFixed(2).padStart(8)} ms   p95 ${p95.toFixed(2).padStart(8)} ms\n`,
  );
}
mkdirSync(resolve(here, '../results'), { recursive: true });
appendFileSync(
  resolve(here, '../results/latency.jsonl'),
  `${JSON.stringify({
    at: new Date().toISOString(),
    label: values.label,
    dialect: persistence.dialect,
    listings: Number(listings[0]!.n),
    results,
  })}\n`,
);
await persistence.close();

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
function toMs(v: unknown): number {
  // SQLite keeps epoch milliseconds; the MariaDB driver answers raw queries with Date objects or 'YYYY-MM-DD hh:mm:ss.fff' (UTC).
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' && !/^\d+$/.test(v)) return Date.parse(`${v.replace(' ', 'T')}Z`);
  return Number(v);
}
