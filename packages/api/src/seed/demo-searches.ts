import { chinaDay, dayBefore, HOT_SEARCH, normaliseSearchTerm, type SearchLog } from '@xianzhi/core';
import { DEMO_CAMPUS } from './demo-world.js';
import { SeededRandom } from './random.js';

/** What the demo campus's made-up students looked for this week, with how many of them search it on a busy day. */
const DEMO_SEARCHES: readonly [term: string, perDay: number][] = [
  ['自行车', 6],
  ['台灯', 5],
  ['高等数学', 4],
  ['考研', 4],
  ['iPad', 4],
  ['电风扇', 3],
  ['四六级', 3],
  ['耳机', 3],
  ['显示器', 2],
  ['行李箱', 2],
  ['床帘', 2],
  ['吉他', 2],
];

/**
 * A week of searches on the demo campus, so the freshly seeded demo shows 校园热搜. Each searcher is a
 * made-up student of that day (the same shape of rows real searches leave: counts per day and term, no
 * user). Runs once: a campus that already has search counts is left alone. Answers the searches recorded.
 */
export async function seedDemoSearches(log: SearchLog, now: Date, seed = 20261125): Promise<number> {
  const today = chinaDay(now);
  const existing = await log.termDays({
    campusId: DEMO_CAMPUS.id,
    sinceDay: dayBefore(today, HOT_SEARCH.retentionDays),
    minSearchersOnADay: 1,
    minSearchers: 1,
  });
  if (existing.length > 0) return 0;
  const random = new SeededRandom(seed);
  let recorded = 0;
  for (let back = HOT_SEARCH.windowDays - 1; back >= 0; back--) {
    const day = dayBefore(today, back);
    for (const [text, perDay] of DEMO_SEARCHES) {
      const term = normaliseSearchTerm(text)!;
      const searchers = Math.max(0, perDay - 1 + random.int(3) - (back > 3 ? 1 : 0));
      for (let s = 0; s < searchers; s++) {
        const searches = 1 + (random.chance(0.3) ? 1 : 0);
        for (let i = 0; i < searches; i++) {
          await log.record({ campusId: DEMO_CAMPUS.id, day, term, searcherKey: `demo-${day}-${s}` });
          recorded++;
        }
      }
    }
  }
  return recorded;
}
