import { describe, expect, it } from 'vitest';
import { variantKey, type Photo } from '../photos/photo.js';
import type { PhotoRepository } from '../photos/ports.js';
import type { UserRepository } from '../identity/ports.js';

const T0 = new Date('2026-09-01T02:00:00.000Z');

export function aPhoto(overrides: Partial<Photo> = {}): Photo {
  const hash = overrides.contentHash ?? 'ab'.repeat(32);
  return {
    id: 'PHOTO00000000000000000001', ownerId: 'user-owner', contentHash: hash, mime: 'image/jpeg',
    width: 4032, height: 3024, byteSize: 2_345_678,
    variants: { thumb: variantKey(hash, 'thumb'), medium: variantKey(hash, 'medium'), large: variantKey(hash, 'large') },
    createdAt: T0, attachedAt: null,
    ...overrides,
  };
}

/** Contract cases for PhotoRepository; part of persistenceContract. Users 'user-owner' and 'user-buyer' exist. */
export function photoContract(adapterName: string, ports: () => { photos: PhotoRepository; users: UserRepository }): void {
  describe(`${adapterName}: PhotoRepository`, () => {
    it('saves, finds by id, ids and owner+hash, and records attachment', async () => {
      const { photos } = ports();
      const p = aPhoto();
      await photos.save(p);
      expect(await photos.byId(p.id)).toEqual(p);
      expect(await photos.byId('PHOTO00000000000000000404')).toBeNull();
      expect(await photos.byOwnerAndHash('user-owner', p.contentHash)).toEqual(p);
      expect(await photos.byOwnerAndHash('user-buyer', p.contentHash)).toBeNull();

      const other = aPhoto({ id: 'PHOTO00000000000000000002', ownerId: 'user-buyer' });
      await photos.save(other);
      expect((await photos.byIds([other.id, 'nope', p.id])).map((x) => x.id).sort()).toEqual([p.id, other.id].sort());

      const attached = { ...p, attachedAt: new Date(T0.getTime() + 60_000) };
      await photos.save(attached);
      expect((await photos.byId(p.id))!.attachedAt).toEqual(attached.attachedAt);
    });

    it('keeps one photo per owner and content hash', async () => {
      const { photos } = ports();
      await photos.save(aPhoto());
      await expect(photos.save(aPhoto({ id: 'PHOTO00000000000000000003' }))).rejects.toThrow();
    });
  });
}
