import { describe, expect, it } from 'vitest';
import { coreKit, itemInput } from '../testing/kit.js';
import { InMemoryPhotoStorage } from '../testing/in-memory-photos.js';
import type { PhotoProcessor } from './ports.js';
import { UploadPhoto } from './upload-photo.js';

/** Treats bytes starting with "IMG" as a 4000×3000 JPEG; anything else is not an image. */
class FakeProcessor implements PhotoProcessor {
  variantsMade = 0;
  async inspect(bytes: Uint8Array) {
    const head = new TextDecoder().decode(bytes.slice(0, 4));
    if (head === 'HEIC') return { kind: 'unsupported', detected: 'heic' } as const;
    return head.startsWith('IMG')
      ? ({ kind: 'image', mime: 'image/jpeg', width: 4000, height: 3000 } as const)
      : ({ kind: 'unsupported', detected: null } as const);
  }
  async makeVariants() {
    this.variantsMade++;
    return (['thumb', 'medium', 'large'] as const).map((name) => ({
      name,
      bytes: new Uint8Array([1]),
      width: 1,
      height: 1,
      contentType: 'image/webp',
    }));
  }
}

async function setup(limits = { maxBytes: 1000, maxPixels: 50_000_000 }) {
  const kit = await coreKit();
  const storage = new InMemoryPhotoStorage();
  const processor = new FakeProcessor();
  const upload = new UploadPhoto({
    photos: kit.ports.photos,
    storage,
    processor,
    ids: kit.ids,
    clock: kit.clock,
    limits,
  });
  return { kit, storage, processor, upload };
}
const bytes = (s: string) => new TextEncoder().encode(s);

describe('UploadPhoto', () => {
  it('stores three variants and a record; identical bytes from the same user return the same photo', async () => {
    const { kit, storage, processor, upload } = await setup();
    const first = await upload.execute({ actor: kit.actors.alice, bytes: bytes('IMG one') });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value).toMatchObject({
      ownerId: 'alice',
      mime: 'image/jpeg',
      width: 4000,
      height: 3000,
      byteSize: 7,
      attachedAt: null,
    });
    expect(storage.objects.size).toBe(3);
    const again = await upload.execute({ actor: kit.actors.alice, bytes: bytes('IMG one') });
    expect(again.ok && again.value.id).toBe(first.value.id);
    const bobs = await upload.execute({ actor: kit.actors.bob, bytes: bytes('IMG one') });
    expect(bobs.ok && bobs.value.id).not.toBe(first.value.id);
    expect(storage.objects.size).toBe(3);
    expect(processor.variantsMade).toBe(1);
  });

  it('a double tap (the same bytes saved by the other request in between) answers with the photo that won', async () => {
    const { kit, storage, processor, upload } = await setup();
    const first = await upload.execute({ actor: kit.actors.alice, bytes: bytes('IMG twice') });
    const repo = kit.ports.photos;
    // The second request looked before the first had saved.
    let looked = false;
    const racing = {
      byId: (id: string) => repo.byId(id),
      byIds: (ids: readonly string[]) => repo.byIds(ids),
      save: (p: Parameters<typeof repo.save>[0]) => repo.save(p),
      unattachedBefore: (c: Date, l: number) => repo.unattachedBefore(c, l),
      deleteIfUnattached: (id: string) => repo.deleteIfUnattached(id),
      countWithHash: (h: string) => repo.countWithHash(h),
      byOwnerAndHash: async (o: string, h: string) => (looked ? repo.byOwnerAndHash(o, h) : ((looked = true), null)),
    };
    const second = await new UploadPhoto({
      photos: racing,
      storage,
      processor,
      ids: kit.ids,
      clock: kit.clock,
    }).execute({
      actor: kit.actors.alice,
      bytes: bytes('IMG twice'),
    });
    expect(first.ok && second.ok && second.value.id === first.value.id).toBe(true);
  });

  it('refuses anonymous, unverified and banned users, oversized, too many pixels and non-images', async () => {
    const { kit, upload } = await setup({ maxBytes: 10, maxPixels: 1_000_000 });
    const code = async (actor: typeof kit.actors.alice, b: Uint8Array) => {
      const r = await upload.execute({ actor, bytes: b });
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code(kit.anonymous, bytes('IMG'))).toBe('UNAUTHENTICATED');
    expect(await code(kit.actors.carol, bytes('IMG'))).toBe('NOT_VERIFIED');
    expect(await code(kit.actors.mallory, bytes('IMG'))).toBe('USER_BANNED');
    const big = await upload.execute({ actor: kit.actors.alice, bytes: bytes('IMG 12345678') });
    expect(!big.ok && big.error.message).toContain('10 B');
    expect(await code(kit.actors.alice, bytes('IMG'))).toBe('PHOTO_TOO_MANY_PIXELS');
    expect(await code(kit.actors.alice, bytes('text'))).toBe('PHOTO_TYPE_UNSUPPORTED');
    const heic = await upload.execute({ actor: kit.actors.alice, bytes: bytes('HEIC') });
    expect(!heic.ok && heic.error.message).toContain('HEIC');
  });
});

