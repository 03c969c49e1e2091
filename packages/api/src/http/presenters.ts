import {
  CONDITIONS,
  LISTING_KINDS,
  TRADE_METHODS,
  labelled,
  isAdminOf,
  type Actor,
  type PhotoVariantName,
  type CatalogView,
  type Category,
  type CategoryNode,
  type CommentThread,
  type CommentView,
  type ListingView,
  type User,
} from '@xianzhi/core';
import type {
  AdminCategory,
  Catalog,
  CategoryList,
  CommentThread as CommentThreadBody,
  CommentView as CommentBody,
  ListingDetail,
  ListingSummary,
  Me,
} from '../contract.js';

const PHOTO_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * A listing's photo reference as a URL: an uploaded photo's id gives its variant under
 * /media/photos/; an absolute URL is kept; anything else is an older path under /media/.
 */
export function photoUrl(reference: string, variant: PhotoVariantName = 'medium'): string {
  if (/^https?:\/\//.test(reference)) return reference;
  if (PHOTO_ID.test(reference)) return `/media/photos/${reference}/${variant}`;
  return `/media/${reference.split('/').map(encodeURIComponent).join('/')}`;
}

export function photoUrls(reference: string): Record<PhotoVariantName, string> {
  return {
    thumb: photoUrl(reference, 'thumb'),
    medium: photoUrl(reference, 'medium'),
    large: photoUrl(reference, 'large'),
  };
}

export function listingSummary(view: ListingView): ListingSummary {
  const l = view.listing;
  return {
    id: l.id,
    kind: l.kind,
    title: l.title,
    price: l.price,
    originalPrice: l.originalPrice,
    status: l.status,
    category: view.category,
    condition: l.condition,
    areaId: l.areaId,
    coverPhotoUrl: l.photos[0] === undefined ? null : photoUrl(l.photos[0], 'thumb'),
    listedAt: l.listedAt.toISOString(),
    viewCount: l.viewCount,
    favoriteCount: l.favoriteCount,
    commentCount: l.commentCount,
    wantCount: l.wantCount,
    seller: { id: view.seller.id, nickname: view.seller.nickname, avatarUrl: view.seller.avatarUrl },
  };
}

export function listingDetail(view: ListingView, viewer: Actor): ListingDetail {
  const l = view.listing;
  const privileged = view.isMine || isAdminOf(viewer, l.campusId);
  return {
    ...listingSummary(view),
    description: l.description,
    photos: l.photos.map((p) => ({ id: p, url: photoUrl(p), urls: photoUrls(p) })),
    tradeMethods: l.tradeMethods,
    book: l.book,
    expiresAt: l.expiresAt.toISOString(),
    version: l.version,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
    removalReason: privileged ? l.removalReason : null,
    favoritedByMe: view.favoritedByMe,
    wantedByMe: view.wantedByMe,
    isMine: view.isMine,
    priceHistory: l.priceHistory.map((c) => ({ at: c.at, from: c.from, to: c.to })),
    seller: {
      id: view.seller.id,
      nickname: view.seller.nickname,
      avatarUrl: view.seller.avatarUrl,
      ...(view.seller.qqOpenId !== null && { qqOpenId: view.seller.qqOpenId }),
    },
  };
}

export function catalog(view: CatalogView): Catalog {
  return {
    campus: {
      id: view.campus.id,
      name: view.campus.name,
      areas: view.campus.areas.map((a) => ({ id: a.id, name: a.name })),
    },
    categories: view.tree.map((node) => ({
      ...leaf(node.category),
      children: node.children.map(leaf),
    })),
    conditions: labelled(CONDITIONS),
    tradeMethods: labelled(TRADE_METHODS),
    kinds: labelled(LISTING_KINDS),
  };
}

export function categoryList(tree: readonly CategoryNode[]): CategoryList {
  const managed = (c: Category) => ({ ...leaf(c), sortOrder: c.sortOrder, enabled: c.enabled });
  return { items: tree.map((node) => ({ ...managed(node.category), children: node.children.map(managed) })) };
}

export function adminCategory(c: Category): AdminCategory {
  return {
    id: c.id,
    campusId: c.campusId,
    parentId: c.parentId,
    code: c.code,
    name: c.name,
    sortOrder: c.sortOrder,
    enabled: c.enabled,
  };
}

function leaf(c: Category) {
  return { id: c.id, code: c.code, name: c.name };
}

export function comment(view: CommentView): CommentBody {
  return {
    id: view.id,
    author: {
      id: view.author.id,
      nickname: view.author.nickname,
      avatarUrl: view.author.avatarUrl,
      ...(typeof view.author.qqOpenId === 'string' && { qqOpenId: view.author.qqOpenId }),
    },
    body: view.body,
    deleted: view.deleted,
    hidden: view.hidden,
    createdAt: view.createdAt.toISOString(),
    replyTo: view.replyTo,
    canDelete: view.canDelete,
  };
}

export function commentThread(thread: CommentThread): CommentThreadBody {
  const { replyTo: _top, ...top } = comment(thread.comment);
  return { ...top, replies: thread.replies.map(comment) };
}

export function me(user: User): Me {
  return {
    id: user.id,
    nickname: user.nickname,
    avatarUrl: user.avatarUrl,
    campusId: user.campusId,
    verified: user.verified,
    verifiedAt: user.verifiedAt?.toISOString() ?? null,
    status: user.status,
    role: user.role,
  };
}
