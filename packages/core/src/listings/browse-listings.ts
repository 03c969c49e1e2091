import { checkListingFilters, type ListingFilterInput } from './filters.js';
import type { CategoryRepository } from '../catalog/ports.js';
import type { Actor } from '../identity/actor.js';
import type { NotAuthenticated, UserBanned } from '../identity/errors.js';
import { requireActiveUser } from '../identity/policy.js';
import type { Clock } from '../shared/clock.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import { clampLimit, encodeCursor, readOptionalCursor, type InvalidCursor, type Page } from '../shared/pagination.js';
import { err, ok, type Result } from '../shared/result.js';
import type { ListingStatus } from './listing.js';
import {
  sortValueOf,
  type ListingCursor,
  type ListingFeedQuery,
  type ListingRepository,
  type ListingSort,
} from './ports.js';
import type { ListingView, ListingViews } from './views.js';

export interface BrowseListingsInput extends ListingFilterInput {
  readonly actor: Actor;
  readonly sort?: ListingSort;
  readonly cursor?: string;
  readonly limit?: number;
}

/** The campus feed: anyone may browse, signed in or not. */
export class BrowseListings {
  constructor(
    private readonly listings: ListingRepository,
    private readonly categories: CategoryRepository,
    private readonly views: ListingViews,
    private readonly clock: Clock,
  ) {}

  async execute(input: BrowseListingsInput): Promise<Result<Page<ListingView>, ValidationFailed | InvalidCursor>> {
    const cursor = parseCursor(input.cursor);
    if (!cursor.ok) return cursor;
    const after = cursor.value;
    const p = new Problems();
    const sort = input.sort ?? 'newest';
    const category = await checkListingFilters(p, this.categories, input);

    if (p.any) return err(p.toError());

    const limit = clampLimit(input.limit);
    const query: ListingFeedQuery = {
      campusId: input.campusId,
      sort,
      after,
      limit: limit + 1,
      now: this.clock.now(),
      ...(input.kind !== undefined && { kind: input.kind as ListingFeedQuery['kind'] }),
      ...(category && (category.isRoot ? { rootCategoryId: category.id } : { categoryId: category.id })),
      ...(input.condition !== undefined && { condition: input.condition as ListingFeedQuery['condition'] }),
      ...(input.minPrice !== undefined && { minPrice: input.minPrice }),
      ...(input.maxPrice !== undefined && { maxPrice: input.maxPrice }),
      ...(input.areaId !== undefined && { areaId: input.areaId }),
      ...(input.tradeMethod !== undefined && { tradeMethod: input.tradeMethod as ListingFeedQuery['tradeMethod'] }),
    };
    const rows = await this.listings.feed(query);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor([sortValueOf(last, sort), last.id]) : null;
    return ok({ items: await this.views.build(page, input.actor), nextCursor });
  }
}

export interface MyListingsInput {
  readonly actor: Actor;
  readonly status?: ListingStatus;
  readonly cursor?: string;
  readonly limit?: number;
}

/** 我的发布: every listing the user owns, whatever its state, newest first. */
export class MyListings {
  constructor(
    private readonly listings: ListingRepository,
    private readonly views: ListingViews,
  ) {}

  async execute(
    input: MyListingsInput,
  ): Promise<Result<Page<ListingView>, NotAuthenticated | UserBanned | InvalidCursor>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    const after = parseCursor(input.cursor);
    if (!after.ok) return after;
    const limit = clampLimit(input.limit);
    const rows = await this.listings.byOwner({
      ownerId: who.value.userId,
      after: after.value,
      limit: limit + 1,
      ...(input.status && { status: input.status }),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor([last.createdAt.getTime(), last.id]) : null;
    return ok({ items: await this.views.build(page, input.actor), nextCursor });
  }
}

function parseCursor(cursor: string | undefined): Result<ListingCursor | null, InvalidCursor> {
  const read = readOptionalCursor(cursor, ['number', 'string']);
  return read.ok ? ok(read.value && { sortValue: read.value[0], id: read.value[1] }) : read;
}
