import type { Actor } from '../identity/actor.js';
import type { AdminScope } from '../identity/admin.js';
import { UserNotFound, type AdminOnly, type NotAuthenticated, type UserBanned } from '../identity/errors.js';
import { isAdminOf, requireActiveUser, requireAdmin, requireAdminOf } from '../identity/policy.js';
import type { UserRepository } from '../identity/ports.js';
import { ListingNotFound } from '../listings/errors.js';
import { PRIVATE_STATUSES } from '../listings/listing.js';
import type { ListingRepository } from '../listings/ports.js';
import { clampLimit, encodeCursor, readOptionalCursor, type InvalidCursor, type Page } from '../shared/pagination.js';
import { err, ok, type Result } from '../shared/result.js';
import { TradeNotFound } from './errors.js';
import type { DealRole, OfferStatus } from './offer.js';
import type { DealCursor, OfferRepository, RatingRepository, TradeRepository } from './ports.js';
import type { TradeStatus } from './trade.js';
import type { DealViews, OfferView, RatingView, TradeView } from './views.js';

type Reader = NotAuthenticated | UserBanned;

function dealCursor(cursor: string | undefined): Result<DealCursor | null, InvalidCursor> {
  const read = readOptionalCursor(cursor, ['time', 'string']);
  if (!read.ok) return read;
  return ok(read.value ? { createdAt: new Date(read.value[0]), id: read.value[1] } : null);
}

function nextDealCursor(items: readonly { createdAt: Date; id: string }[], limit: number): string | null {
  const last = items[limit - 1];
  return items.length > limit && last ? encodeCursor([last.createdAt.getTime(), last.id]) : null;
}

/** 我的出价 (as buyer) and 收到的出价 (as seller), newest first. */
export class ListMyOffers {
  constructor(
    private readonly offers: OfferRepository,
    private readonly views: DealViews,
  ) {}

  async execute(input: {
    actor: Actor;
    role?: DealRole;
    status?: OfferStatus;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<OfferView>, Reader | InvalidCursor>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    const after = dealCursor(input.cursor);
    if (!after.ok) return after;
    const limit = clampLimit(input.limit);
    const found = await this.offers.mine({
      userId: who.value.userId,
      role: input.role ?? 'buyer',
      ...(input.status !== undefined && { status: input.status }),
      after: after.value,
      limit: limit + 1,
    });
    const items = await this.views.offers(found.slice(0, limit));
    return ok({ items, nextCursor: nextDealCursor(found, limit) });
  }
}

/** A listing's offers: all of them for its seller (and the campus's admins), only their own for anyone else. */
export class ListListingOffers {
  constructor(
    private readonly offers: OfferRepository,
    private readonly listings: ListingRepository,
    private readonly views: DealViews,
  ) {}

  async execute(input: { actor: Actor; listingId: string }): Promise<Result<OfferView[], Reader | ListingNotFound>> {
    const listing = await this.listings.byId(input.listingId);
    if (input.actor.kind === 'admin') {
      if (!listing || !isAdminOf(input.actor, listing.campusId)) return err(new ListingNotFound(input.listingId));
      return ok(await this.views.offers(await this.offers.forListing(listing.id)));
    }
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    const me = who.value.userId;
    if (!listing || (PRIVATE_STATUSES.includes(listing.status) && listing.ownerId !== me)) {
      return err(new ListingNotFound(input.listingId));
    }
    const found = await this.offers.forListing(listing.id, listing.ownerId === me ? undefined : me);
    return ok(await this.views.offers(found));
  }
}

/** One trade, for its two parties (and the campus's admins); anyone else is told it does not exist. */
export class GetTrade {
  constructor(
    private readonly trades: TradeRepository,
    private readonly views: DealViews,
  ) {}

  async execute(input: { actor: Actor; tradeId: string }): Promise<Result<TradeView, Reader | TradeNotFound>> {
    const trade = await this.trades.byId(input.tradeId);
    if (input.actor.kind === 'admin') {
      if (!trade || !isAdminOf(input.actor, trade.campusId)) return err(new TradeNotFound(input.tradeId));
      return ok((await this.views.trades([trade], null))[0]!);
    }
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    if (!trade || trade.roleOf(who.value.userId) === null) return err(new TradeNotFound(input.tradeId));
    return ok((await this.views.trades([trade], who.value.userId))[0]!);
  }
}

/** 我的交易: as buyer, as seller, or both; newest first. */
export class ListMyTrades {
  constructor(
    private readonly trades: TradeRepository,
    private readonly views: DealViews,
  ) {}

