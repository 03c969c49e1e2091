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

  it('has at least 60 queries of every kind, 40 of them synonyms and abbreviations', () => {
    expect(report.queries).toBeGreaterThanOrEqual(60);
    expect(report.byKind.map((k) => k.kind).sort()).toEqual([
      'abbrev',
      'brand',
      'brand-en',
      'brand-zh',
      'initials',
      'isbn',
      'part',
      'pinyin',
      'synonym',
      'typo',
      'word',
    ]);
    const synonymKinds = report.byKind.filter((k) => ['abbrev', 'brand-en', 'brand-zh', 'synonym'].includes(k.kind));
    expect(synonymKinds.reduce((n, k) => n + k.queries, 0)).toBeGreaterThanOrEqual(40);
  });

  it('finds what students mean by a nickname, the other script or another name only with synonyms', () => {
    for (const k of report.byKind.filter((x) => ['abbrev', 'brand-zh', 'brand-en', 'synonym'].includes(x.kind))) {
      expect(k.ours.recallAt10, `${k.kind}\n${formatReport(report)}`).toBeGreaterThanOrEqual(0.9);
      expect(k.ours.recallAt10 - k.plain.recallAt10, k.kind).toBeGreaterThan(0.3);
    }
    // Synonyms never cost the other kinds anything.
    for (const k of report.byKind) {
      expect(k.ours.recallAt10, k.kind).toBeGreaterThanOrEqual(k.plain.recallAt10);
      expect(k.ours.mrr, k.kind).toBeGreaterThanOrEqual(k.plain.mrr - 1e-9);
    }
  });

  it('reaches recall@10 of at least 0.9, above the LIKE baseline', () => {
    expect(report.ours.recallAt10, formatReport(report)).toBeGreaterThanOrEqual(0.9);
    expect(report.ours.recallAt10).toBeGreaterThan(report.baseline.recallAt10);
  });
});
