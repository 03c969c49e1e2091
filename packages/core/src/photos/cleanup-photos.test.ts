import { describe, expect, it } from 'vitest';
import { coreKit, itemInput } from '../testing/kit.js';
import { InMemoryPhotoStorage } from '../testing/in-memory-photos.js';
import { DAY_MS } from '../shared/clock.js';
import type { PhotoProcessor, PhotoRepository } from './ports.js';
import { UploadPhoto } from './upload-photo.js';
import { CleanupUnattachedPhotos } from './cleanup-photos.js';

const processor: PhotoProcessor = {
  inspect: async () => ({ kind: 'image', mime: 'image/jpeg', width: 100, height: 100 }),
  makeVariants: async (bytes) =>
    (['thumb', 'medium', 'large'] as const).map((name) => ({
      name,
      bytes,
      width: 1,
      height: 1,
      contentType: 'image/webp',
    })),
};

async function setup() {
  const kit = await coreKit();
  const storage = new InMemoryPhotoStorage();
  const upload = new UploadPhoto({ photos: kit.ports.photos, storage, processor, ids: kit.ids, clock: kit.clock });
  const up = async (who: 'alice' | 'bob', text: string) => {
    const r = await upload.execute({ actor: kit.actors[who], bytes: new TextEncoder().encode(text) });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return { kit, storage, upload, up, cleanup: new CleanupUnattachedPhotos(kit.ports.photos, storage, kit.clock) };
}

describe('CleanupUnattachedPhotos', () => {
  it('deletes day-old unattached photos and their files, keeps files another photo shares, and every photo a listing used', async () => {
    const { kit, storage, up, cleanup } = await setup();
    const abandoned = await up('alice', 'abandoned');
    const sharedAbandoned = await up('alice', 'shared');
    const sharedKept = await up('bob', 'shared');
    const used = await up('alice', 'used');
    const listing = await kit.publish.execute({
      actor: kit.actors.alice,
      kind: 'item',
      content: itemInput({ photos: [used.id] }),
    });
    if (!listing.ok) throw new Error(listing.error.message);
    await kit.withdraw.execute({ actor: kit.actors.alice, listingId: listing.value.id });
    await kit.publish.execute({ actor: kit.actors.bob, kind: 'item', content: itemInput({ photos: [sharedKept.id] }) });
    expect(storage.objects.size).toBe(9);

    kit.clock.advance(DAY_MS - 60_000);
    expect(await cleanup.execute()).toEqual({ photos: 0, files: 0 });
    const fresh = await up('bob', 'fresh');
    kit.clock.advance(2 * 60_000);
    expect(await cleanup.execute()).toEqual({ photos: 2, files: 3 });
    expect(await kit.ports.photos.byId(abandoned.id)).toBeNull();
    expect(await kit.ports.photos.byId(sharedAbandoned.id)).toBeNull();
    for (const p of [sharedKept, used, fresh]) expect(await kit.ports.photos.byId(p.id)).not.toBeNull();
    for (const key of Object.values(abandoned.variants)) expect(storage.objects.has(key)).toBe(false);
    for (const p of [sharedKept, used, fresh])
      for (const key of Object.values(p.variants)) expect(storage.objects.has(key), key).toBe(true);
    expect(await cleanup.execute()).toEqual({ photos: 0, files: 0 });
  });

  it('an upload of the same bytes during the deletion keeps its files: the cleanup puts them back', async () => {
    const { kit, storage, up } = await setup();
    const gone = await up('alice', 'racing');
    kit.clock.advance(DAY_MS + 1);
    let counts = 0;
    const repo = kit.ports.photos;
    const racing: PhotoRepository = {
      byId: (id) => repo.byId(id),
      byIds: (ids) => repo.byIds(ids),
      byOwnerAndHash: (o, h) => repo.byOwnerAndHash(o, h),
      save: (p) => repo.save(p),
      unattachedBefore: (c, l) => repo.unattachedBefore(c, l),
      deleteIfUnattached: (id) => repo.deleteIfUnattached(id),
      countWithHash: async (h) => {
        // Bob's upload of the same bytes commits between the cleanup's two counts.
        if (++counts === 2) await repo.save({ ...gone, id: 'bobs-copy', ownerId: 'bob', createdAt: kit.clock.now() });
        return repo.countWithHash(h);
      },
    };
    expect(await new CleanupUnattachedPhotos(racing, storage, kit.clock).execute()).toEqual({ photos: 1, files: 0 });
    for (const key of Object.values(gone.variants)) expect(storage.objects.has(key)).toBe(true);
  });

  it('an upload that reused stored variants puts them back if a cleanup deleted them before its save', async () => {
    const { kit, storage } = await setup();
    const first = await new UploadPhoto({
      photos: kit.ports.photos,
      storage,
      processor,
      ids: kit.ids,
      clock: kit.clock,
    }).execute({
      actor: kit.actors.alice,
      bytes: new TextEncoder().encode('same'),
    });
    if (!first.ok) throw new Error('upload');
    // The cleanup removes alice's photo and its files while bob's upload is between its check and its save.
    let saves = 0;
    const repo = kit.ports.photos;
    const racing: PhotoRepository = {
      byId: (id) => repo.byId(id),
      byIds: (ids) => repo.byIds(ids),
      byOwnerAndHash: (o, h) => repo.byOwnerAndHash(o, h),
      unattachedBefore: (c, l) => repo.unattachedBefore(c, l),
      deleteIfUnattached: (id) => repo.deleteIfUnattached(id),
      countWithHash: (h) => repo.countWithHash(h),
      save: async (p) => {
        if (p.ownerId === 'bob' && saves++ === 0) {
          await repo.deleteIfUnattached(first.value.id);
          storage.objects.clear();
        }
        return repo.save(p);
      },
    };
    const bobs = await new UploadPhoto({ photos: racing, storage, processor, ids: kit.ids, clock: kit.clock }).execute({
      actor: kit.actors.bob,
      bytes: new TextEncoder().encode('same'),
    });
    expect(bobs.ok).toBe(true);
    for (const key of Object.values(first.value.variants)) expect(storage.objects.has(key)).toBe(true);
  });
});