  async execute(input: {
    actor: Actor;
    role?: DealRole;
    status?: TradeStatus;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<TradeView>, Reader | InvalidCursor>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    const after = dealCursor(input.cursor);
    if (!after.ok) return after;
    const limit = clampLimit(input.limit);
    const found = await this.trades.list({
      userId: who.value.userId,
      ...(input.role !== undefined && { role: input.role }),
      ...(input.status !== undefined && { status: input.status }),
      after: after.value,
      limit: limit + 1,
    });
    const items = await this.views.trades(found.slice(0, limit), who.value.userId);
    return ok({ items, nextCursor: nextDealCursor(found, limit) });
  }
}

function ratingCursor(cursor: string | undefined) {
  const read = readOptionalCursor(cursor, ['time', 'string']);
  if (!read.ok) return read;
  return ok(read.value ? { publishedAt: new Date(read.value[0]), id: read.value[1] } : null);
}

/**
 * The ratings about a student, newest first: only those shown (published, not hidden) for everyone;
 * admins of the student's campus also see hidden ones (`includeHidden`).
 */
export class ListUserRatings {
  constructor(
    private readonly ratings: RatingRepository,
    private readonly users: UserRepository,
    private readonly views: DealViews,
  ) {}

  async execute(input: {
    actor: Actor;
    userId: string;
    cursor?: string;
    limit?: number;
    asAdmin?: boolean;
  }): Promise<Result<Page<RatingView>, UserNotFound | InvalidCursor | NotAuthenticated | AdminOnly | AdminScope>> {
    if (input.asAdmin === true) {
      const admin = requireAdmin(input.actor);
      if (!admin.ok) return admin;
    }
    const user = await this.users.byId(input.userId);
    if (!user) return err(new UserNotFound(input.userId));
    if (input.asAdmin === true) {
      const scoped = requireAdminOf(input.actor, user.campusId);
      if (!scoped.ok) return scoped;
    }
    const after = ratingCursor(input.cursor);
    if (!after.ok) return after;
    const limit = clampLimit(input.limit);
    const found = await this.ratings.about({
      rateeId: user.id,
      now: this.views.now(),
      includeHidden: input.asAdmin === true,
      after: after.value,
      limit: limit + 1,
    });
    const last = found[limit - 1];
    const nextCursor = found.length > limit && last ? encodeCursor([last.publishedAt.getTime(), last.id]) : null;
    return ok({ items: await this.views.ratingViews(found.slice(0, limit)), nextCursor });
  }
}

/** A student's trades in the back office, for an admin of their campus; newest first. */
export class ListUserTradesForAdmin {
  constructor(
    private readonly trades: TradeRepository,
    private readonly users: UserRepository,
    private readonly views: DealViews,
  ) {}

  async execute(input: {
    actor: Actor;
    userId: string;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<TradeView>, NotAuthenticated | AdminOnly | AdminScope | UserNotFound | InvalidCursor>> {
    const admin = requireAdmin(input.actor);
    if (!admin.ok) return admin;
    const user = await this.users.byId(input.userId);
    if (!user) return err(new UserNotFound(input.userId));
    const scoped = requireAdminOf(input.actor, user.campusId);
    if (!scoped.ok) return scoped;
    const after = dealCursor(input.cursor);
    if (!after.ok) return after;
    const limit = clampLimit(input.limit);
    const found = await this.trades.list({ userId: user.id, after: after.value, limit: limit + 1 });
    return ok({
      items: await this.views.trades(found.slice(0, limit), null),
      nextCursor: nextDealCursor(found, limit),
    });
  }
}

export interface Trust {
  readonly completedAsSeller: number;
  readonly completedAsBuyer: number;
  readonly ratingCount: number;
  /** Share of 好评 among shown ratings, 0..1; null without any. */
  readonly goodShare: number | null;
}

/** What the seller profile shows of a student's trading record. */
export class GetTrust {
  constructor(
    private readonly trades: TradeRepository,
    private readonly ratings: RatingRepository,
    private readonly clock: { now(): Date },
  ) {}

  async execute(userId: string): Promise<Trust> {
    const [counts, tally] = await Promise.all([
      this.trades.completedCounts(userId),
      this.ratings.tally(userId, this.clock.now()),
    ]);
    return {
      completedAsSeller: counts.asSeller,
      completedAsBuyer: counts.asBuyer,
      ratingCount: tally.count,
      goodShare: tally.count === 0 ? null : tally.good / tally.count,
    };
  }
}
