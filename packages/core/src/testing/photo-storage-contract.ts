import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhotoStorage } from '../photos/ports.js';

/** One contract for every PhotoStorage adapter (in-memory, local disk, object storage). */
export function photoStorageContract(
  name: string,
  factory: () => Promise<PhotoStorage & { dispose?(): Promise<void> }>,
): void {
  describe(`${name}: PhotoStorage`, () => {
    let storage: PhotoStorage & { dispose?(): Promise<void> };
    beforeEach(async () => {
      storage = await factory();
    });
    afterEach(async () => {
      await storage.dispose?.();
    });

    it('puts, gets, overwrites and deletes by key', async () => {
      const key = 'ab/abcdef-thumb.webp';
      expect(await storage.exists(key)).toBe(false);
      expect(await storage.get(key)).toBeNull();
      await storage.put(new Uint8Array([1, 2, 3]), key, 'image/webp');
      expect(await storage.exists(key)).toBe(true);
      const got = await storage.get(key);
      expect(got && [...got.bytes]).toEqual([1, 2, 3]);
      expect(got?.contentType).toBe('image/webp');
      await storage.put(new Uint8Array([4]), key, 'image/webp');
      expect([...(await storage.get(key))!.bytes]).toEqual([4]);
      await storage.delete(key);
      expect(await storage.exists(key)).toBe(false);
      await storage.delete(key);
    });

    it('answers a missing key as absent, and deleting it is not an error', async () => {
      expect(await storage.get('zz/never-stored-large.webp')).toBeNull();
      expect(await storage.exists('zz/never-stored-large.webp')).toBe(false);
      await storage.delete('zz/never-stored-large.webp');
      await storage.put(new Uint8Array([9]), 'zz/neighbour.webp', 'image/webp');
      expect(await storage.get('zz/neighbour')).toBeNull();
      expect(await storage.exists('zz')).toBe(false);
    });

    it('keeps large binary bodies byte for byte, and each key its own content type', async () => {
      const big = new Uint8Array(300_000);
      for (let i = 0; i < big.length; i++) big[i] = (i * 7919 + (i >> 8)) & 0xff;
      await storage.put(big, 'cd/cdef01-large.webp', 'image/webp');
      await storage.put(new Uint8Array([0xff, 0xd8, 0xff]), 'cd/cdef01-original.jpg', 'image/jpeg');
      const got = await storage.get('cd/cdef01-large.webp');
      expect(got?.bytes.byteLength).toBe(big.byteLength);
      expect(got!.bytes.findIndex((b, i) => b !== big[i])).toBe(-1);
      expect((await storage.get('cd/cdef01-original.jpg'))?.contentType).toBe('image/jpeg');
      expect((await storage.get('cd/cdef01-large.webp'))?.contentType).toBe('image/webp');
    });

    it('overwriting a key replaces the object whole, never appends', async () => {
      const key = 'ef/ef01-medium.webp';
      await storage.put(new Uint8Array(1000).fill(1), key, 'image/webp');
      await storage.put(new Uint8Array([2, 2]), key, 'image/webp');
      expect([...(await storage.get(key))!.bytes]).toEqual([2, 2]);
    });
  });
}
