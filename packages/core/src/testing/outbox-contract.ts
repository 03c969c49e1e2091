import { describe, expect, it } from 'vitest';
import type { FavoriteRepository } from '../engagement/ports.js';
import type { ListingRepository } from '../listings/ports.js';
import { EventFactory, type Outbox } from '../shared/events.js';
import type { EventSubscriber, JobQueue } from '../shared/jobs.js';
import { RelayOutbox } from '../shared/relay-outbox.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { aListing, SequentialIds, TestClock, TEST_CAMPUS_ID } from './builders.js';

const T0 = new Date('2026-09-01T02:00:00.000Z');

/**
 * Contract cases for UnitOfWork and Outbox, and for relays sharing one outbox; part of persistenceContract.
 * Users 'user-owner' and 'user-buyer' exist.
 */
export function outboxContract(
  adapterName: string,
  ports: () => { listings: ListingRepository; favorites: FavoriteRepository; outbox: Outbox; uow: UnitOfWork },
): void {
  describe(`${adapterName}: UnitOfWork and Outbox`, () => {
    const events = new EventFactory(new SequentialIds('evt'), new TestClock(T0));
    const published = (id: string) =>
      events.create('ListingPublished', id, {
        listingId: id,
        campusId: TEST_CAMPUS_ID,
        ownerId: 'user-owner',
        kind: 'item',
        categoryId: 'demo-phones',
        price: 100,
      });

    it('commits the state change and its events together', async () => {
      await ports().uow.run(async () => {
        await ports().listings.save(aListing({ id: 'U1' }));
        await ports().outbox.append([published('U1')]);
      });
      expect(await ports().listings.byId('U1')).not.toBeNull();
      const pending = await ports().outbox.unpublished(10);
      expect(pending.map((e) => e.aggregateId)).toEqual(['U1']);
      expect(pending[0]!.occurredAt).toEqual(T0);
      expect(pending[0]!.payload).toMatchObject({ listingId: 'U1', price: 100, kind: 'item' });
      expect(pending[0]!.type).toBe('ListingPublished');
    });

    it('rolls back the state change and its events when the work fails', async () => {
      await ports().listings.save(aListing({ id: 'U2', title: '原标题' }));
      await expect(
        ports().uow.run(async () => {
          const l = (await ports().listings.byId('U2', { forUpdate: true }))!;
          l.title = '不该保存的标题';
          await ports().listings.save(l);
          await ports().outbox.append([published('U2')]);
          await ports().favorites.add('user-buyer', 'U2', T0);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await ports().listings.byId('U2'))!.title).toBe('原标题');
      expect(await ports().outbox.unpublished(10)).toEqual([]);
      expect(await ports().favorites.favoritedAmong('user-buyer', ['U2'])).toEqual(new Set());
    });

    it('returns the work result', async () => {
      expect(await ports().uow.run(async () => 42)).toBe(42);
    });

    it('serialises concurrent read-modify-write units on one listing', async () => {
      await ports().listings.save(aListing({ id: 'U3' }));
      await Promise.all(
        Array.from({ length: 5 }, () =>
          ports().uow.run(async () => {
            const l = (await ports().listings.byId('U3', { forUpdate: true }))!;
            l.version += 1;
            await ports().listings.save(l);
          }),
        ),
      );
      expect((await ports().listings.byId('U3'))!.version).toBe(6);
    });

    it('hands out unpublished events oldest first and forgets published ones', async () => {
      await ports().outbox.append([published('A'), published('B'), published('C')]);
      const first = await ports().outbox.unpublished(2);
      expect(first.map((e) => e.aggregateId)).toEqual(['A', 'B']);
      await ports().outbox.markPublished(
        first.map((e) => e.id),
        T0,
      );
      expect((await ports().outbox.unpublished(10)).map((e) => e.aggregateId)).toEqual(['C']);
    });

    it('gives each unpublished event to one claim at a time, oldest first, until its lease runs out or it is let go', async () => {
      await ports().outbox.append([published('A'), published('B'), published('C'), published('D')]);
      const ids = (es: { aggregateId: string }[]) => es.map((e) => e.aggregateId);
      const first = await ports().outbox.claim('claim-1', 2, T0, 60_000);
      expect(ids(first)).toEqual(['A', 'B']);
      expect(first[0]!.occurredAt).toEqual(T0);
      expect(ids(await ports().outbox.claim('claim-2', 10, new Date(T0.getTime() + 1000), 60_000))).toEqual(['C', 'D']);
      expect(await ports().outbox.claim('claim-3', 10, new Date(T0.getTime() + 2000), 60_000)).toEqual([]);
      await ports().outbox.markPublished([first[0]!.id], T0);
      await ports().outbox.release('claim-2');
      expect(ids(await ports().outbox.claim('claim-4', 10, new Date(T0.getTime() + 3000), 60_000))).toEqual(['C', 'D']);
      // claim-1's lease ends at T0 + 60 s: B is free again after that, A stays published.
      expect(await ports().outbox.claim('claim-5', 10, new Date(T0.getTime() + 59_000), 60_000)).toEqual([]);
      expect(ids(await ports().outbox.claim('claim-6', 10, new Date(T0.getTime() + 61_000), 60_000))).toEqual(['B']);
      // Releasing a claim lets go only of its own unpublished events.
      await ports().outbox.release('claim-1');
      expect(await ports().outbox.claim('claim-7', 10, new Date(T0.getTime() + 62_000), 60_000)).toEqual([]);
    });

    it('puts back the events published within a window of the latest publication, claims dropped, for the relay to hand out again', async () => {
      const ids = (es: { aggregateId: string }[]) => es.map((e) => e.aggregateId);
      const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
      expect(await ports().outbox.unpublishRecent(60 * 60_000)).toBe(0);
      await ports().outbox.append([published('A'), published('B'), published('C'), published('D')]);
      const [a, b, c] = await ports().outbox.unpublished(3);
      await ports().outbox.markPublished([a!.id], T0);
      await ports().outbox.markPublished([b!.id], at(10));
      expect(ids(await ports().outbox.claim('claim-1', 10, at(20), 60 * 60_000))).toEqual(['C', 'D']);
      await ports().outbox.markPublished([c!.id], at(70));
      // The window ends at the latest publication (C), not at the clock: B (on its edge) and C come back, A stays.
      expect(await ports().outbox.unpublishRecent(60 * 60_000)).toBe(2);
      expect(ids(await ports().outbox.unpublished(10))).toEqual(['B', 'C', 'D']);
      // C's old claim went with its publication; D is still held by claim-1.
      expect(ids(await ports().outbox.claim('claim-2', 10, at(21), 60_000))).toEqual(['B', 'C']);
    });

    it('relays racing over the outbox hand each event on exactly once', async () => {
      const all = Array.from({ length: 150 }, (_, i) => published(`R${i}`));
      await ports().outbox.append(all);
      const enqueued: string[] = [];
      const queue: JobQueue = { enqueue: async (jobs) => void enqueued.push(...jobs.map((j) => j.key)) };
      const subscriber: EventSubscriber = { name: 'recorder', wants: () => true, handle: async () => {} };
      const relays = [1, 2, 3, 4].map(
        (n) =>
          new RelayOutbox({
            outbox: ports().outbox,
            queue,
            subscribers: [subscriber],
            ids: new SequentialIds(`relay${n}`),
            clock: new TestClock(T0),
            options: { batchSize: 5, leaseMs: 60_000 },
          }),
      );
      const drain = async (relay: RelayOutbox) => {
        let idle = 0;
        // A relay that lost a race for a batch gets nothing that round; it stops once the outbox is empty.
        while (idle < 3) idle = (await relay.execute()).published > 0 ? 0 : idle + 1;
      };
      await Promise.all(relays.map(drain));
      expect(enqueued).toHaveLength(150);
      expect(new Set(enqueued)).toEqual(new Set(all.map((e) => `event:${e.id}:recorder`)));
      expect(await ports().outbox.unpublished(100)).toEqual([]);
    });
  });
}
