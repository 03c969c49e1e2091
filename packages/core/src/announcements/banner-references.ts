import type { CategoryRepository } from '../catalog/ports.js';
import type { ListingRepository } from '../listings/ports.js';
import type { Photo } from '../photos/photo.js';
import type { PhotoRepository } from '../photos/ports.js';
import type { Problems } from '../shared/errors.js';
import type { BannerTarget } from './banner.js';
import type { NoticeRepository } from './ports.js';

export interface BannerReferenceDeps {
  readonly listings: ListingRepository;
  readonly categories: CategoryRepository;
  readonly notices: NoticeRepository;
  readonly photos: PhotoRepository;
}

/** A listing, category or notice a banner opens must exist on the banner's own campus. */
export async function checkTarget(
  deps: BannerReferenceDeps,
  p: Problems,
  campusId: string,
  target: BannerTarget,
): Promise<void> {
  const owner = await campusOfTarget(deps, target);
  if (owner === undefined) return;
  p.check(owner === campusId, 'target', '跳转目标不存在，或不属于本校区');
}

async function campusOfTarget(deps: BannerReferenceDeps, target: BannerTarget): Promise<string | null | undefined> {
  switch (target.kind) {
    case 'listing':
      return (await deps.listings.byId(target.listingId))?.campusId ?? null;
    case 'category':
      return (await deps.categories.byId(target.categoryId))?.campusId ?? null;
    case 'notice':
      return (await deps.notices.byId(target.noticeId))?.campusId ?? null;
    default:
      return undefined;
  }
}

/**
 * A banner's image is a photo the acting admin uploaded themselves (never a student's, nor another
 * admin's: an upload is private until its uploader uses it). Answers it when usable.
 */
export async function checkBannerPhoto(
  photos: PhotoRepository,
  p: Problems,
  adminId: string,
  photoId: string,
): Promise<Photo | null> {
  const photo = await photos.byId(photoId);
  if (photo && photo.ownerId === adminId) return photo;
  p.add('photoId', '图片不存在，或不是你上传的');
  return null;
}

/** Marked attached, so the cleanup of abandoned uploads never deletes it, as for listings and avatars. */
export async function attachBannerPhoto(photos: PhotoRepository, photo: Photo, now: Date): Promise<void> {
  if (photo.attachedAt !== null) return;
  photo.attachedAt = now;
  await photos.save(photo);
}
