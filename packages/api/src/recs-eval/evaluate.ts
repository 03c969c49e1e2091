import type { Persistence } from '@xianzhi/adapters';
import {
  BlendedRecommender,
  Campus,
  chinaDay,
  DAY_MS,
  Listing,
  ProfileReader,
  SameCategoryRecommender,
  SeedDefaultCategories,
  UpdateRecommendationSignals,
  User,
  type DomainEvent,
  type RankingContext,
  type Scored,
} from '@xianzhi/core';
import { simulate, type SimulatedLog, type SimulationOptions } from './simulate.js';

export const RECS_EVAL_CAMPUS = 'recs-eval';
const NOW = new Date('2026-11-01T04:00:00.000Z');
const K = 10;

export interface RankMetrics {
  /** Share of students whose held-out listing is in their top K. */
  readonly hitRate: number;
  /** Mean of 1 / log2(rank + 1) over students (0 when outside the top K): one relevant item, so the ideal DCG is 1. */
  readonly ndcg: number;
}

/** HR@K and NDCG@K from the 1-based rank of each student's held-out listing (null: not recommended at all). */
export function rankMetrics(ranks: readonly (number | null)[], k = K): RankMetrics {
  if (ranks.length === 0) return { hitRate: 0, ndcg: 0 };
  let hits = 0;
  let gain = 0;
  for (const r of ranks) {
    if (r === null || r > k) continue;
    hits += 1;
    gain += 1 / Math.log2(r + 1);
  }
  return { hitRate: hits / ranks.length, ndcg: gain / ranks.length };
}

export interface RecsEvaluationReport {
  readonly listings: number;
  readonly students: number;
  /** Students with at least two interactions: one held out, the rest as history. */
  readonly evaluated: number;
  readonly trainingViews: number;
  readonly trainingFavorites: number;
  readonly ours: RankMetrics;
  readonly baseline: RankMetrics;
  /** The campus's most popular listings for everyone: a reference any personal algorithm should beat. */
  readonly popular: RankMetrics;
}

/**
 * Leave-one-out on a simulated log: each student's last interaction is held out; the signal job runs
 * over everyone's remaining interactions; each algorithm then ranks for each student from their own
 * remaining history, and we look for the held-out listing in the top 10. Runs on an empty, migrated
 * database (a temporary SQLite file from the CLI), through the same adapters production uses.
 */
export async function evaluateRecommendations(
  persistence: Persistence,
  options: SimulationOptions,
  onProgress: (step: string) => void = () => {},
): Promise<RecsEvaluationReport> {
  const log = simulate(options);
  onProgress(
    `simulated ${log.listings.length} listings and ${log.interactions.reduce((s, i) => s + i.length, 0)} interactions of ${log.students} students`,
  );
  await load(persistence, log);
  const { held, views, favorites } = await replay(persistence, log);
  onProgress(`replayed ${views} views and ${favorites} favorites (held out ${held.size})`);
  const p = persistence;
  await new UpdateRecommendationSignals({
    interactions: p.interactions,
    log: p.outboxLog,
    checkpoints: p.checkpoints,
    signals: p.signals,
    listings: p.listings,
    uow: p.uow,
    clock: { now: () => NOW },
  }).execute();
  onProgress('signals computed');

  const ours = new BlendedRecommender(p.candidates, p.signals);
  const baseline = new SameCategoryRecommender(p.candidates);
  const profiles = new ProfileReader(p.interactions, p.candidates);
  const mark = await p.interactions.lastViewSeq();
  const ranks: Record<'ours' | 'baseline' | 'popular', (number | null)[]> = { ours: [], baseline: [], popular: [] };
  let done = 0;
  for (const [student, target] of held) {
    const userId = studentId(student);
    const profile = await profiles.read(userId, mark, NOW);
    const ctx: RankingContext = {
      campusId: RECS_EVAL_CAMPUS,
      asOf: NOW,
      now: NOW,
      viewerId: userId,
      exclude: new Set(),
    };
    const rankOf = (list: Scored[]) => {
      const i = list.filter((s) => !profile.seen.has(s.listing.id)).findIndex((s) => s.listing.id === target);
      return i < 0 ? null : i + 1;
    };
    ranks.ours.push(rankOf(await ours.forUser(profile, ctx)));
    ranks.baseline.push(rankOf(await baseline.forUser(profile, ctx)));
    ranks.popular.push(rankOf(await ours.popular(ctx)));
    if (++done % 100 === 0) onProgress(`ranked for ${done} of ${held.size} students`);
  }
  return {
    listings: log.listings.length,
    students: log.students,
    evaluated: held.size,
    trainingViews: views,
    trainingFavorites: favorites,
    ours: rankMetrics(ranks.ours),
    baseline: rankMetrics(ranks.baseline),
    popular: rankMetrics(ranks.popular),
  };
}

