import { DAY_MS, type Clock } from '../shared/clock.js';
import { PHOTO_VARIANTS, type Photo } from './photo.js';
import type { PhotoRepository, PhotoStorage, StoredObject } from './ports.js';

export const UNATTACHED_PHOTO_MAX_AGE_MS = DAY_MS;

/**
 * Deletes photos never attached to a listing once they are a day old (a publish form abandoned halfway),
 * with their stored variants when no other photo shares them. Variants are stored once per content
 * hash, so the count of photos with that hash is their reference count. A photo a listing uses is never
 * touched, whatever became of the listing (withdrawn and removed listings keep their photos).
 *
 * An upload of the same bytes may race the deletion of the files: after deleting, the count is taken
 * again and the files put back if a photo appeared meanwhile; the upload checks again after saving too.
 */
export class CleanupUnattachedPhotos {
  constructor(
    private readonly photos: PhotoRepository,
    private readonly storage: PhotoStorage,
    private readonly clock: Clock,
    private readonly maxAgeMs: number = UNATTACHED_PHOTO_MAX_AGE_MS,
  ) {}

  async execute(
    input: { batchSize?: number; onProgress?: (deleted: number) => void } = {},
  ): Promise<{ photos: number; files: number }> {
    const cutoff = new Date(this.clock.now().getTime() - this.maxAgeMs);
    const batchSize = input.batchSize ?? 200;
    let photos = 0;
    let files = 0;
    for (;;) {
      const batch = await this.photos.unattachedBefore(cutoff, batchSize);
      for (const photo of batch) {
        if (!(await this.photos.deleteIfUnattached(photo.id))) continue;
        photos++;
        files += await this.releaseVariants(photo);
      }
      if (batch.length > 0) input.onProgress?.(photos);
      if (batch.length < batchSize) return { photos, files };
    }
  }

  private async releaseVariants(photo: Photo): Promise<number> {
    if ((await this.photos.countWithHash(photo.contentHash)) > 0) return 0;
    const kept = new Map<string, StoredObject>();
    for (const name of PHOTO_VARIANTS) {
      const key = photo.variants[name];
      const object = await this.storage.get(key);
      if (!object) continue;
      kept.set(key, object);
      await this.storage.delete(key);
    }
    if ((await this.photos.countWithHash(photo.contentHash)) > 0) {
      for (const [key, object] of kept) await this.storage.put(object.bytes, key, object.contentType);
      return 0;
    }
    return kept.size;
  }
}
