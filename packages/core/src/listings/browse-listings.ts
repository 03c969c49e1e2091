import { checkListingFilters, type ListingFilterInput } from './filters.js';
import type { CategoryRepository } from '../catalog/ports.js';
import type { Actor } from '../identity/actor.js';
import type { NotAuthenticated, UserBanned } from '../identity/errors.js';
import { requireActiveUser } from '../identity/policy.js';
import type { Clock } from '../shared/clock.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import { clampLimit, decodeCursor, encodeCursor, type Page } from '../shared/pagination.js';
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

  async execute(input: BrowseListingsInput): Promise<Result<Page<ListingView>, ValidationFailed>> {
    const p = new Problems();
    const sort = input.sort ?? 'newest';
    const category = await checkListingFilters(p, this.categories, input);
    const after = input.cursor === undefined ? null : parseCursor(input.cursor);
    if (input.cursor !== undefined) p.check(after !== null, 'cursor', '翻页参数无效，请从第一页开始');

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
  ): Promise<Result<Page<ListingView>, NotAuthenticated | UserBanned | ValidationFailed>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    const after = input.cursor === undefined ? null : parseCursor(input.cursor);
    if (input.cursor !== undefined && after === null) {
      return err(new Problems().add('cursor', '翻页参数无效，请从第一页开始').toError());
    }
    const limit = clampLimit(input.limit);
    const rows = await this.listings.byOwner({
      ownerId: who.value.userId,
      after,
      limit: limit + 1,
      ...(input.status && { status: input.status }),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor([last.createdAt.getTime(), last.id]) : null;
    return ok({ items: await this.views.build(page, input.actor), nextCursor });
  }
}

function parseCursor(cursor: string): ListingCursor | null {
  const decoded = decodeCursor(cursor, ['number', 'string']);
  return decoded ? { sortValue: decoded[0] as number, id: decoded[1] as string } : null;
}
