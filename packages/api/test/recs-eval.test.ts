import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persistence } from '@xianzhi/adapters';
import {
  migratedPersistence,
  sqliteTestDatabase,
  type TestDatabase,
} from '../../adapters/src/persistence/mikro-orm/test-databases.js';
import {
  evaluateRecommendations,
  formatRecsReport,
  rankMetrics,
  type RecsEvaluationReport,
} from '../src/recs-eval/evaluate.js';
import { DEFAULT_SIMULATION, simulate } from '../src/recs-eval/simulate.js';

describe('offline evaluation of recommendations', () => {
  it('computes HR@10 and NDCG@10 from held-out ranks (hand-made case)', () => {
    // Ranks 1 and 3 are hits (gains 1 and 1/log2(4) = 0.5), 11 is outside the top 10, null was never recommended.
    const m = rankMetrics([1, 3, 11, null]);
    expect(m.hitRate).toBe(0.5);
    expect(m.ndcg).toBeCloseTo(0.375, 10);
    expect(rankMetrics([10]).ndcg).toBeCloseTo(1 / Math.log2(11), 10);
    expect(rankMetrics([])).toEqual({ hitRate: 0, ndcg: 0 });
  });

  it('simulates the same log from the same seed, and another from another seed', () => {
    const small = { ...DEFAULT_SIMULATION, listings: 200, students: 30 };
    expect(simulate(small)).toEqual(simulate(small));
    expect(simulate({ ...small, seed: 7 }).interactions).not.toEqual(simulate(small).interactions);
    const log = simulate(small);
    for (const mine of log.interactions) {
      // Each student opens a listing once, only after it was listed, oldest first.
      expect(new Set(mine.map((i) => i.listingId)).size).toBe(mine.length);
      expect(mine.map((i) => i.daysAgo)).toEqual([...mine.map((i) => i.daysAgo)].sort((a, b) => b - a));
      const byId = new Map(log.listings.map((l) => [l.id, l]));
      for (const i of mine) expect(byId.get(i.listingId)!.listedDaysAgo).toBeGreaterThanOrEqual(i.daysAgo);
    }
  });

  describe('a small run on SQLite', () => {
    let db: TestDatabase;
    let persistence: Persistence;
    let report: RecsEvaluationReport;
    beforeAll(async () => {
      db = sqliteTestDatabase();
      persistence = await migratedPersistence(db);
      report = await evaluateRecommendations(persistence, { ...DEFAULT_SIMULATION, listings: 150, students: 40 });
    }, 120_000);
    afterAll(async () => {
      await persistence?.close();
      await db?.drop();
    });

    it('holds out one interaction per student with history and reports both algorithms', () => {
      const log = simulate({ ...DEFAULT_SIMULATION, listings: 150, students: 40 });
      const withHistory = log.interactions.filter((i) => i.length >= 2);
      expect(report.evaluated).toBe(withHistory.length);
      expect(report.trainingViews).toBe(withHistory.reduce((s, i) => s + i.length - 1, 0));
      for (const m of [report.ours, report.baseline, report.popular]) {
        expect(m.hitRate).toBeGreaterThanOrEqual(0);
        expect(m.hitRate).toBeLessThanOrEqual(1);
        // NDCG can never exceed the hit rate: each hit gains at most 1.
        expect(m.ndcg).toBeLessThanOrEqual(m.hitRate);
      }
      expect(report.ours.hitRate).toBeGreaterThan(0);
      expect(formatRecsReport(report)).toContain('HR@10');
    });
  });
});
