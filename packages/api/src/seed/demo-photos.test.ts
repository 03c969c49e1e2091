import { SharpPhotoProcessor } from '@xianzhi/adapters';
import { systemClock, UlidGenerator, UploadPhoto } from '@xianzhi/core';
import { InMemoryPhotoStorage, inMemoryPersistence } from '@xianzhi/core/testing';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderDemoPhoto } from './demo-photos.js';
import { seedDemo } from './seed-demo.js';

describe('seeded demo photos', () => {
  it('are real images, distinct per category and variant, and the same bytes each time', async () => {
    const a = await renderDemoPhoto('旧书', 0);
    expect(await sharp(a).metadata()).toMatchObject({ format: 'jpeg', width: 720, height: 540 });
    expect((await renderDemoPhoto('旧书', 0)).equals(a)).toBe(true);
    expect((await renderDemoPhoto('旧书', 1)).equals(a)).toBe(false);
    expect((await renderDemoPhoto('电子产品', 0)).equals(a)).toBe(false);
  });

  it("go through the real pipeline: listings (not wanted posts) get 1 to 3 of their seller's photos, with variants stored once per image", async () => {
    const ports = inMemoryPersistence();
    const storage = new InMemoryPhotoStorage();
    const upload = new UploadPhoto({
      photos: ports.photos,
      storage,
      processor: new SharpPhotoProcessor(),
      ids: new UlidGenerator(),
      clock: systemClock,
    });
    const report = await seedDemo(ports, { listings: 60, photos: upload });
    expect(report.listingsCreated).toBe(60);
    const listings = [...ports.store.tables.listings.values()];
    const withPhotos = listings.filter((l) => l.photos.length > 0);
    expect(withPhotos.length).toBeGreaterThan(30);
    for (const l of listings) {
      if (l.kind === 'wanted') expect(l.photos).toEqual([]);
      else expect(l.photos.length).toBeGreaterThanOrEqual(1);
      expect(l.photos.length).toBeLessThanOrEqual(3);
      for (const id of l.photos) {
        const photo = (await ports.photos.byId(id))!;
        expect(photo.ownerId).toBe(l.ownerId);
        expect(photo.attachedAt).not.toBeNull();
        for (const key of Object.values(photo.variants)) expect(storage.objects.has(key), key).toBe(true);
      }
    }
    const hashes = new Set([...ports.store.tables.photos.values()].map((p) => p.contentHash));
    expect(hashes.size).toBeGreaterThan(10);
    expect(hashes.size).toBeLessThanOrEqual(28);
    // Each image's three variants are stored once, however many sellers and listings use it.
    expect(storage.objects.size).toBe(hashes.size * 3);
  }, 60_000);

  it('without the photo pipeline, the seed makes no photos (tests and benches stay quick)', async () => {
    const ports = inMemoryPersistence();
    await seedDemo(ports, { listings: 10 });
    expect([...ports.store.tables.listings.values()].every((l) => l.photos.length === 0)).toBe(true);
  });
});
