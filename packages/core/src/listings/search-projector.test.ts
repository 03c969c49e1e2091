import { describe, expect, it } from 'vitest';
import { EventFactory } from '../shared/events.js';
import { SequentialIds, TestClock } from '../testing/builders.js';
import { inMemoryPersistence } from '../testing/in-memory.js';
import { InMemoryOutboxLog, InMemoryProjectionCheckpoints } from '../testing/in-memory-search.js';
import type { ListingSearch } from './search.js';
import { ProjectSearchIndex } from './search-projector.js';

describe('ProjectSearchIndex and a stopping worker', () => {
  it('an aborted signal ends the drain after the batch in hand, and the next run goes on from its checkpoint', async () => {
    const p = inMemoryPersistence();
    const clock = new TestClock();
    const events = new EventFactory(new SequentialIds('evt'), clock);
    const backlog = Array.from({ length: 450 }, (_, i) =>
      events.create('ListingEdited', `gone-${String(i).padStart(3, '0')}`, {
        listingId: `gone-${i}`,
        campusId: 'c',
        fields: ['title'],
      }),
    );
    await p.uow.run(() => p.outbox.append(backlog));
    const stop = new AbortController();
    const removed: string[] = [];
    // The listings no longer exist, so each event removes its listing from the index: one call per listing.
    const search = {
      remove: async (id: string) => {
        removed.push(id);
        stop.abort();
      },
    } as unknown as ListingSearch;
    const projector = new ProjectSearchIndex({
      log: new InMemoryOutboxLog(p.store),
      checkpoints: new InMemoryProjectionCheckpoints(),
      listings: p.listings,
      search,
      uow: p.uow,
      clock,
    });

    const first = await projector.execute(stop.signal);
    expect(first).toEqual({ events: 200, listings: 200 });
    expect(await projector.execute(stop.signal)).toEqual({ events: 0, listings: 0 });
    const rest = await projector.execute(new AbortController().signal);
    expect(rest).toEqual({ events: 250, listings: 250 });
    expect(new Set(removed).size).toBe(450);
  });
});
