import type { Actor } from '../identity/actor.js';
import { UserNotFound } from '../identity/errors.js';
import type { UserRepository } from '../identity/ports.js';
import type { User } from '../identity/user.js';
import type { Clock } from '../shared/clock.js';
import { clampLimit, encodeCursor, readOptionalCursor, type InvalidCursor, type Page } from '../shared/pagination.js';
import { err, ok, type Result } from '../shared/result.js';
import { sortValueOf, type ListingRepository } from './ports.js';
import type { ListingView, ListingViews } from './views.js';

/**
 * What anyone may know of a seller. Deliberately a narrow copy of the user, so nothing private (the QQ
 * openid, the campus login) can be handed out by presenting the wrong object.
 */
export interface SellerProfile {
  readonly id: string;
  readonly nickname: string;
  readonly avatarUrl: string | null;
  readonly verified: boolean;
  readonly campusId: string | null;
  readonly memberSince: Date;
  readonly liveListingCount: number;
}

/** A banned student has no public page: they are as unknown as an id that never existed. */
async function publicSeller(users: UserRepository, userId: string): Promise<Result<User, UserNotFound>> {
  const user = await users.byId(userId);
  return user && !user.banned ? ok(user) : err(new UserNotFound(userId));
}

/** 卖家主页: anyone may look, signed in or not. */
export class GetSellerProfile {
  constructor(
    private readonly users: UserRepository,
    private readonly listings: ListingRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: { userId: string }): Promise<Result<SellerProfile, UserNotFound>> {
    const found = await publicSeller(this.users, input.userId);
    if (!found.ok) return found;
    const user = found.value;
    return ok({
      id: user.id,
      nickname: user.nickname,
      avatarUrl: user.avatarUrl,
      verified: user.verified,
      campusId: user.campusId,
      memberSince: user.createdAt,
      liveListingCount: await this.listings.countLiveByOwner(user.id, this.clock.now()),
    });
  }
}

export interface SellerListingsInput {
  readonly actor: Actor;
  readonly userId: string;
  readonly cursor?: string;
  readonly limit?: number;
}

/** A seller's listings on their page: what the feed would show of them, newest first, with the feed's cursor. */
export class SellerListings {
  constructor(
    private readonly users: UserRepository,
    private readonly listings: ListingRepository,
    private readonly views: ListingViews,
    private readonly clock: Clock,
  ) {}

  async execute(input: SellerListingsInput): Promise<Result<Page<ListingView>, UserNotFound | InvalidCursor>> {
    const read = readOptionalCursor(input.cursor, ['number', 'string']);
    if (!read.ok) return read;
    const found = await publicSeller(this.users, input.userId);
    if (!found.ok) return found;
    const limit = clampLimit(input.limit);
    const rows = await this.listings.liveByOwner({
      ownerId: found.value.id,
      after: read.value && { sortValue: read.value[0], id: read.value[1] },
      limit: limit + 1,
      now: this.clock.now(),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor([sortValueOf(last, 'newest'), last.id]) : null;
    return ok({ items: await this.views.build(page, input.actor), nextCursor });
  }
}
