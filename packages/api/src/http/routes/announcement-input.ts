import type { Actor, BannerTarget } from '@xianzhi/core';

/** A campus admin who names no campus means their own; a super admin, the default campus. */
export const adminCampusOf = (actor: Actor, named: string | undefined, defaultCampusId: string): string =>
  named ?? (actor.kind === 'admin' ? actor.campusId : null) ?? defaultCampusId;

/** `{ [key]: Date }` when the ISO string was sent, nothing when it was not. */
export function dateOrUndefined<K extends string>(key: K, iso: string | undefined): { [P in K]?: Date } {
  return (iso === undefined ? {} : { [key]: new Date(iso) }) as { [P in K]?: Date };
}

/** As `dateOrUndefined`, and an explicit null (no end) is kept. */
export function dateOrNull<K extends string>(key: K, iso: string | null | undefined): { [P in K]?: Date | null } {
  return (iso === undefined ? {} : { [key]: iso === null ? null : new Date(iso) }) as { [P in K]?: Date | null };
}

export const times = (a: { startsAt: Date; endsAt: Date | null; createdAt: Date; updatedAt: Date }) => ({
  startsAt: a.startsAt.toISOString(),
  endsAt: a.endsAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

/** The target as core takes it; a missing id or path is empty, which core refuses as a bad `target`. */
export function bannerTarget(t: {
  kind: BannerTarget['kind'];
  listingId?: string;
  categoryId?: string;
  noticeId?: string;
  path?: string;
}): BannerTarget {
  switch (t.kind) {
    case 'listing':
      return { kind: t.kind, listingId: t.listingId ?? '' };
    case 'category':
      return { kind: t.kind, categoryId: t.categoryId ?? '' };
    case 'notice':
      return { kind: t.kind, noticeId: t.noticeId ?? '' };
    case 'page':
      return { kind: t.kind, path: t.path ?? '' };
    default:
      return { kind: 'none' };
  }
}
