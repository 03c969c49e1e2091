import { describe, expect, it } from 'vitest';
import { EventFactory } from '../shared/events.js';
import { err, ok } from '../shared/result.js';
import { aListing, SequentialIds, TestClock, TEST_CAMPUS_ID } from './builders.js';
import type { PersistencePorts } from './contracts.js';

export interface UnitOfWorkContractOptions {
  /**
   * The store runs units of work side by side with row locks, so two of them can deadlock (MariaDB).
   * SQLite has one writer at a time and the in-memory store runs units one after another: neither
   * can deadlock, and a case that waits for two units to hold a lock each would wait forever there.
   */
  readonly rowLockDeadlocks?: boolean;
}

const T0 = new Date('2026-09-01T02:00:00.000Z');

/** What every UnitOfWork promises beyond "all or nothing on a throw". Run from the persistence contract. */
export function unitOfWorkContract(
  adapterName: string,
  current: () => PersistencePorts,
  options: UnitOfWorkContractOptions = {},
): void {
  const events = new EventFactory(new SequentialIds('uow-evt'), new TestClock(T0));
  const edited = (id: string) =>
    events.create('ListingEdited', id, { listingId: id, campusId: TEST_CAMPUS_ID, fields: ['title'] });
  const refusal = { code: 'REFUSED_FOR_THE_TEST', message: 'refused' };

  describe(`${adapterName}: UnitOfWork and Result`, () => {
    it('rolls back the writes of a work that returns an err, and hands the err back', async () => {
      const ports = current();
      await ports.listings.save(aListing({ id: 'E1', title: '原标题' }));
      const result = await ports.uow.run(async () => {
        const l = (await ports.listings.byId('E1', { forUpdate: true }))!;
        l.title = '被拒绝的修改';
        await ports.listings.save(l);
        await ports.outbox.append([edited('E1')]);
        await ports.favorites.add('user-buyer', 'E1', T0);
        return err(refusal);
      });
      expect(result).toEqual(err(refusal));
      expect((await ports.listings.byId('E1'))!.title).toBe('原标题');
      expect(await ports.outbox.unpublished(10)).toEqual([]);
      expect(await ports.favorites.favoritedAmong('user-buyer', ['E1'])).toEqual(new Set());
    });

    it('commits the writes of a work that returns an ok', async () => {
      const ports = current();
      await ports.listings.save(aListing({ id: 'E2', title: '原标题' }));
      const result = await ports.uow.run(async () => {
        const l = (await ports.listings.byId('E2', { forUpdate: true }))!;
        l.title = '新标题';
        await ports.listings.save(l);
        return ok(l.title);
      });
      expect(result).toEqual(ok('新标题'));
      expect((await ports.listings.byId('E2'))!.title).toBe('新标题');
    });

    it('lets a run inside another join it: the outermost result decides for both', async () => {
      const ports = current();
      await ports.listings.save(aListing({ id: 'E3', title: '原标题' }));
      const result = await ports.uow.run(async () => {
        const inner = await ports.uow.run(async () => {
          const l = (await ports.listings.byId('E3', { forUpdate: true }))!;
          l.title = '内层的修改';
          await ports.listings.save(l);
          return ok(l.id);
        });
        return inner.ok ? err(refusal) : inner;
      });
      expect(result).toEqual(err(refusal));
      expect((await ports.listings.byId('E3'))!.title).toBe('原标题');
    });
  });

  // Skipped where no two units hold row locks at once (see `rowLockDeadlocks`): there is no deadlock to
  // provoke, and the barrier below would wait for ever for a second unit that cannot start.
  describe.skipIf(!options.rowLockDeadlocks)(`${adapterName}: UnitOfWork under a deadlock`, () => {
    it('runs a deadlock victim again: both units finish, with both changes', async () => {
      const ports = current();
      await ports.listings.save(aListing({ id: 'D1' }));
      await ports.listings.save(aListing({ id: 'D2' }));
      const bothHoldOne = barrier(2);
      const runs = { forward: 0, backward: 0 };
      const unit = (name: keyof typeof runs, firstId: string, secondId: string) =>
        ports.uow.run(async () => {
          runs[name] += 1;
          const first = (await ports.listings.byId(firstId, { forUpdate: true }))!;
          await bothHoldOne();
          const second = (await ports.listings.byId(secondId, { forUpdate: true }))!;
          for (const l of [first, second]) {
            l.version += 1;
            l.description = `${l.description} ${name}`;
            await ports.listings.save(l);
          }
          return name;
        });
      expect(await Promise.all([unit('forward', 'D1', 'D2'), unit('backward', 'D2', 'D1')])).toEqual([
        'forward',
        'backward',
      ]);
      for (const id of ['D1', 'D2']) {
        const l = (await ports.listings.byId(id))!;
        expect(l.version).toBe(3);
        expect(l.description).toMatch(/ (forward backward|backward forward)$/);
      }
      // One of the two was chosen as the victim, rolled back and ran again.
      expect(runs.forward + runs.backward).toBeGreaterThan(2);
    });
  });
}

/** Resolves for everyone once `parties` callers have arrived; later callers (a retried unit) pass straight on. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    arrived += 1;
    if (arrived >= parties) release();
    return all;
  };
}
