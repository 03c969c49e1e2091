import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, categoryIds, expectError, itemBody, publishAs } from '../support/http.js';
import { multipartFile, phoneJpeg } from '../support/photos.js';
import type { Handle, Stack } from '../support/stack.js';

export function photoScenarios(get: () => Stack): void {
  let cats: Record<string, string>;
  beforeAll(async () => {
    cats = await categoryIds(get().app);
  });

  const upload = (handle: Handle | null, bytes: Uint8Array, filename = 'IMG_0001.jpg', contentType = 'image/jpeg') => {
    const s = get();
    const body = multipartFile(bytes, filename, contentType);
    return call(s.app, {
      method: 'POST',
      url: '/v1/photos',
      headers: { ...(handle ? s.auth(handle) : {}), ...body.headers },
      payload: body.payload,
    });
  };
  const fetchMedia = (url: string) => get().app.inject({ method: 'GET', url });

  describe('photos', () => {
    it('a phone JPEG with GPS EXIF comes back as WebP variants of the right sizes without any EXIF or GPS', async () => {
      const original = await phoneJpeg(2000, 1500);
      expect((await sharp(original).metadata()).exif).toBeDefined();
      const res = await upload('alice', original);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ width: 2000, height: 1500 });
      const { id, urls } = res.body;
      expect(urls).toEqual({
        thumb: `/media/photos/${id}/thumb`,
        medium: `/media/photos/${id}/medium`,
        large: `/media/photos/${id}/large`,
      });

      const sizes: Record<string, [number, number]> = { thumb: [240, 180], medium: [750, 563], large: [1500, 1125] };
      for (const [variant, url] of Object.entries(urls as Record<string, string>)) {
        const media = await fetchMedia(url);
        expect(media.statusCode).toBe(200);
        expect(media.headers['content-type']).toBe('image/webp');
        expect(media.headers['cache-control']).toContain('immutable');
        const meta = await sharp(media.rawPayload).metadata();
        expect([meta.format, meta.width, meta.height]).toEqual(['webp', ...sizes[variant]!]);
        expect(meta.exif).toBeUndefined();
        expect(meta.xmp).toBeUndefined();
        expect(media.rawPayload.includes('dorm-secret')).toBe(false);
        expect(media.rawPayload.includes('Exif')).toBe(false);
      }
      expect((await fetchMedia(`/media/photos/${id}/original`)).statusCode).toBe(400);
      expectError(
        await call(get().app, { method: 'GET', url: '/media/photos/01NOSUCHPHOTO0000000000000/thumb' }),
        404,
        'PHOTO_NOT_FOUND',
      );
    });

    it('the same bytes uploaded twice are stored once', async () => {
      const s = get();
      const bytes = await phoneJpeg(800, 600, { r: 1, g: 2, b: 3 });
      const first = await upload('bob', bytes, 'a.jpg');
      const second = await upload('bob', bytes, 'copy of a.jpg');
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body.id).toBe(first.body.id);
      const photo = (await s.persistence.photos.byId(first.body.id))!;
      const folder = join(s.config.photos.dir, photo.contentHash.slice(0, 2));
      expect(
        readdirSync(folder)
          .filter((f) => f.includes(photo.contentHash))
          .sort(),
      ).toEqual(['large', 'medium', 'thumb'].map((v) => `${photo.contentHash}-${v}.webp`));
    });

    it('a file named .jpg that is not an image is refused, as is a HEIC photo, with a stable code', async () => {
      const text = await upload(
        'alice',
        new TextEncoder().encode('这不是照片，只是一段文字 '.repeat(20)),
        'holiday.jpg',
      );
      expectError(text, 415, 'PHOTO_TYPE_UNSUPPORTED');
      expect(text.body.error.message).toContain('JPEG');
      const heic = await upload(
        'alice',
        new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode('ftypheic'), 0, 0, 0, 0, 1, 2, 3]),
        'IMG_0002.HEIC',
        'image/heic',
      );
      expectError(heic, 415, 'PHOTO_TYPE_UNSUPPORTED');
      expect(heic.body.error.message).toContain('HEIC');
    });

    it('an oversized upload is refused with the limit in the message', async () => {
      const s = get();
      const res = await upload('alice', new Uint8Array(s.config.photos.maxBytes + 1), 'huge.jpg');
      const details = expectError(res, 413, 'PHOTO_TOO_LARGE');
      expect(res.body.error.message).toContain('10 MB');
      expect(details).toEqual({ maxBytes: s.config.photos.maxBytes });
    });

    it('only verified students upload; a request without a file is a validation error', async () => {
      const bytes = await phoneJpeg(100, 100);
      expectError(await upload(null, bytes), 401, 'UNAUTHENTICATED');
      expectError(await upload('carol', bytes), 403, 'NOT_VERIFIED');
      const s = get();
      expectError(
        await call(s.app, { method: 'POST', url: '/v1/photos', headers: s.auth('alice'), payload: { file: 'x' } }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('a listing shows its uploaded photos (cover = first photo’s thumbnail) and takes only the author’s own', async () => {
      const s = get();
      const a = (await upload('alice', await phoneJpeg(640, 480, { r: 9, g: 9, b: 9 }))).body;
      const b = (await upload('alice', await phoneJpeg(480, 640, { r: 8, g: 8, b: 8 }))).body;
      const bobs = (await upload('bob', await phoneJpeg(300, 300, { r: 7, g: 7, b: 7 }))).body;

      const stolen = await call(s.app, {
        method: 'POST',
        url: '/v1/listings',
        headers: s.auth('alice'),
        payload: itemBody(cats, { photos: [a.id, bobs.id] }),
      });
      expectError(stolen, 400, 'VALIDATION_FAILED');
      expect((await s.persistence.photos.byId(a.id))!.attachedAt).toBeNull();

      const d = await publishAs(s, 'alice', itemBody(cats, { photos: [a.id, b.id] }));
      expect(d.coverPhotoUrl).toBe(a.urls.thumb);
      expect(d.photos).toEqual([
        { id: a.id, url: a.urls.medium, urls: a.urls },
        { id: b.id, url: b.urls.medium, urls: b.urls },
      ]);
      expect((await s.persistence.photos.byId(a.id))!.attachedAt).not.toBeNull();
      const feed = await call(s.app, { method: 'GET', url: '/v1/listings' });
      expect(feed.body.items.find((i: { id: string }) => i.id === d.id).coverPhotoUrl).toBe(a.urls.thumb);

      const edit = await call(s.app, {
        method: 'PATCH',
        url: `/v1/listings/${d.id}`,
        headers: s.auth('alice'),
        payload: { version: d.version, photos: [bobs.id] },
      });
      expectError(edit, 400, 'VALIDATION_FAILED');
      const reordered = await call(s.app, {
        method: 'PATCH',
        url: `/v1/listings/${d.id}`,
        headers: s.auth('alice'),
        payload: { version: d.version, photos: [b.id, a.id] },
      });
      expect(reordered.status).toBe(200);
      expect(reordered.body.coverPhotoUrl).toBe(b.urls.thumb);
    });
  });
}