const studentId = (s: number) => `sim-stu-${String(s).padStart(5, '0')}`;
const sellerId = (s: number) => `sim-sel-${String(s).padStart(5, '0')}`;
const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY_MS);

async function load(p: Persistence, log: SimulatedLog): Promise<void> {
  let n = 0;
  await p.campuses.save(Campus.create({ id: RECS_EVAL_CAMPUS, name: '模拟大学', areas: [] }));
  await new SeedDefaultCategories(p.categories, { next: () => `sim-cat-${++n}` }).execute(RECS_EVAL_CAMPUS);
  const byCode = new Map((await p.categories.forCampus(RECS_EVAL_CAMPUS)).map((c) => [c.code, c]));
  const register = (id: string, now: Date) =>
    User.register({ id, qqOpenId: `OPENID-${id}`, nickname: id, avatarUrl: null, campusId: RECS_EVAL_CAMPUS, now });
  await p.uow.run(async () => {
    for (let i = 0; i < log.sellers; i++) await p.users.save(register(sellerId(i), at(log.listings.length)));
    for (let s = 0; s < log.students; s++) await p.users.save(register(studentId(s), at(100)));
  });
  for (let i = 0; i < log.listings.length; i += 500) {
    await p.uow.run(async () => {
      for (const l of log.listings.slice(i, i + 500)) {
        const leaf = byCode.get(l.leaf)!;
        await p.listings.save(
          Listing.publish({
            id: l.id,
            campusId: RECS_EVAL_CAMPUS,
            ownerId: sellerId(l.sellerIndex),
            kind: 'item',
            rootCategoryId: leaf.parentId!,
            now: at(l.listedDaysAgo),
            lifetimeDays: 120,
            content: {
              title: l.title,
              description: '自用闲置，校内面交',
              price: l.price,
              originalPrice: null,
              categoryId: leaf.id,
              condition: 'lightly_used',
              areaId: null,
              tradeMethods: ['face_to_face'],
              photos: [],
              book: null,
            },
          }),
        );
      }
    });
  }
}

/** Writes every interaction but each student's last, oldest first, as the platform would have recorded them. */
async function replay(p: Persistence, log: SimulatedLog) {
  const held = new Map<number, string>();
  const training: { student: number; listingId: string; daysAgo: number; favorited: boolean }[] = [];
  for (const mine of log.interactions) {
    if (mine.length < 2) continue;
    held.set(mine[0]!.student, mine.at(-1)!.listingId);
    training.push(...mine.slice(0, -1));
  }
  training.sort((a, b) => b.daysAgo - a.daysAgo || a.student - b.student);
  let views = 0;
  let favorites = 0;
  let eventSeq = 0;
  for (let i = 0; i < training.length; i += 500) {
    await p.uow.run(async () => {
      for (const t of training.slice(i, i + 500)) {
        const when = at(t.daysAgo);
        if (await p.viewLog.recordView(t.listingId, `u:${studentId(t.student)}`, chinaDay(when))) views++;
        if (!t.favorited) continue;
        await p.favorites.add(studentId(t.student), t.listingId, when);
        const event: DomainEvent = {
          id: `sim-evt-${String(++eventSeq).padStart(7, '0')}`,
          type: 'ListingFavorited',
          occurredAt: when,
          aggregateId: t.listingId,
          payload: { listingId: t.listingId, userId: studentId(t.student) },
        };
        await p.outbox.append([event]);
        favorites++;
      }
    });
  }
  return { held, views, favorites };
}

export function formatRecsReport(r: RecsEvaluationReport): string {
  const row = (name: string, m: RankMetrics) =>
    `  ${name.padEnd(30)} ${m.hitRate.toFixed(3).padStart(7)} ${m.ndcg.toFixed(3).padStart(8)}`;
  return [
    `Leave-one-out over a simulated log: ${r.listings} listings, ${r.students} students (${r.evaluated} with history),`,
    `${r.trainingViews} views and ${r.trainingFavorites} favorites as history; each student's last interaction held out.`,
    '',
    `  ${'algorithm'.padEnd(30)} ${'HR@10'.padStart(7)} ${'NDCG@10'.padStart(8)}`,
    row('ours (signals + content)', r.ours),
    row('baseline (same category)', r.baseline),
    row('popular in campus (reference)', r.popular),
  ].join('\n');
}