describe('listings reference uploaded photos', () => {
  it('lets admins upload (for banners) under their own account id', async () => {
    const { upload } = await setup();
    for (const actor of [
      { kind: 'admin', adminId: 'admin-1', role: 'campus_admin', campusId: 'demo' },
      { kind: 'admin', adminId: 'admin-0', role: 'super_admin', campusId: null },
    ] as const) {
      const r = await upload.execute({ actor, bytes: bytes('IMG banner') });
      expect(r.ok && r.value).toMatchObject({ ownerId: actor.adminId, attachedAt: null });
    }
  });

  it('accepts only the owner’s photos and marks them attached', async () => {
    const { kit, upload } = await setup();
    const mine = await upload.execute({ actor: kit.actors.alice, bytes: bytes('IMG a') });
    const bobs = await upload.execute({ actor: kit.actors.bob, bytes: bytes('IMG b') });
    if (!mine.ok || !bobs.ok) throw new Error('upload failed');

    const stolen = await kit.publish.execute({
      actor: kit.actors.alice,
      kind: 'item',
      content: itemInput({ photos: [mine.value.id, bobs.value.id] }),
    });
    expect(!stolen.ok && stolen.error.code).toBe('VALIDATION_FAILED');
    expect((await kit.ports.photos.byId(mine.value.id))!.attachedAt).toBeNull();
    const made = await kit.publish.execute({
      actor: kit.actors.alice,
      kind: 'item',
      content: itemInput({ photos: ['unknown'] }),
    });
    expect(made.ok).toBe(false);

    const ok = await kit.publish.execute({
      actor: kit.actors.alice,
      kind: 'item',
      content: itemInput({ photos: [mine.value.id] }),
    });
    if (!ok.ok) throw new Error(ok.error.message);
    expect(ok.value.photos).toEqual([mine.value.id]);
    expect((await kit.ports.photos.byId(mine.value.id))!.attachedAt).not.toBeNull();

    const edit = await kit.edit.execute({
      actor: kit.actors.alice,
      listingId: ok.value.id,
      version: ok.value.version,
      changes: { photos: [bobs.value.id] },
    });
    expect(!edit.ok && edit.error.code).toBe('VALIDATION_FAILED');
  });

  it('an edit refused after its photos were checked (a sold listing) leaves the new photo unattached', async () => {
    const { kit, upload } = await setup();
    const listed = await kit.publish.execute({ actor: kit.actors.alice, kind: 'item', content: itemInput() });
    if (!listed.ok) throw new Error(listed.error.message);
    const sold = await kit.changeStatus.execute({
      actor: kit.actors.alice,
      listingId: listed.value.id,
      status: 'sold',
    });
    if (!sold.ok) throw new Error(sold.error.message);
    const photo = await upload.execute({ actor: kit.actors.alice, bytes: bytes('IMG late') });
    if (!photo.ok) throw new Error('upload failed');

    const edit = await kit.edit.execute({
      actor: kit.actors.alice,
      listingId: listed.value.id,
      version: sold.value.version,
      changes: { photos: [photo.value.id] },
    });
    expect(!edit.ok && edit.error.code).toBe('LISTING_TRANSITION_NOT_ALLOWED');
    // Attached, the cleanup task would keep it for ever though no listing shows it.
    expect((await kit.ports.photos.byId(photo.value.id))!.attachedAt).toBeNull();
  });
});
