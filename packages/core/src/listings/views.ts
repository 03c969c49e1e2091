import type { CategoryRepository } from '../catalog/ports.js';
import type { Actor } from '../identity/actor.js';
import { maySeeContact } from '../identity/policy.js';
import type { UserRepository } from '../identity/ports.js';
import type { Listing } from './listing.js';
import type { FavoriteLookup, WantLookup } from './ports.js';

export interface CategoryRef {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly parentName: string | null;
}

export interface SellerView {
  readonly id: string;
  readonly nickname: string;
  readonly avatarUrl: string | null;
  /** Present only where the viewer may contact the seller and the caller asked for it. */
  readonly qqOpenId: string | null;
}

/** A listing as a viewer sees it: names resolved, and what depends on who is looking. */
export interface ListingView {
  readonly listing: Listing;
  readonly category: CategoryRef;
  readonly seller: SellerView;
  readonly favoritedByMe: boolean;
  /** The viewer marked 想要 on it. */
  readonly wantedByMe: boolean;
  readonly isMine: boolean;
}

/** Resolves categories, sellers and favorites for a page in three batched reads, not per item. */
export class ListingViews {
  constructor(
    private readonly categories: CategoryRepository,
    private readonly users: UserRepository,
    private readonly favorites: FavoriteLookup,
    private readonly wants: WantLookup | null = null,
  ) {}

  async build(
    listings: readonly Listing[],
    actor: Actor,
    options: { revealContact?: boolean } = {},
  ): Promise<ListingView[]> {
    if (listings.length === 0) return [];
    const campusIds = [...new Set(listings.map((l) => l.campusId))];
    const ownerIds = [...new Set(listings.map((l) => l.ownerId))];
    const [categoryLists, owners, favorited, wanted] = await Promise.all([
      Promise.all(campusIds.map((id) => this.categories.forCampus(id))),
      this.users.byIds(ownerIds),
      actor.kind === 'user'
        ? this.favorites.favoritedAmong(
            actor.userId,
            listings.map((l) => l.id),
          )
        : Promise.resolve(new Set<string>()),
      actor.kind === 'user' && this.wants
        ? this.wants.wantedAmong(
            actor.userId,
            listings.map((l) => l.id),
          )
        : Promise.resolve(new Set<string>()),
    ]);
    const categoryById = new Map(categoryLists.flat().map((c) => [c.id, c]));
    const ownerById = new Map(owners.map((u) => [u.id, u]));
    const reveal = options.revealContact === true && maySeeContact(actor);

    return listings.map((listing) => {
      const category = categoryById.get(listing.categoryId);
      const parent = category?.parentId ? categoryById.get(category.parentId) : undefined;
      const owner = ownerById.get(listing.ownerId);
      return {
        listing,
        category: {
          id: listing.categoryId,
          name: category?.name ?? '未分类',
          parentId: category?.parentId ?? null,
          parentName: parent?.name ?? null,
        },
        seller: {
          id: listing.ownerId,
          nickname: owner?.nickname ?? '已注销用户',
          avatarUrl: owner?.avatarUrl ?? null,
          qqOpenId: reveal && owner && !owner.banned ? owner.qqOpenId : null,
        },
        favoritedByMe: favorited.has(listing.id),
        wantedByMe: wanted.has(listing.id),
        isMine: actor.kind === 'user' && actor.userId === listing.ownerId,
      };
    });
  }
}
