import type { ListingRepository } from '../listings/ports.js';
import { DAY_MS, type Clock } from '../shared/clock.js';
import { LogFollower } from '../shared/log-follower.js';
import type { LoggedEvent, OutboxLog, ProjectionCheckpoints } from '../shared/projection.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { InteractionSource, PairDelta, PopularityDelta, SignalStore, ViewRecord } from './ports.js';

/** Checkpoint names: the view log and the outbox are two logs with two positions. */
export const RECS_VIEWS_CHECKPOINT = 'recs-views';
export const RECS_EVENTS_CHECKPOINT = 'recs-events';
const BATCH = 200;
/** Two listings are related when one student looked at both within this many days. */
export const CO_VIEW_WINDOW_DAYS = 14;
/** A new view pairs with at most this many of the student's latest other listings (bounds the work per view). */
export const PARTNERS = 30;

export interface SignalProgress {
  readonly views: number;
  readonly events: number;
  readonly pairs: number;
}

export interface UpdateRecommendationSignalsDeps {
  readonly interactions: InteractionSource;
  readonly log: OutboxLog;
  readonly checkpoints: ProjectionCheckpoints;
  readonly signals: SignalStore;
  readonly listings: ListingRepository;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
}

/**
 * The signal job: follows the view log and the favorite events from its own checkpoints and keeps
 * the co-occurrence counts current. A pair is counted once per student: when the later of the two
 * listings is first viewed (co-view) or favorited (co-favorite); an unfavorite takes its pairs back.
 * Counts and both checkpoints move in one transaction, so a crash or a re-run replays a batch and
 * never counts it twice. Both logs are followed gap-safe: a view or an event that commits after later
 * ones is counted when it appears, against the history before its own position.
 */
export class UpdateRecommendationSignals {
  private readonly viewLog: LogFollower<ViewRecord>;
  private readonly eventLog: LogFollower<LoggedEvent>;

  constructor(private readonly deps: UpdateRecommendationSignalsDeps) {
    const { interactions, log, checkpoints, clock } = deps;
    const views = {
      after: interactions.viewsAfter.bind(interactions),
      within: interactions.viewsWithin.bind(interactions),
    };
    this.viewLog = new LogFollower(RECS_VIEWS_CHECKPOINT, views, checkpoints, clock);
    this.eventLog = new LogFollower(RECS_EVENTS_CHECKPOINT, log, checkpoints, clock);
  }

  /** Folds both logs up to now, batch by batch; an aborted `signal` ends it after the batch in hand. */
  async execute(onProgress: (p: SignalProgress) => void = () => {}, signal?: AbortSignal): Promise<SignalProgress> {
    let views = 0;
    let events = 0;
    let pairs = 0;
    for (;;) {
      if (signal?.aborted) return { views, events, pairs };
      const done = await this.deps.uow.run(() => this.batch());
      if (done === null) return { views, events, pairs };
      views += done.views;
      events += done.events;
      pairs += done.pairs;
      onProgress({ views, events, pairs });
    }
  }

  private async batch(): Promise<SignalProgress | null> {
    await this.deps.signals.lock();
    const viewBatch = await this.viewLog.next(BATCH);
    const eventBatch = await this.eventLog.next(BATCH);
    if (!viewBatch.moved && !eventBatch.moved) return null;
    // Anonymous and contact-reveal views hold positions in the log but are no student's interest.
    const views = viewBatch.entries.filter((v): v is ViewRecord & { userId: string } => v.userId !== null);
    const logged = eventBatch.entries;

    const favoriteEvents = logged.flatMap((e) =>
      e.event.type === 'ListingFavorited' || e.event.type === 'ListingUnfavorited'
        ? [
            {
              listingId: e.event.payload.listingId,
              userId: e.event.payload.userId,
              on: e.event.type === 'ListingFavorited',
              seq: e.seq,
            },
          ]
        : [],
    );
    const found = await this.deps.listings.byIds([
      ...new Set([...views.map((v) => v.listingId), ...favoriteEvents.map((f) => f.listingId)]),
    ]);
    const campusOf = new Map(found.map((l) => [l.id, l.campusId]));
    const pairs = new Map<string, { a: string; b: string; views: number; favorites: number }>();
    const items = new Map<string, { listingId: string; campusId: string; viewers: number; favoriters: number }>();
    const pair = (x: string, y: string) => {
      const [a, b] = x < y ? [x, y] : [y, x];
      const key = `${a}|${b}`;
      let p = pairs.get(key);
      if (!p) pairs.set(key, (p = { a, b, views: 0, favorites: 0 }));
      return p;
    };
    const item = (listingId: string, campusId: string) => {
      let i = items.get(listingId);
      if (!i) items.set(listingId, (i = { listingId, campusId, viewers: 0, favoriters: 0 }));
      return i;
    };

    for (const v of views) {
      const campusId = campusOf.get(v.listingId);
      if (!campusId) continue;
      // Later days' visits to the same listing add interest, not new pairs.
      if (await this.deps.interactions.viewedBefore(v.userId, v.listingId, v.seq)) continue;
      item(v.listingId, campusId).viewers += 1;
      const since = dayBefore(v.day, CO_VIEW_WINDOW_DAYS);
      for (const h of await this.deps.interactions.viewHistory(v.userId, v.seq, PARTNERS)) {
        if (h.listingId !== v.listingId && h.lastDay >= since) pair(v.listingId, h.listingId).views += 1;
      }
    }
    for (const f of favoriteEvents) {
      const campusId = campusOf.get(f.listingId);
      if (!campusId) continue;
      if (!(await this.deps.signals.setFavorite(f.userId, f.listingId, f.on, f.seq))) continue;
      const sign = f.on ? 1 : -1;
      item(f.listingId, campusId).favoriters += sign;
      for (const other of await this.deps.signals.projectedFavorites(f.userId, PARTNERS)) {
        if (other !== f.listingId) pair(f.listingId, other).favorites += sign;
      }
    }
    const pairDeltas: PairDelta[] = [...pairs.values()].filter((p) => p.views !== 0 || p.favorites !== 0);
    const itemDeltas: PopularityDelta[] = [...items.values()].filter((i) => i.viewers !== 0 || i.favoriters !== 0);
    await this.deps.signals.addPairs(pairDeltas);
    await this.deps.signals.addPopularity(itemDeltas);
    if (viewBatch.moved) await this.viewLog.save(viewBatch.position);
    if (eventBatch.moved) await this.eventLog.save(eventBatch.position);
    return { views: views.length, events: logged.length, pairs: pairDeltas.length };
  }
}

function dayBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}
