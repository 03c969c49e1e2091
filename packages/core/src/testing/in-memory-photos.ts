import type { Photo } from '../photos/photo.js';
import type { PhotoRepository, PhotoStorage, StoredObject } from '../photos/ports.js';
import type { InMemoryStore } from './in-memory-store.js';

const clone = (p: Photo): Photo => ({
  ...p,
  variants: { ...p.variants },
  createdAt: new Date(p.createdAt),
  attachedAt: p.attachedAt ? new Date(p.attachedAt) : null,
});

export class InMemoryPhotoRepository implements PhotoRepository {
  constructor(private readonly store: InMemoryStore) {}
  private get table() {
    return this.store.tables.photos;
  }
  async byId(id: string): Promise<Photo | null> {
    const p = this.table.get(id);
    return p ? clone(p) : null;
  }
  async byIds(ids: readonly string[]): Promise<Photo[]> {
    return ids.flatMap((id) => (this.table.has(id) ? [clone(this.table.get(id)!)] : []));
  }
  async byOwnerAndHash(ownerId: string, contentHash: string): Promise<Photo | null> {
    const p = [...this.table.values()].find((x) => x.ownerId === ownerId && x.contentHash === contentHash);
    return p ? clone(p) : null;
  }
  async unattachedBefore(cutoff: Date, limit: number): Promise<Photo[]> {
    return [...this.table.values()]
      .filter((p) => p.attachedAt === null && p.createdAt.getTime() < cutoff.getTime())
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map(clone);
  }
  async deleteIfUnattached(id: string): Promise<boolean> {
    const p = this.table.get(id);
    if (!p || p.attachedAt !== null) return false;
    return this.table.delete(id);
  }
  async countWithHash(contentHash: string): Promise<number> {
    return [...this.table.values()].filter((p) => p.contentHash === contentHash).length;
  }
  async save(photo: Photo): Promise<void> {
    const clash = [...this.table.values()].find(
      (x) => x.ownerId === photo.ownerId && x.contentHash === photo.contentHash && x.id !== photo.id,
    );
    if (clash) throw new Error(`duplicate photo ${photo.contentHash} for ${photo.ownerId}`);
    this.table.set(photo.id, clone(photo));
  }
}

/** Photo bytes in a map, for unit tests. */
export class InMemoryPhotoStorage implements PhotoStorage {
  readonly objects = new Map<string, StoredObject>();
  async put(bytes: Uint8Array, key: string, contentType: string): Promise<void> {
    this.objects.set(key, { bytes: new Uint8Array(bytes), contentType });
  }
  async get(key: string): Promise<StoredObject | null> {
    return this.objects.get(key) ?? null;
  }
  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }
  async exists(key: string): Promise<boolean> {
    return this.objects.has(key);
  }
}
