import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhotoStorage } from '../photos/ports.js';

/** One contract for every PhotoStorage adapter (in-memory, local disk, object storage). */
export function photoStorageContract(name: string, factory: () => Promise<PhotoStorage & { dispose?(): Promise<void> }>): void {
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
  });
}
