import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCase, type ModerationCaseRepository, type Report, type ReportRepository } from '../moderation/cases.js';
import type { DomainEvent, Outbox } from '../shared/events.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';

export interface ModerationPorts {
  readonly cases: ModerationCaseRepository;
  readonly reports: ReportRepository;
  readonly uow: UnitOfWork;
  /** Written after a save in the same unit, as the use cases do: it must not undo the save. */
  readonly outbox: Outbox;
  /** Creates the users that reports reference (real databases check the foreign key). */
  prepareUsers(ids: readonly string[]): Promise<void>;
  dispose(): Promise<void>;
}

const T0 = new Date('2026-09-01T02:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** Moderation cases and reports: one open case per target, one report per reporter and target. */
export function moderationContract(name: string, factory: () => Promise<ModerationPorts>): void {
  describe(`${name}: moderation cases and reports`, () => {
    let p: ModerationPorts;
    beforeEach(async () => {
      p = await factory();
      await p.prepareUsers(['r1', 'r2', 'r3']);
    });
    afterEach(async () => {
      await p.dispose();
    });

    const report = (id: string, caseId: string, reporterId: string, targetId = 'L1', minute = 0): Report => ({
      id,
      caseId,
      targetType: 'listing',
      targetId,
      reporterId,
      reason: 'scam',
      details: '要求先转账',
      createdAt: at(minute),
    });

    it('saves, finds the open case of a target, and keeps every field', async () => {
      const c = openCase({ id: 'C1', targetType: 'listing', targetId: 'L1', campusId: 'demo', now: at(0) });
      c.uncheckedFields = ['title', 'description'];
      await p.cases.save(c);
      c.reportCount = 3;
      c.hidden = true;
      c.hiddenFromStatus = 'reserved';
      c.updatedAt = at(5);
      await p.cases.save(c);
      expect(await p.cases.openFor('listing', 'L1')).toEqual(c);
      expect(await p.cases.byId('C1')).toEqual(c);
      expect(await p.cases.openFor('comment', 'L1')).toBeNull();
      expect(await p.cases.byId('nope')).toBeNull();
    });

    it('keeps a report and a decision made one after the other in one unit of work, the outbox written between', async () => {
      await p.cases.save(openCase({ id: 'C1', targetType: 'listing', targetId: 'L1', campusId: 'demo', now: at(0) }));
      const event = (id: string): DomainEvent => ({
        id,
        type: 'ListingUnwanted',
        occurredAt: at(5),
        aggregateId: 'L1',
        payload: { listingId: 'L1', userId: 'r1' },
      });
      await p.uow.run(async () => {
        const c = (await p.cases.openFor('listing', 'L1'))!;
        c.reportCount = 2;
        c.updatedAt = at(5);
        await p.cases.save(c);
        await p.outbox.append([event('evt-moderation-1')]);
        const again = (await p.cases.byId('C1'))!;
        expect(again).toMatchObject({ reportCount: 2, updatedAt: at(5) });
        again.status = 'removed';
        again.resolvedAt = at(6);
        again.resolvedBy = 'adm';
        again.resolution = '诈骗';
        again.updatedAt = at(6);
        await p.cases.save(again);
        await p.outbox.append([event('evt-moderation-2')]);
      });
      expect(await p.cases.byId('C1')).toMatchObject({
        status: 'removed',
        reportCount: 2,
        openedAt: at(0),
        updatedAt: at(6),
        resolvedAt: at(6),
        resolvedBy: 'adm',
      });
    });

    it('allows one open case per target; a resolved one makes room for the next', async () => {
      const first = openCase({ id: 'C1', targetType: 'comment', targetId: 'M1', campusId: 'demo', now: at(0) });
      await p.cases.save(first);
      await expect(
        p.cases.save(openCase({ id: 'C2', targetType: 'comment', targetId: 'M1', campusId: 'demo', now: at(1) })),
      ).rejects.toThrow();
      Object.assign(first, { status: 'restored', resolvedAt: at(2), resolvedBy: 'adm', resolution: null });
      await p.cases.save(first);
      expect(await p.cases.openFor('comment', 'M1')).toBeNull();
      await p.cases.save(openCase({ id: 'C3', targetType: 'comment', targetId: 'M1', campusId: 'demo', now: at(3) }));
      expect((await p.cases.openFor('comment', 'M1'))?.id).toBe('C3');
      expect(await p.cases.byId('C1')).toMatchObject({ status: 'restored', resolvedBy: 'adm', resolvedAt: at(2) });
    });

    it('lists every case of a target, open or resolved, newest opened first', async () => {
      const first = openCase({ id: 'C1', targetType: 'user', targetId: 'U1', campusId: 'demo', now: at(0) });
      await p.cases.save(Object.assign(first, { status: 'removed', resolvedAt: at(1), resolvedBy: 'adm' }));
      await p.cases.save(openCase({ id: 'C2', targetType: 'user', targetId: 'U1', campusId: 'demo', now: at(2) }));
      await p.cases.save(openCase({ id: 'C3', targetType: 'listing', targetId: 'U1', campusId: 'demo', now: at(3) }));
      expect((await p.cases.forTarget('user', 'U1', 10)).map((c) => [c.id, c.status])).toEqual([
        ['C2', 'open'],
        ['C1', 'removed'],
      ]);
      expect((await p.cases.forTarget('user', 'U1', 1)).map((c) => c.id)).toEqual(['C2']);
      expect(await p.cases.forTarget('user', 'nobody', 10)).toEqual([]);
    });

    it('open() returns the case already open for a target, or inserts the candidate; concurrent first opens agree', async () => {
      const first = await p.cases.open(
        openCase({ id: 'C1', targetType: 'user', targetId: 'U1', campusId: 'demo', now: at(0) }),
      );
      expect(first.id).toBe('C1');
      const again = await p.cases.open(
        openCase({ id: 'C2', targetType: 'user', targetId: 'U1', campusId: 'demo', now: at(1) }),
      );
      expect(again).toEqual(first);
      const racing = await Promise.all(
        ['C3', 'C4', 'C5'].map((id, i) =>
          p.uow.run(async () => {
            const c = await p.cases.open(
              openCase({ id, targetType: 'comment', targetId: 'M9', campusId: 'demo', now: at(i) }),
            );
            c.reportCount += 1;
            await p.cases.save(c);
            return c.id;
          }),
        ),
      );
      expect(new Set(racing).size).toBe(1);
      expect((await p.cases.openFor('comment', 'M9'))?.reportCount).toBeGreaterThanOrEqual(1);
      expect((await p.cases.listOpen({ limit: 10 })).filter((c) => c.targetId === 'M9')).toHaveLength(1);
    });

    it('lists open cases newest activity first, per campus, a page at a time', async () => {
      for (const [i, campus] of ['demo', 'demo', 'north', 'demo'].entries()) {
        await p.cases.save(
          openCase({ id: `C${i}`, targetType: 'user', targetId: `U${i}`, campusId: campus, now: at(i) }),
        );
      }
      const closed = openCase({ id: 'C9', targetType: 'user', targetId: 'U9', campusId: 'demo', now: at(9) });
      closed.status = 'removed';
      await p.cases.save(closed);
      expect((await p.cases.listOpen({ limit: 10 })).map((c) => c.id)).toEqual(['C3', 'C2', 'C1', 'C0']);
      const page1 = await p.cases.listOpen({ campusId: 'demo', limit: 2 });
      expect(page1.map((c) => c.id)).toEqual(['C3', 'C1']);
      const last = page1.at(-1)!;
      expect(
        (
          await p.cases.listOpen({ campusId: 'demo', limit: 2, before: { updatedAt: last.updatedAt, id: last.id } })
        ).map((c) => c.id),
      ).toEqual(['C0']);
    });

    it('stores one report per reporter and target, even across cases', async () => {
      await p.cases.save(openCase({ id: 'C1', targetType: 'listing', targetId: 'L1', campusId: 'demo', now: at(0) }));
      expect(await p.reports.add(report('R1', 'C1', 'r1', 'L1', 1))).toBe(true);
      expect(await p.reports.add(report('R2', 'C1', 'r2', 'L1', 2))).toBe(true);
      expect(await p.reports.add(report('R3', 'C1', 'r1', 'L1', 3))).toBe(false);
      expect(await p.reports.add(report('R4', 'C1', 'r1', 'L2', 4))).toBe(true);
      const listed = await p.reports.forCase('C1');
      expect(listed.map((r) => r.id)).toEqual(['R1', 'R2', 'R4']);
      expect(listed[0]).toEqual(report('R1', 'C1', 'r1', 'L1', 1));
    });

    it('a duplicate report inside a unit of work leaves the transaction usable', async () => {
      await p.cases.save(openCase({ id: 'C1', targetType: 'listing', targetId: 'L1', campusId: 'demo', now: at(0) }));
      await p.reports.add(report('R1', 'C1', 'r1'));
      const outcome = await p.uow.run(async () => {
        const again = await p.reports.add(report('R2', 'C1', 'r1'));
        await p.reports.add(report('R3', 'C1', 'r3'));
        return again;
      });
      expect(outcome).toBe(false);
      expect((await p.reports.forCase('C1')).map((r) => r.reporterId)).toEqual(['r1', 'r3']);
    });
  });
}
