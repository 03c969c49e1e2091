import { describe, expect, it } from 'vitest';
import { variantKey, type Photo } from '../photos/photo.js';
import type { PhotoRepository } from '../photos/ports.js';
import type { UserRepository } from '../identity/ports.js';

const T0 = new Date('2026-09-01T02:00:00.000Z');

export function aPhoto(overrides: Partial<Photo> = {}): Photo {
  const hash = overrides.contentHash ?? 'ab'.repeat(32);
  return {
    id: 'PHOTO00000000000000000001',
    ownerId: 'user-owner',
    contentHash: hash,
    mime: 'image/jpeg',
    width: 4032,
    height: 3024,
    byteSize: 2_345_678,
    variants: {
      thumb: variantKey(hash, 'thumb'),
      medium: variantKey(hash, 'medium'),
      large: variantKey(hash, 'large'),
    },
    createdAt: T0,
    attachedAt: null,
    ...overrides,
  };
}

/** Contract cases for PhotoRepository; part of persistenceContract. Users 'user-owner' and 'user-buyer' exist. */
export function photoContract(
  adapterName: string,
  ports: () => { photos: PhotoRepository; users: UserRepository },
): void {
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

    it('lists unattached photos older than a cutoff, deletes only unattached ones, and counts photos sharing bytes', async () => {
      const { photos } = ports();
      const at = (min: number) => new Date(T0.getTime() + min * 60_000);
      const old = aPhoto({ id: 'PHOTO00000000000000000011', createdAt: at(0) });
      const older = aPhoto({ id: 'PHOTO00000000000000000010', ownerId: 'user-buyer', createdAt: at(-5) });
      const attached = aPhoto({
        id: 'PHOTO00000000000000000012',
        contentHash: 'cd'.repeat(32),
        createdAt: at(-9),
        attachedAt: at(1),
      });
      const fresh = aPhoto({ id: 'PHOTO00000000000000000013', contentHash: 'ef'.repeat(32), createdAt: at(30) });
      for (const p of [old, older, attached, fresh]) await photos.save(p);
      expect((await photos.unattachedBefore(at(10), 10)).map((p) => p.id)).toEqual([older.id, old.id]);
      expect((await photos.unattachedBefore(at(10), 1)).map((p) => p.id)).toEqual([older.id]);
      expect(await photos.countWithHash(old.contentHash)).toBe(2);
      expect(await photos.deleteIfUnattached(attached.id)).toBe(false);
      expect(await photos.deleteIfUnattached(old.id)).toBe(true);
      expect(await photos.deleteIfUnattached(old.id)).toBe(false);
      expect(await photos.byId(old.id)).toBeNull();
      expect(await photos.countWithHash(old.contentHash)).toBe(1);
      expect(await photos.byId(attached.id)).not.toBeNull();
    });

    it('keeps one photo per owner and content hash', async () => {
      const { photos } = ports();
      await photos.save(aPhoto());
      await expect(photos.save(aPhoto({ id: 'PHOTO00000000000000000003' }))).rejects.toThrow();
    });
  });
}
