import { EntitySchema } from '@mikro-orm/core';
import type { Photo, PhotoMime, PhotoRepository } from '@xianzhi/core';
import type { OrmContext } from './context.js';

export class PhotoRow {
  id!: string;
  ownerId!: string;
  contentHash!: string;
  mime!: string;
  width!: number;
  height!: number;
  byteSize!: number;
  thumbKey!: string;
  mediumKey!: string;
  largeKey!: string;
  createdAt!: Date;
  attachedAt!: Date | null;
}

export const PhotoSchema = new EntitySchema<PhotoRow>({
  class: PhotoRow,
  tableName: 'photo',
  properties: {
    id: { type: 'string', length: 26, primary: true },
    ownerId: { type: 'string', length: 26 },
    contentHash: { type: 'string', length: 64 },
    mime: { type: 'string', length: 40 },
    width: { type: 'integer' },
    height: { type: 'integer' },
    byteSize: { type: 'integer' },
    thumbKey: { type: 'string', length: 200 },
    mediumKey: { type: 'string', length: 200 },
    largeKey: { type: 'string', length: 200 },
    createdAt: { type: 'datetime', length: 3 },
    attachedAt: { type: 'datetime', length: 3, nullable: true },
  },
});

const toPhoto = (r: PhotoRow): Photo => ({
  id: r.id,
  ownerId: r.ownerId,
  contentHash: r.contentHash,
  mime: r.mime as PhotoMime,
  width: r.width,
  height: r.height,
  byteSize: r.byteSize,
  variants: { thumb: r.thumbKey, medium: r.mediumKey, large: r.largeKey },
  createdAt: new Date(r.createdAt),
  attachedAt: r.attachedAt ? new Date(r.attachedAt) : null,
});

export class MikroOrmPhotoRepository implements PhotoRepository {
  constructor(private readonly ctx: OrmContext) {}

  async byId(id: string): Promise<Photo | null> {
    const r = await this.ctx.em().findOne(PhotoRow, { id }, { refresh: true });
    return r ? toPhoto(r) : null;
  }

  async byIds(ids: readonly string[]): Promise<Photo[]> {
    if (ids.length === 0) return [];
    return (await this.ctx.em().find(PhotoRow, { id: { $in: [...ids] } }, { refresh: true })).map(toPhoto);
  }

  async byOwnerAndHash(ownerId: string, contentHash: string): Promise<Photo | null> {
    const r = await this.ctx.em().findOne(PhotoRow, { ownerId, contentHash }, { refresh: true });
    return r ? toPhoto(r) : null;
  }

  async unattachedBefore(cutoff: Date, limit: number): Promise<Photo[]> {
    const rows = await this.ctx.em().find(
      PhotoRow,
      { attachedAt: null, createdAt: { $lt: cutoff } },
      {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        limit,
        refresh: true,
      },
    );
    return rows.map(toPhoto);
  }

  async deleteIfUnattached(id: string): Promise<boolean> {
    // One conditional statement, so a listing attaching the photo at the same moment wins or loses whole.
    return (await this.ctx.em().nativeDelete(PhotoRow, { id, attachedAt: null })) === 1;
  }

  countWithHash(contentHash: string): Promise<number> {
    return this.ctx.em().count(PhotoRow, { contentHash });
  }

  async save(p: Photo): Promise<void> {
    const em = this.ctx.em();
    const row = {
      ownerId: p.ownerId,
      contentHash: p.contentHash,
      mime: p.mime,
      width: p.width,
      height: p.height,
      byteSize: p.byteSize,
      thumbKey: p.variants.thumb,
      mediumKey: p.variants.medium,
      largeKey: p.variants.large,
      createdAt: p.createdAt,
      attachedAt: p.attachedAt,
    };
    const updated = await em.nativeUpdate(PhotoRow, { id: p.id }, row);
    if (updated === 0) await em.insert(PhotoRow, { id: p.id, ...row });
  }
}
