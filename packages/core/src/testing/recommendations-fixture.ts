import { afterEach, beforeEach } from 'vitest';
import type { CategoryRepository } from '../catalog/ports.js';
import type { FavoriteRepository } from '../engagement/ports.js';
import type { ListingRepository, ListingViewLog } from '../listings/ports.js';
import type { InteractionSource, RecommendationCandidates, SignalStore } from '../recommendations/ports.js';
import type { Outbox } from '../shared/events.js';
import type { OutboxLog, ProjectionCheckpoints } from '../shared/projection.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { Listing } from '../listings/listing.js';
import { UpdateRecommendationSignals } from '../recommendations/update-signals.js';
import { EventFactory } from '../shared/events.js';
import { aCategoryTree, SequentialIds, TestClock } from './builders.js';

/**
 * What a recommendations adapter family provides: one fresh store holding the campuses `demo` and
 * `other-campus` and the users `user-owner`, `stu-a`, `stu-b` and `stu-c`.
 */
export interface RecommendationPorts {
  interactions: InteractionSource;
  signals: SignalStore;
  candidates: RecommendationCandidates;
  viewLog: ListingViewLog;
  favorites: FavoriteRepository;
  listings: ListingRepository;
  categories: CategoryRepository;
  outbox: Outbox;
  outboxLog: OutboxLog;
  checkpoints: ProjectionCheckpoints;
  uow: UnitOfWork;
  dispose(): Promise<void>;
}

/**
 * The fixture both halves of the recommendations contract share, registered inside the caller's describe: a
 * fresh store per case with both campuses' category trees, and helpers to put listings, record views and
 * favorites, and build the signal job.
 */
export function recommendationsFixture(factory: () => Promise<RecommendationPorts>) {
  let p: RecommendationPorts;
  const clock = new TestClock(new Date('2026-09-02T02:00:00.000Z'));
  const events = new EventFactory(new SequentialIds('evt'), clock);
  const tree = aCategoryTree();

  beforeEach(async () => {
    p = await factory();
    for (const c of [...tree.all, ...aCategoryTree('other-campus').all]) await p.categories.save(c);
  });
  afterEach(async () => {
    await p.dispose();
  });

  const put = async (...ls: Listing[]) => {
    for (const l of ls) await p.listings.save(l);
  };
  const view = (user: string, listing: string, day: string) => p.viewLog.recordView(listing, `u:${user}`, day);
  const favorite = async (user: string, listing: string, on: boolean, at = clock.now()) => {
    await p.uow.run(async () => {
      if (on) await p.favorites.add(user, listing, at);
      else await p.favorites.remove(user, listing);
      await p.outbox.append([
        events.create(on ? 'ListingFavorited' : 'ListingUnfavorited', listing, { listingId: listing, userId: user }),
      ]);
    });
  };
  const job = () => new UpdateRecommendationSignals({ ...p, log: p.outboxLog, clock });
  return { ports: () => p, clock, events, tree, put, view, favorite, job };
}
