import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { PhotoStorage, StoredObject } from '@xianzhi/core';

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const TYPES: Record<string, string> = { webp: 'image/webp', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

/** True for keys made of safe segments: no `..`, no absolute paths, no backslashes, no empty parts. */
export function isSafeStorageKey(key: string): boolean {
  if (key.length === 0 || key.length > 300) return false;
  return key.split('/').every((s) => SEGMENT.test(s) && !s.includes('..'));
}

/**
 * Photos as files under one folder (the embedded default: `<XZ_DATA_DIR>/photos`). Writes go to a
 * temporary name first and are renamed into place, so a reader never sees half a file.
 */
export class LocalDiskPhotoStorage implements PhotoStorage {
  readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  private path(key: string): string {
    if (!isSafeStorageKey(key)) throw new Error(`unsafe photo storage key: ${JSON.stringify(key)}`);
    const full = resolve(join(this.root, ...key.split('/')));
    if (!full.startsWith(this.root + sep)) throw new Error(`unsafe photo storage key: ${JSON.stringify(key)}`);
    return full;
  }

  async put(bytes: Uint8Array, key: string, _contentType: string): Promise<void> {
    const file = this.path(key);
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  }

  async get(key: string): Promise<StoredObject | null> {
    if (!isSafeStorageKey(key)) return null;
    try {
      const bytes = await readFile(this.path(key));
      const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
      return {
        bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        contentType: TYPES[ext] ?? 'application/octet-stream',
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    if (!isSafeStorageKey(key)) return false;
    try {
      return (await stat(this.path(key))).isFile();
    } catch {
      return false;
    }
  }
}
