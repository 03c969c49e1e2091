/**
 * Recommendation signals for a generated database, in bulk: the rules of `UpdateRecommendationSignals`
 * (a student's first view of a listing pairs it with their latest PARTNERS other listings seen within
 * CO_VIEW_WINDOW_DAYS; popularity counts viewers) applied in memory over the view log, then written with
 * the signal store's own `addPairs` / `addPopularity`, and both checkpoints moved to the end of the logs
 * so the worker's job carries on from there. The job itself folds about 700 views/s (a few round trips per
 * view), fine for live traffic but hours for a bulk-loaded log; this is the same arithmetic in one pass.
 *
 *   ./xz pnpm bench:signals -- --db <url> [--days 14]
 *
 * `--days` keeps the views of the last N days only (recommendations only show live listings, and a
 * co-view older than the window pairs with nothing newer); 0 takes the whole log.
 */
import { parseArgs } from 'node:util';
import {
  CO_VIEW_WINDOW_DAYS,
  PARTNERS,
  RECS_EVENTS_CHECKPOINT,
  RECS_VIEWS_CHECKPOINT,
  type PairDelta,
  type PopularityDelta,
} from '../../packages/core/src/index.ts';
import { migrateDatabase, openPersistence, redactDatabaseUrl } from '../../packages/adapters/src/index.ts';
import { cliArgs, openBulk } from './bulk-db.ts';

const { values } = parseArgs({
  args: cliArgs(),
  options: { db: { type: 'string' }, days: { type: 'string', default: '14' } },
  strict: true,
});
if (!values.db) {
  process.stderr.write('usage: bench:signals -- --db <url> [--days 14]\n');
  process.exit(2);
}
const url = values.db;
const days = Number(values.days);
const started = Date.now();
const log = (m: string) => process.stdout.write(`${m}\n`);

await migrateDatabase({ url });
const db = await openBulk(url);
const since = days > 0 ? new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10) : '0000-00-00';
log(`Signals for ${redactDatabaseUrl(url)} from the views since ${days > 0 ? since : 'the start'}`);
const campusRows = await db.query<{ id: string; campus_id: string }>('select id, campus_id from listing');
const campusOf = new Map(campusRows.map((r) => [r.id, r.campus_id]));
const views = await db.query<{ seq: number; listing_id: string; viewer_key: string; day: string }>(
  "select seq, listing_id, viewer_key, day from listing_view where viewer_key like 'u:%' and day >= ? order by seq",
  [since],
);
log(`  ${views.length.toLocaleString('en-US')} views to fold (${((Date.now() - started) / 1000).toFixed(1)} s)`);

const windowDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - CO_VIEW_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
// Per student: listings seen, most recent last, with the day last seen.
const history = new Map<string, Map<string, string>>();
const pairs = new Map<string, { views: number }>();
const items = new Map<string, number>();
let lastSeq = 0;
for (const v of views) {
  lastSeq = Math.max(lastSeq, Number(v.seq));
  if (!campusOf.has(v.listing_id)) continue;
  const user = v.viewer_key.slice(2);
  let seen = history.get(user);
  if (!seen) history.set(user, (seen = new Map()));
  const before = seen.has(v.listing_id);
  if (!before) {
    items.set(v.listing_id, (items.get(v.listing_id) ?? 0) + 1);
    const from = windowDay(v.day);
    const latest = [...seen.entries()].slice(-PARTNERS);
    for (const [other, lastDay] of latest) {
      if (other === v.listing_id || lastDay < from) continue;
      const [a, b] = v.listing_id < other ? [v.listing_id, other] : [other, v.listing_id];
      const key = `${a}|${b}`;
      const p = pairs.get(key);
      if (p) p.views++;
      else pairs.set(key, { views: 1 });
    }
  }
  // Most recent last: a repeat view moves the listing to the end, as `viewHistory` orders by last view.
  seen.delete(v.listing_id);
  seen.set(v.listing_id, v.day);
  if (seen.size > PARTNERS * 4) seen.delete(seen.keys().next().value!);
}
await db.close();
log(
  `  ${pairs.size.toLocaleString('en-US')} pairs, ${items.size.toLocaleString('en-US')} listings with viewers (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);

const persistence = await openPersistence({ url });
try {
  const pairDeltas: PairDelta[] = [...pairs.entries()].map(([key, p]) => {
    const [a, b] = key.split('|') as [string, string];
    return { a, b, views: p.views, favorites: 0 };
  });
  const itemDeltas: PopularityDelta[] = [...items.entries()].map(([listingId, viewers]) => ({
    listingId,
    campusId: campusOf.get(listingId)!,
    viewers,
    favoriters: 0,
  }));
  const CHUNK = 20_000;
  for (let i = 0; i < pairDeltas.length; i += CHUNK) {
    await persistence.uow.run(() => persistence.signals.addPairs(pairDeltas.slice(i, i + CHUNK)));
    if ((i / CHUNK) % 10 === 0)
      log(
        `  ${Math.min(i + CHUNK, pairDeltas.length).toLocaleString('en-US')} / ${pairDeltas.length.toLocaleString('en-US')} pairs written (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
  }
  for (let i = 0; i < itemDeltas.length; i += CHUNK)
    await persistence.uow.run(() => persistence.signals.addPopularity(itemDeltas.slice(i, i + CHUNK)));
  const maxView = (await persistence.raw('select max(seq) as seq from listing_view')) as { seq: number | null }[];
  const maxEvent = (await persistence.raw('select max(seq) as seq from outbox')) as { seq: number | null }[];
  await persistence.checkpoints.save(RECS_VIEWS_CHECKPOINT, { seq: Number(maxView[0]?.seq ?? lastSeq), gaps: [] });
  await persistence.checkpoints.save(RECS_EVENTS_CHECKPOINT, { seq: Number(maxEvent[0]?.seq ?? 0), gaps: [] });
} finally {
  await persistence.close();
}
log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
