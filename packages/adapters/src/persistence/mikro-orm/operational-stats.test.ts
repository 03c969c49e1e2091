import { EventFactory, LOG_START, RECS_EVENTS_CHECKPOINT, SEARCH_PROJECTION } from '@xianzhi/core';
import { expect, it } from 'vitest';
import { onRealDatabases } from './test-databases.js';

onRealDatabases('opstats', (name, fresh) => {
  it(`${name}: the outbox backlog's age, each projection's distance from its log, the connection pool`, async () => {
    const p = await fresh();
    expect(await p.stats.oldestUnpublishedAt()).toBeNull();
    expect(await p.stats.projections()).toEqual([
      { name: SEARCH_PROJECTION, log: 'outbox', behind: 0, oldestBehindAt: null },
      { name: RECS_EVENTS_CHECKPOINT, log: 'outbox', behind: 0, oldestBehindAt: null },
      { name: 'recs-views', log: 'listing_view', behind: 0, oldestBehindAt: null },
    ]);

    let n = 0;
    const at = [new Date('2026-12-01T08:00:00.000Z'), new Date('2026-12-01T08:05:00.000Z')];
    const events = new EventFactory(
      { next: () => `01OPSTATS${String(n++).padStart(17, '0')}` },
      { now: () => at[n - 1]! },
    );
    const first = events.create('ListingFavorited', 'l1', { listingId: 'l1', userId: 'u1' });
    const second = events.create('ListingFavorited', 'l2', { listingId: 'l2', userId: 'u1' });
    await p.outbox.append([first, second]);
    await p.viewLog.recordView('l1', 'viewer-1', '2026-12-01');
    expect((await p.stats.oldestUnpublishedAt())?.toISOString()).toBe(at[0]!.toISOString());
    await p.outbox.markPublished([first.id], at[1]!);
    expect((await p.stats.oldestUnpublishedAt())?.toISOString()).toBe(at[1]!.toISOString());

    // The search projection has applied the first event; the others have applied nothing.
    const [seqOfFirst] = (await p.outboxLog.after(0, 1)).map((e) => e.seq);
    await p.checkpoints.save(SEARCH_PROJECTION, { ...LOG_START, seq: seqOfFirst! });
    const lags = await p.stats.projections();
    expect(lags.map((l) => [l.name, l.behind, l.oldestBehindAt?.toISOString() ?? null])).toEqual([
      [SEARCH_PROJECTION, 1, at[1]!.toISOString()],
      [RECS_EVENTS_CHECKPOINT, 2, at[0]!.toISOString()],
      ['recs-views', 1, null],
    ]);

    const pool = p.stats.pool();
    if (name === 'SQLite') expect(pool).toBeNull();
    else {
      expect(pool).toMatchObject({ max: 10, waiting: 0 });
      expect(pool!.open).toBeGreaterThanOrEqual(1);
      expect(pool!.idle).toBeLessThanOrEqual(pool!.open);
    }
  });
});
