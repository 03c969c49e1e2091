import type { Actor } from '../identity/actor.js';
import type { NotAuthenticated, NotVerified, UserBanned } from '../identity/errors.js';
import { requireVerifiedUser } from '../identity/policy.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { err, ok, type Result } from '../shared/result.js';
import { PhotoTooLarge, PhotoTooManyPixels, PhotoTypeUnsupported, PhotoUnreadable } from './errors.js';
import {
  PHOTO_VARIANT_SIZES,
  PHOTO_VARIANTS,
  sha256Hex,
  variantKey,
  type Photo,
  type PhotoVariantName,
} from './photo.js';
import type { PhotoProcessor, PhotoRepository, PhotoStorage } from './ports.js';
import {
  noScreening,
  type ContentRisky,
  type ContentSafetyUnavailable,
  type ContentScreening,
  type Screening,
} from '../shared/content-safety.js';

export interface PhotoLimits {
  readonly maxBytes: number;
  /** Width × height of the original; checked from the header before the image is decoded. */
  readonly maxPixels: number;
}

export const DEFAULT_PHOTO_LIMITS: PhotoLimits = { maxBytes: 10 * 1024 * 1024, maxPixels: 50_000_000 };

export interface UploadPhotoInput {
  readonly actor: Actor;
  readonly bytes: Uint8Array;
}

export type UploadPhotoError =
  | NotAuthenticated
  | UserBanned
  | NotVerified
  | PhotoTooLarge
  | PhotoTooManyPixels
  | PhotoTypeUnsupported
  | PhotoUnreadable
  | ContentRisky
  | ContentSafetyUnavailable;

export interface UploadPhotoDeps {
  readonly photos: PhotoRepository;
  readonly storage: PhotoStorage;
  readonly processor: PhotoProcessor;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  /** Defaults to `DEFAULT_PHOTO_LIMITS`. */
  readonly limits?: PhotoLimits;
  /** Defaults to `noScreening`. */
  readonly screening?: ContentScreening;
}

interface Uploader {
  /** A student's user id or an admin's account id (both ULIDs, so they never meet). */
  readonly ownerId: string;
  readonly campusId: string | null;
}

/** Verified students upload for their listings and avatars; admins for banners. */
function uploaderOf(actor: Actor): Result<Uploader, NotAuthenticated | UserBanned | NotVerified> {
  if (actor.kind === 'admin') return ok({ ownerId: actor.adminId, campusId: actor.campusId });
  const user = requireVerifiedUser(actor, '上传照片');
  return user.ok ? ok({ ownerId: user.value.userId, campusId: user.value.campusId }) : user;
}

export class UploadPhoto {
  private readonly deps: Required<UploadPhotoDeps>;

  constructor({ limits = DEFAULT_PHOTO_LIMITS, screening = noScreening, ...deps }: UploadPhotoDeps) {
    this.deps = { ...deps, limits, screening };
  }

