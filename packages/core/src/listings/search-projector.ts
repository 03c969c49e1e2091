import type { LoggedEvent, OutboxLog, ProjectionCheckpoints } from '../shared/projection.js';
import type { CampusRepository } from '../identity/ports.js';
import type { Clock } from '../shared/clock.js';
import { LogFollower } from '../shared/log-follower.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { sortValueOf, type ListingCursor, type ListingRepository } from './ports.js';
import type { ListingSearch, SearchIndexStore } from './search.js';

export const SEARCH_PROJECTION = 'search';
const BATCH = 200;
const LISTING_EVENTS = new Set(['ListingPublished', 'ListingEdited', 'ListingStatusChanged', 'ListingRenewed']);

export interface ProjectSearchIndexDeps {
  readonly log: OutboxLog;
  readonly checkpoints: ProjectionCheckpoints;
  readonly listings: ListingRepository;
  readonly search: ListingSearch;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
}

/**
 * Keeps the search index current by following the outbox from its own checkpoint, gaps included.
 * Each listing in a batch is re-read and indexed once in its current state, so replaying events is
 * harmless.
 */
export class ProjectSearchIndex {
  private readonly follower: LogFollower<LoggedEvent>;

  constructor(private readonly deps: ProjectSearchIndexDeps) {
    this.follower = new LogFollower(SEARCH_PROJECTION, deps.log, deps.checkpoints, deps.clock);
  }

  /**
   * Drains the log up to now; answers how many listings were (re)indexed. An aborted `signal` ends it after the
   * batch in hand (each batch commits with its checkpoint, so the next run goes on from there): a worker asked to
   * stop must not wait for a backlog of thousands of listings.
   */
  async execute(signal?: AbortSignal): Promise<{ events: number; listings: number }> {
    let events = 0;
    let touched = 0;
    for (;;) {
      if (signal?.aborted) return { events, listings: touched };
      const batch = await this.follower.next(BATCH);
      if (!batch.moved) return { events, listings: touched };
      const ids = listingIds(batch.entries);
      // The index and the checkpoint move together: a crash replays the batch, never skips it.
      await this.deps.uow.run(async () => {
        const found = await this.deps.listings.byIds(ids);
        const byId = new Map(found.map((l) => [l.id, l]));
        for (const id of ids) {
          const listing = byId.get(id);
          if (listing) await this.deps.search.index(listing);
          else await this.deps.search.remove(id);
        }
        await this.follower.save(batch.position);
      });
      events += batch.entries.length;
      touched += ids.length;
    }
  }
}

function listingIds(batch: readonly LoggedEvent[]): string[] {
  return [...new Set(batch.filter((e) => LISTING_EVENTS.has(e.event.type)).map((e) => e.event.aggregateId))];
}

export interface RebuildSearchIndexDeps {
  readonly listings: ListingRepository;
  readonly campuses: CampusRepository;
  readonly search: ListingSearch;
  readonly store: SearchIndexStore;
  readonly log: OutboxLog;
  readonly checkpoints: ProjectionCheckpoints;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
}

/**
 * Rebuilds the index of every campus from the live listings, then moves the projector's checkpoint to
 * the end of the outbox as it was when the rebuild started: later events are replayed, and so are
 * earlier ones whose transactions had not committed by then; none is lost.
 */
export class RebuildSearchIndex {
  private readonly follower: LogFollower<LoggedEvent>;

  constructor(private readonly deps: RebuildSearchIndexDeps) {
    this.follower = new LogFollower(SEARCH_PROJECTION, deps.log, deps.checkpoints, deps.clock);
  }

  async execute(onProgress: (campusId: string, indexed: number) => void = () => {}): Promise<{ indexed: number }> {
    const mark = await this.follower.skipTo(await this.deps.log.lastSeq());
    let indexed = 0;
    for (const campus of await this.deps.campuses.list()) {
      await this.deps.store.clear(campus.id);
      let after: ListingCursor | null = null;
      let done = 0;
      for (;;) {
        const page = await this.deps.listings.feed({
          campusId: campus.id,
          sort: 'newest',
          after,
          limit: 500,
          now: this.deps.clock.now(),
        });
        // One transaction per page: one commit for 500 listings instead of one per statement.
        await this.deps.uow.run(async () => {
          for (const l of page) await this.deps.search.index(l);
        });
        done += page.length;
        if (page.length > 0) onProgress(campus.id, done);
        const last = page.at(-1);
        if (!last || page.length < 500) break;
        after = { sortValue: sortValueOf(last, 'newest'), id: last.id };
      }
      indexed += done;
    }
    await this.follower.save(mark);
    return { indexed };
  }
}
