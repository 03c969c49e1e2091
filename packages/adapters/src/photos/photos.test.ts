import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { photoStorageContract } from '@xianzhi/core/testing';
import { PHOTO_VARIANT_SIZES } from '@xianzhi/core';
import { describe, expect, it } from 'vitest';
import { isSafeStorageKey, LocalDiskPhotoStorage } from './local-disk-photo-storage.js';
import { SharpPhotoProcessor, sniffImage } from './sharp-photo-processor.js';
import { jpegWithGps, pngImage } from './test-images.js';

photoStorageContract('local disk', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xz-photos-'));
  return Object.assign(new LocalDiskPhotoStorage(dir), {
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  });
});

describe('LocalDiskPhotoStorage keys', () => {
  it('refuses keys that could leave its folder', async () => {
    for (const bad of ['../x.webp', 'a/../../x', '/etc/passwd', 'a\\b', '', 'a//b', '.hidden', 'a/..']) {
      expect(isSafeStorageKey(bad), bad).toBe(false);
    }
    const dir = mkdtempSync(join(tmpdir(), 'xz-photos-'));
    const storage = new LocalDiskPhotoStorage(join(dir, 'photos'));
    await expect(storage.put(new Uint8Array([1]), '../escape.webp', 'image/webp')).rejects.toThrow(/unsafe/);
    expect(existsSync(join(dir, 'escape.webp'))).toBe(false);
    expect(await storage.get('../../etc/passwd')).toBeNull();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('SharpPhotoProcessor', () => {
  const processor = new SharpPhotoProcessor();

  it('detects the type from the bytes and refuses what is not a supported image', async () => {
    expect(await processor.inspect(await jpegWithGps(40, 30))).toEqual({
      kind: 'image',
      mime: 'image/jpeg',
      width: 40,
      height: 30,
    });
    expect(await processor.inspect(await pngImage(50, 20))).toMatchObject({ kind: 'image', mime: 'image/png' });
    const webp = new Uint8Array(
      await sharp(await pngImage(10, 10))
        .webp()
        .toBuffer(),
    );
    expect(await processor.inspect(webp)).toMatchObject({ kind: 'image', mime: 'image/webp' });
    expect(await processor.inspect(new TextEncoder().encode('not a photo at all, just text'))).toEqual({
      kind: 'unsupported',
      detected: null,
    });
    const heic = new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode('ftypheic'), 0, 0, 0, 0]);
    expect(sniffImage(heic)).toBe('heic');
    expect(await processor.inspect(heic)).toEqual({ kind: 'unsupported', detected: 'heic' });
    // JPEG magic, broken body.
    expect(await processor.inspect(new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2, 3]))).toEqual({
      kind: 'unsupported',
      detected: null,
    });
  });

  it('makes WebP variants at the right sizes, upright, never upscaled, without EXIF or GPS', async () => {
    const original = await jpegWithGps(2000, 1500, 6);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const variants = (await processor.makeVariants(original, PHOTO_VARIANT_SIZES))!;
    // Orientation 6: the stored 2000×1500 is shown as 1500×2000.
    expect(variants.map((v) => [v.name, v.width, v.height])).toEqual([
      ['thumb', 180, 240],
      ['medium', 563, 750],
      ['large', 1125, 1500],
    ]);
    for (const v of variants) {
      const meta = await sharp(v.bytes).metadata();
      expect(meta.format).toBe('webp');
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation ?? 1).toBe(1);
      expect(Buffer.from(v.bytes).includes('dorm-secret')).toBe(false);
      expect(Buffer.from(v.bytes).includes('Exif')).toBe(false);
    }
    const small = await processor.makeVariants(await pngImage(100, 60), PHOTO_VARIANT_SIZES);
    expect(small?.map((v) => [v.width, v.height])).toEqual([
      [100, 60],
      [100, 60],
      [100, 60],
    ]);
  });

  it('answers null for a file cut short after a header that looked fine', async () => {
    const png = await pngImage(400, 300);
    const cut = png.subarray(0, Math.floor(png.length / 2));
    expect((await processor.inspect(cut)).kind).toBe('image');
    expect(await processor.makeVariants(cut, PHOTO_VARIANT_SIZES)).toBeNull();
  });
});
