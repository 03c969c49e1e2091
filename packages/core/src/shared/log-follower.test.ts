import { describe, expect, it } from 'vitest';
import { InMemoryProjectionCheckpoints } from '../testing/in-memory-search.js';
import { TestClock } from '../testing/builders.js';
import { GAP_WAIT_MS, LogFollower } from './log-follower.js';
import type { PositionedLog, SeqRange } from './projection.js';

/** A log whose entries become visible in any order, as commits do on MariaDB. */
class ScriptedLog implements PositionedLog<{ seq: number }> {
  readonly visible = new Set<number>();
  commit(...seqs: number[]): void {
    for (const s of seqs) this.visible.add(s);
  }
  async after(seq: number, limit: number) {
    return this.sorted()
      .filter((s) => s > seq)
      .slice(0, limit)
      .map((s) => ({ seq: s }));
  }
  async within(ranges: readonly SeqRange[], limit: number) {
    return this.sorted()
      .filter((s) => ranges.some((r) => s >= r.from && s <= r.to))
      .slice(0, limit)
      .map((s) => ({ seq: s }));
  }
  private sorted() {
    return [...this.visible].sort((a, b) => a - b);
  }
}

function setup() {
  const log = new ScriptedLog();
  const clock = new TestClock();
  const checkpoints = new InMemoryProjectionCheckpoints();
  const follower = new LogFollower('test', log, checkpoints, clock);
  /** One run of a follower: every batch handled and saved, as the projectors do. */
  const drain = async (limit = 10) => {
    const seen: number[] = [];
    for (;;) {
      const batch = await follower.next(limit);
      if (!batch.moved) return seen;
      seen.push(...batch.entries.map((e) => e.seq));
      await follower.save(batch.position);
    }
  };
  return { log, clock, checkpoints, follower, drain };
}

describe('LogFollower', () => {
  it('hands on a position it passed while missing once it appears, and each entry once', async () => {
    const { log, drain, checkpoints } = setup();
    log.commit(1, 2, 4, 6);
    expect(await drain()).toEqual([1, 2, 4, 6]);
    expect((await checkpoints.position('test')).gaps.map((g) => [g.from, g.to])).toEqual([
      [3, 3],
      [5, 5],
    ]);
    log.commit(5, 7);
    expect(await drain()).toEqual([5, 7]);
    log.commit(3);
    expect(await drain()).toEqual([3]);
    expect(await checkpoints.position('test')).toEqual({ seq: 7, gaps: [] });
    expect(await drain()).toEqual([]);
  });

  it('fills part of a wide gap and keeps waiting for the rest', async () => {
    const { log, drain, checkpoints } = setup();
    log.commit(1, 10);
    await drain();
    log.commit(4, 6);
    expect(await drain()).toEqual([4, 6]);
    expect((await checkpoints.position('test')).gaps.map((g) => [g.from, g.to])).toEqual([
      [2, 3],
      [5, 5],
      [7, 9],
    ]);
  });

  it('gives a position up once it has been missing longer than any transaction stays open', async () => {
    const { log, drain, clock, checkpoints } = setup();
    log.commit(1, 3);
    await drain();
    clock.advance(GAP_WAIT_MS - 1);
    expect(await drain()).toEqual([]);
    expect((await checkpoints.position('test')).gaps).toHaveLength(1);
    clock.advance(1);
    expect(await drain()).toEqual([]);
    expect(await checkpoints.position('test')).toEqual({ seq: 3, gaps: [] });
    log.commit(2);
    expect(await drain()).toEqual([]);
  });

  it('pages through gap fillers and new entries alike', async () => {
    const { log, drain } = setup();
    log.commit(1, 5, 9);
    expect(await drain(1)).toEqual([1, 5, 9]);
    log.commit(2, 3, 4, 6, 7, 8, 10, 11);
    expect((await drain(2)).sort((a, b) => a - b)).toEqual([2, 3, 4, 6, 7, 8, 10, 11]);
  });

  it('skips to a position, remembering what was missing up to it (a rebuild)', async () => {
    const { log, follower, drain } = setup();
    log.commit(1, 2, 4, 7);
    const mark = await follower.skipTo(6, 2);
    expect(mark.seq).toBe(6);
    expect(mark.gaps.map((g) => [g.from, g.to])).toEqual([
      [3, 3],
      [5, 6],
    ]);
    await follower.save(mark);
    log.commit(3, 6);
    expect(await drain()).toEqual([3, 6, 7]);
  });
});