  async execute(input: UploadPhotoInput): Promise<Result<Photo, UploadPhotoError>> {
    const who = uploaderOf(input.actor);
    if (!who.ok) return who;
    if (input.bytes.byteLength > this.deps.limits.maxBytes) return err(new PhotoTooLarge(this.deps.limits.maxBytes));

    const contentHash = await sha256Hex(input.bytes);
    const existing = await this.deps.photos.byOwnerAndHash(who.value.ownerId, contentHash);
    if (existing) return ok(existing);

    const info = await this.deps.processor.inspect(input.bytes);
    if (info.kind === 'unsupported') return err(new PhotoTypeUnsupported(info.detected));
    if (info.width * info.height > this.deps.limits.maxPixels) {
      return err(new PhotoTooManyPixels(this.deps.limits.maxPixels, info.width, info.height));
    }

    const keys = {} as Record<PhotoVariantName, string>;
    let stored = true;
    for (const name of Object.keys(PHOTO_VARIANT_SIZES) as PhotoVariantName[]) {
      keys[name] = variantKey(contentHash, name);
      if (!(await this.deps.storage.exists(keys[name]))) stored = false;
    }
    // Variants are content-addressed: another account's identical upload may already be stored.
    const made = stored ? [] : await this.deps.processor.makeVariants(input.bytes, PHOTO_VARIANT_SIZES);
    // All variants are made before any is stored, so an undecodable file leaves nothing behind.
    if (made === null) return err(new PhotoUnreadable());
    const medium = stored
      ? (await this.deps.storage.get(keys.medium))?.bytes
      : made.find((v) => v.name === 'medium')?.bytes;
    // Checked before anything is stored, so a refused image leaves nothing behind.
    const screened = await this.screen(medium ?? null);
    if (!screened.ok) return screened;
    for (const v of made) await this.deps.storage.put(v.bytes, keys[v.name], v.contentType);
    const recorded = await this.record(who.value, contentHash, info, input.bytes.byteLength, keys, screened.value);
    if (stored && recorded.ok) await this.ensureStored(input.bytes, keys);
    return recorded;
  }

  /** The medium variant (750 px WebP, far under the checkers' 1 MB), never the original. */
  private async screen(medium: Uint8Array | null): Promise<Result<Screening, ContentRisky | ContentSafetyUnavailable>> {
    if (!medium) throw new Error('photo variants were made without a medium one');
    return this.deps.screening.image(medium, { scene: 'photo' });
  }

  private async record(
    who: Uploader,
    contentHash: string,
    info: { mime: Photo['mime']; width: number; height: number },
    byteSize: number,
    keys: Record<PhotoVariantName, string>,
    screened: Screening,
  ): Promise<Result<Photo, UploadPhotoError>> {
    const photo: Photo = {
      id: this.deps.ids.next(),
      ownerId: who.ownerId,
      contentHash,
      mime: info.mime,
      width: info.width,
      height: info.height,
      byteSize,
      variants: keys,
      createdAt: this.deps.clock.now(),
      attachedAt: null,
    };
    try {
      await this.deps.photos.save(photo);
    } catch (e) {
      // A double tap: the same bytes from the same user, saved by the other request first.
      const winner = await this.deps.photos.byOwnerAndHash(photo.ownerId, contentHash);
      if (winner) return ok(winner);
      throw e;
    }
    // A super admin belongs to no campus, so no campus's review queue: they review others' content themselves.
    if (who.campusId !== null) {
      await this.deps.screening.queueUnchecked(screened, {
        targetType: 'photo',
        targetId: photo.id,
        campusId: who.campusId,
        now: photo.createdAt,
      });
    }
    return ok(photo);
  }

  /**
   * Reused variants may have been deleted by the cleanup of an abandoned photo with the same bytes
   * between our check and our save; now that our photo counts, put back whatever is missing.
   */
  private async ensureStored(bytes: Uint8Array, keys: Record<PhotoVariantName, string>): Promise<void> {
    for (const name of PHOTO_VARIANTS) {
      if (await this.deps.storage.exists(keys[name])) continue;
      for (const v of (await this.deps.processor.makeVariants(bytes, PHOTO_VARIANT_SIZES)) ?? [])
        await this.deps.storage.put(v.bytes, keys[v.name], v.contentType);
      return;
    }
  }
}

/**
 * Photos a listing may reference: each must exist and belong to the owner. Returns the ids that
 * are not usable (empty when all are fine) and marks the usable ones attached.
 */
export async function attachOwnPhotos(
  photos: PhotoRepository,
  ownerId: string,
  ids: readonly string[],
  now: Date,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = new Map((await photos.byIds(ids)).map((p) => [p.id, p]));
  const bad = ids.filter((id) => found.get(id)?.ownerId !== ownerId);
  if (bad.length > 0) return bad;
  for (const p of found.values()) {
    if (p.attachedAt === null) {
      p.attachedAt = now;
      await photos.save(p);
    }
  }
  return [];
}
