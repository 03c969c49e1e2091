import type { CategoryRepository } from '../catalog/ports.js';
import type { Actor } from '../identity/actor.js';
import type { NotAuthenticated, NotVerified, UserBanned } from '../identity/errors.js';
import { requireActiveUser, requireVerifiedUser } from '../identity/policy.js';
import { checkListingFilters, type ListingFilterInput } from '../listings/filters.js';
import type { SearchFilters, SearchTokenizer } from '../listings/search.js';
import { MAX_QUERY_LENGTH } from '../listings/search-listings.js';
import type { Clock } from '../shared/clock.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { savedSearchKeys } from './saved-search-keys.js';
import type { SavedSearchRepository } from './saved-search-ports.js';
import {
  SAVED_SEARCH_MAX,
  SavedSearchLimitReached,
  SavedSearchNotFound,
  sameSearch,
  type SavedSearch,
} from './saved-search.js';

export type SaveSearchInput = Omit<ListingFilterInput, 'campusId'> & { readonly actor: Actor; readonly text: string };

export type SaveSearchError = NotAuthenticated | UserBanned | NotVerified | ValidationFailed | SavedSearchLimitReached;

export interface SaveSearchDeps {
  readonly savedSearches: SavedSearchRepository;
  readonly categories: CategoryRepository;
  readonly tokenizer: SearchTokenizer;
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  /** Defaults to SAVED_SEARCH_MAX. */
  readonly max?: number;
}

/**
 * 保存此搜索: a verified student keeps a search (the text and the filters the search page takes) to be
 * told of new listings of their campus it finds. Saving the same search again answers the one kept.
 */
export class SaveSearch {
  constructor(private readonly deps: SaveSearchDeps) {}

  async execute(input: SaveSearchInput): Promise<Result<{ search: SavedSearch; created: boolean }, SaveSearchError>> {
    const who = requireVerifiedUser(input.actor, '订阅搜索');
    if (!who.ok) return who;
    const text = input.text.trim();
    const p = new Problems();
    p.check(text.length > 0, 'text', '请输入搜索内容');
    p.check(text.length <= MAX_QUERY_LENGTH, 'text', `搜索内容不能超过 ${MAX_QUERY_LENGTH} 个字`);
    const terms = this.deps.tokenizer.query(text);
    if (text.length > 0) p.check(terms.length > 0, 'text', '搜索内容里没有可以匹配的字词');
    const category = await checkListingFilters(p, this.deps.categories, { ...input, campusId: who.value.campusId });
    if (p.any) return err(p.toError());

    const filters: SearchFilters = {
      ...(input.kind !== undefined && { kind: input.kind as SearchFilters['kind'] }),
      ...(category && { categoryId: category.id }),
      ...(input.condition !== undefined && { condition: input.condition as SearchFilters['condition'] }),
      ...(input.minPrice !== undefined && { minPrice: input.minPrice }),
      ...(input.maxPrice !== undefined && { maxPrice: input.maxPrice }),
      ...(input.areaId !== undefined && { areaId: input.areaId }),
      ...(input.tradeMethod !== undefined && { tradeMethod: input.tradeMethod as SearchFilters['tradeMethod'] }),
    };
    const max = this.deps.max ?? SAVED_SEARCH_MAX;
    // The search and its keys are stored together, or not at all.
    return this.deps.uow.run(async (): Promise<Result<{ search: SavedSearch; created: boolean }, SaveSearchError>> => {
      const mine = await this.deps.savedSearches.byUser(who.value.userId);
      const same = mine.find((s) => s.campusId === who.value.campusId && sameSearch(s, { text, filters }));
      if (same) return ok({ search: same, created: false });
      const search: SavedSearch = {
        id: this.deps.ids.next(),
        userId: who.value.userId,
        campusId: who.value.campusId,
        text,
        filters,
        createdAt: this.deps.clock.now(),
      };
      const added = await this.deps.savedSearches.add(search, savedSearchKeys(terms), max);
      return added ? ok({ search, created: true }) : err(new SavedSearchLimitReached(max));
    });
  }
}

/** 我的订阅: the student's saved searches, newest first (at most SAVED_SEARCH_MAX, so one page). */
export class ListSavedSearches {
  constructor(private readonly savedSearches: SavedSearchRepository) {}

  async execute(input: { actor: Actor }): Promise<Result<SavedSearch[], NotAuthenticated | UserBanned>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    return ok(await this.savedSearches.byUser(who.value.userId));
  }
}

/** Deletes one of the student's saved searches; anybody else's is not found, as a missing one. */
export class DeleteSavedSearch {
  constructor(
    private readonly savedSearches: SavedSearchRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(input: {
    actor: Actor;
    savedSearchId: string;
  }): Promise<Result<void, NotAuthenticated | UserBanned | SavedSearchNotFound>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    const removed = await this.uow.run(() => this.savedSearches.remove(who.value.userId, input.savedSearchId));
    return removed ? ok(undefined) : err(new SavedSearchNotFound(input.savedSearchId));
  }
}
