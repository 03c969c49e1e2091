import type { Actor } from '../identity/actor.js';
import type { NotAuthenticated, UserBanned } from '../identity/errors.js';
import { requireActiveUser } from '../identity/policy.js';
import { ListingNotFound } from '../listings/errors.js';
import { PRIVATE_STATUSES } from '../listings/listing.js';
import type { ListingRepository } from '../listings/ports.js';
import type { ListingView, ListingViews } from '../listings/views.js';
import type { Clock } from '../shared/clock.js';
import type { EventFactory, Outbox } from '../shared/events.js';
import { clampLimit, encodeCursor, readCursor, type InvalidCursor, type Page } from '../shared/pagination.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { ListingNotOpen } from './errors.js';
import type { FavoriteRepository } from './ports.js';

export interface FavoriteState {
  readonly favorited: boolean;
  readonly favoriteCount: number;
}

type FavoriteError = NotAuthenticated | UserBanned | ListingNotFound | ListingNotOpen;

export interface SetFavoriteDeps {
  readonly favorites: FavoriteRepository;
  readonly listings: ListingRepository;
  readonly outbox: Outbox;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly events: EventFactory;
}

/**
 * 收藏 and 取消收藏. Both are idempotent: repeating one changes nothing and still answers with the
 * current state. Any signed-in, unbanned user may favorite; it is private and is how price-drop
 * alerts reach a student who has not verified yet.
 */
export class SetFavorite {
  constructor(private readonly deps: SetFavoriteDeps) {}

  execute(input: {
    actor: Actor;
    listingId: string;
    favorited: boolean;
  }): Promise<Result<FavoriteState, FavoriteError>> {
    return this.deps.uow.run(async () => {
      const who = requireActiveUser(input.actor);
      if (!who.ok) return who;
      const userId = who.value.userId;
      // Locked first, as for comments: the favorite's insert would share-lock the row before its counter update.
      const listing = await this.deps.listings.byId(input.listingId, { forUpdate: true });
      if (!listing || PRIVATE_STATUSES.includes(listing.status)) {
        return err(new ListingNotFound(input.listingId));
      }
      if (input.favorited) {
        if (!listing.isLive) return err(new ListingNotOpen(listing.id, listing.status));
        if (await this.deps.favorites.add(userId, listing.id, this.deps.clock.now())) {
          await this.deps.listings.adjustCounters(listing.id, { favorites: 1 });
          await this.deps.outbox.append([
            this.deps.events.create('ListingFavorited', listing.id, { listingId: listing.id, userId }),
          ]);
        }
      } else if (await this.deps.favorites.remove(userId, listing.id)) {
        await this.deps.listings.adjustCounters(listing.id, { favorites: -1 });
        await this.deps.outbox.append([
          this.deps.events.create('ListingUnfavorited', listing.id, { listingId: listing.id, userId }),
        ]);
      }
      const fresh = await this.deps.listings.byId(listing.id);
      return ok({ favorited: input.favorited, favoriteCount: fresh?.favoriteCount ?? listing.favoriteCount });
    });
  }
}

/** 我的收藏, newest first. Listings since withdrawn or removed drop out; sold ones stay, marked. */
export class MyFavorites {
  constructor(
    private readonly favorites: FavoriteRepository,
    private readonly listings: ListingRepository,
    private readonly views: ListingViews,
  ) {}

  async execute(input: {
    actor: Actor;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<ListingView>, NotAuthenticated | UserBanned | InvalidCursor>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    let after: { createdAt: Date; listingId: string } | null = null;
    if (input.cursor !== undefined) {
      const decoded = readCursor(input.cursor, ['time', 'string']);
      if (!decoded.ok) return decoded;
      after = { createdAt: new Date(decoded.value[0]), listingId: decoded.value[1] };
    }
    const limit = clampLimit(input.limit);
    const entries = await this.favorites.byUser(who.value.userId, after, limit + 1);
    const pageEntries = entries.slice(0, limit);
    const found = await this.listings.byIds(pageEntries.map((e) => e.listingId));
    const byId = new Map(found.map((l) => [l.id, l]));
    const visible = pageEntries
      .map((e) => byId.get(e.listingId))
      .filter((l) => l !== undefined && !PRIVATE_STATUSES.includes(l.status));
    const last = pageEntries.at(-1);
    const nextCursor = entries.length > limit && last ? encodeCursor([last.createdAt.getTime(), last.listingId]) : null;
    return ok({
      items: await this.views.build(visible as NonNullable<(typeof visible)[number]>[], input.actor),
      nextCursor,
    });
  }
}
