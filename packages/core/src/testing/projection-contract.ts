import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventFactory, type Outbox } from '../shared/events.js';
import { LOG_START, type OutboxLog, type ProjectionCheckpoints } from '../shared/projection.js';
import { SequentialIds, TestClock, TEST_CAMPUS_ID } from './builders.js';

/** What the followers of the outbox read and write, bound to one fresh, empty store. */
export interface ProjectionPorts {
  outbox: Outbox;
  outboxLog: OutboxLog;
  checkpoints: ProjectionCheckpoints;
  dispose(): Promise<void>;
}

const T0 = new Date('2026-09-01T02:00:00.000Z');

/** The outbox read as a positioned log, and the checkpoints its followers keep, alike on every store. */
export function projectionContract(adapterName: string, factory: () => Promise<ProjectionPorts>): void {
  describe(`${adapterName}: OutboxLog and ProjectionCheckpoints`, () => {
    let p: ProjectionPorts;
    const events = new EventFactory(new SequentialIds('log-evt'), new TestClock(T0));
    const edited = (id: string) =>
      events.create('ListingEdited', id, { listingId: id, campusId: TEST_CAMPUS_ID, fields: ['title'] });

    beforeEach(async () => {
      p = await factory();
    });
    afterEach(async () => {
      await p.dispose();
    });

    it('reads the outbox in position order: after a position, or within ranges', async () => {
      expect(await p.outboxLog.lastSeq()).toBe(0);
      await p.outbox.append(['A', 'B', 'C', 'D', 'E'].map(edited));
      const all = await p.outboxLog.after(0, 10);
      const seqs = all.map((e) => e.seq);
      expect(all.map((e) => e.event.aggregateId)).toEqual(['A', 'B', 'C', 'D', 'E']);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(all[0]!.event).toMatchObject({ type: 'ListingEdited', occurredAt: T0, payload: { fields: ['title'] } });
      expect(await p.outboxLog.lastSeq()).toBe(seqs[4]);
      expect((await p.outboxLog.after(seqs[1]!, 2)).map((e) => e.event.aggregateId)).toEqual(['C', 'D']);

      const [a, b, , d, e] = seqs as [number, number, number, number, number];
      const ranges = [
        { from: d, to: e + 10 },
        { from: a, to: b },
      ];
      const ids = async (limit: number) => (await p.outboxLog.within(ranges, limit)).map((x) => x.event.aggregateId);
      expect(await ids(10)).toEqual(['A', 'B', 'D', 'E']);
      expect(await ids(3)).toEqual(['A', 'B', 'D']);
      expect(await p.outboxLog.within([], 10)).toEqual([]);
    });

    it("keeps each follower's position with the gaps it still waits for", async () => {
      expect(await p.checkpoints.position('search')).toEqual(LOG_START);
      const waiting = {
        seq: 120,
        gaps: [
          { from: 7, to: 7, seenAt: T0 },
          { from: 100, to: 104, seenAt: new Date(T0.getTime() + 1500) },
        ],
      };
      await p.checkpoints.save('search', waiting);
      await p.checkpoints.save('recs-events', { seq: 3, gaps: [] });
      expect(await p.checkpoints.position('search')).toEqual(waiting);
      expect(await p.checkpoints.position('recs-events')).toEqual({ seq: 3, gaps: [] });
      await p.checkpoints.save('search', { seq: 130, gaps: [] });
      expect(await p.checkpoints.position('search')).toEqual({ seq: 130, gaps: [] });
    });
  });
}
