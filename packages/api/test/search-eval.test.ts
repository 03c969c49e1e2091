import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import {
  migratedPersistence,
  sqliteTestDatabase,
  type TestDatabase,
} from '../../adapters/src/persistence/mikro-orm/test-databases.js';
import type { Persistence } from '@xianzhi/adapters';
import { evaluateSearch, formatReport, loadJudgedSet, type EvaluationReport } from '../src/search-eval/evaluate.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** The judged query set (bench/search) on SQLite: a ranking or tokenizer regression fails here. */
describe('search quality on the judged set', () => {
  let db: TestDatabase;
  let persistence: Persistence;
  let report: EvaluationReport;
  beforeAll(async () => {
    db = sqliteTestDatabase();
    persistence = await migratedPersistence(db);
    report = await evaluateSearch(persistence, loadJudgedSet(ROOT));
  }, 120_000);
  afterAll(async () => {
    await persistence?.close();
    await db?.drop();
  });

  it('has at least 60 queries of every kind', () => {
    expect(report.queries).toBeGreaterThanOrEqual(60);
    expect(report.byKind.map((k) => k.kind).sort()).toEqual([
      'brand',
      'initials',
      'isbn',
      'part',
      'pinyin',
      'typo',
      'word',
    ]);
  });

  it('reaches recall@10 of at least 0.9, above the LIKE baseline', () => {
    expect(report.ours.recallAt10, formatReport(report)).toBeGreaterThanOrEqual(0.9);
    expect(report.ours.recallAt10).toBeGreaterThan(report.baseline.recallAt10);
  });
});
