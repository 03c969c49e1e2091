import type { Clock } from './clock.js';
import type { LogPosition, PendingGap, PositionedLog, ProjectionCheckpoints } from './projection.js';

/**
 * How long a follower waits for a missing position before it gives the position up. A position is
 * missing while the transaction that took it is still open, and for ever once that transaction rolled
 * back. Units of work make no network calls and MariaDB ends a lock wait after 50 s, so none stays
 * open for anything near this long: a gap older than this will never be filled.
 */
export const GAP_WAIT_MS = 10 * 60_000;

export interface FollowedBatch<T> {
  /** What to handle: entries that filled a gap, then the new ones, in position order. */
  readonly entries: readonly T[];
  /** The position to save once they are handled, in the same unit of work. */
  readonly position: LogPosition;
  /** False when there is nothing to handle and nothing to save. */
  readonly moved: boolean;
}

/**
 * Follows a positioned log from a checkpoint without skipping an entry whose transaction took an
 * earlier position but committed after a later one (MariaDB, two connections). Beside its mark the
 * follower remembers the positions it passed without seeing, re-reads them on every run, hands on
 * whatever has appeared, and gives a position up once it has been missing for `gapWaitMs`.
 * Every follower of the outbox or the view log reads through one of these.
 */
export class LogFollower<T extends { readonly seq: number }> {
  constructor(
    readonly name: string,
    private readonly log: PositionedLog<T>,
    private readonly checkpoints: ProjectionCheckpoints,
    private readonly clock: Clock,
    private readonly gapWaitMs: number = GAP_WAIT_MS,
  ) {}

  /** Up to `limit` gap fillers and `limit` new entries. */
  async next(limit: number): Promise<FollowedBatch<T>> {
    const from = await this.checkpoints.position(this.name);
    const now = this.clock.now();
    const filled = from.gaps.length > 0 ? await this.log.within(from.gaps, limit) : [];
    const fresh = await this.log.after(from.seq, limit);
    const position = advance(from, filled, fresh, now, this.gapWaitMs);
    return { entries: [...filled, ...fresh], position, moved: !samePosition(from, position) };
  }

  save(position: LogPosition): Promise<void> {
    return this.checkpoints.save(this.name, position);
  }

  /**
   * The position after passing over every entry up to `seq` without handling it, for a rebuild that
   * read the state itself. Taken before the rebuild reads: what is missing now may commit during it
   * unseen by it, so it stays a gap to be re-read.
   */
  async skipTo(seq: number, batch = 1000): Promise<LogPosition> {
    const now = this.clock.now();
    let at = await this.checkpoints.position(this.name);
    while (at.seq < seq) {
      const page = (await this.log.after(at.seq, batch)).filter((e) => e.seq <= seq);
      // Nothing visible left up to `seq`: the rest of the range is missing.
      if (page.length === 0) return { seq, gaps: [...at.gaps, { from: at.seq + 1, to: seq, seenAt: now }] };
      at = advance(at, [], page, now, this.gapWaitMs);
    }
    return at;
  }
}

/** The position after handling `filled` (found in gaps) and `fresh` (after the mark), both in position order. */
export function advance(
  from: LogPosition,
  filled: readonly { seq: number }[],
  fresh: readonly { seq: number }[],
  now: Date,
  gapWaitMs: number,
): LogPosition {
  const gaps = withoutPositions(
    from.gaps,
    filled.map((e) => e.seq),
  );
  let seq = from.seq;
  for (const e of fresh) {
    if (e.seq > seq + 1) gaps.push({ from: seq + 1, to: e.seq - 1, seenAt: now });
    seq = e.seq;
  }
  return { seq, gaps: gaps.filter((g) => now.getTime() - g.seenAt.getTime() < gapWaitMs) };
}

function withoutPositions(gaps: readonly PendingGap[], seen: readonly number[]): PendingGap[] {
  const out: PendingGap[] = [];
  for (const g of gaps) {
    let start = g.from;
    for (const s of seen) {
      if (s < start || s > g.to) continue;
      if (s > start) out.push({ ...g, from: start, to: s - 1 });
      start = s + 1;
    }
    if (start <= g.to) out.push({ ...g, from: start, to: g.to });
  }
  return out;
}

function samePosition(a: LogPosition, b: LogPosition): boolean {
  return (
    a.seq === b.seq &&
    a.gaps.length === b.gaps.length &&
    a.gaps.every(
      (g, i) =>
        g.from === b.gaps[i]!.from && g.to === b.gaps[i]!.to && g.seenAt.getTime() === b.gaps[i]!.seenAt.getTime(),
    )
  );
}
