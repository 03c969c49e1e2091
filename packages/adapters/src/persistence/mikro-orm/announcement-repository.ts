import { EntitySchema } from '@mikro-orm/core';
import type { Banner, BannerRepository, BannerTarget, Notice, NoticeRepository } from '@xianzhi/core';
import type { OrmContext } from './context.js';

export class BannerRow {
  id!: string;
  campusId!: string;
  title!: string;
  photoId!: string;
  /** `none`, `listing`, `category`, `notice` or `page`. */
  targetKind!: string;
  /** The listing, category or notice id, or the page path; null for `none`. */
  targetRef!: string | null;
  position!: number;
  startsAt!: Date;
  endsAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
  createdBy!: string;
}

export class NoticeRow {
  id!: string;
  campusId!: string;
  title!: string;
  body!: string;
  pinned!: boolean;
  startsAt!: Date;
  endsAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
  createdBy!: string;
}

const time = { type: 'datetime', length: 3 } as const;
const schedule = {
  startsAt: time,
  endsAt: { ...time, nullable: true },
  createdAt: time,
  updatedAt: time,
  createdBy: { type: 'string', length: 26 },
} as const;

export const BannerSchema = new EntitySchema<BannerRow>({
  class: BannerRow,
  tableName: 'banner',
  properties: {
    id: { type: 'string', length: 26, primary: true },
    campusId: { type: 'string', length: 40 },
    title: { type: 'string', length: 100 },
    photoId: { type: 'string', length: 26 },
    targetKind: { type: 'string', length: 20 },
    targetRef: { type: 'string', length: 100, nullable: true },
    position: { type: 'integer' },
    ...schedule,
  },
});

export const NoticeSchema = new EntitySchema<NoticeRow>({
  class: NoticeRow,
  tableName: 'notice',
  properties: {
    id: { type: 'string', length: 26, primary: true },
    campusId: { type: 'string', length: 40 },
    title: { type: 'string', length: 100 },
    body: { type: 'text' },
    pinned: { type: 'boolean' },
    ...schedule,
  },
});

function targetOf(kind: string, ref: string | null): BannerTarget {
  switch (kind) {
    case 'listing':
      return { kind, listingId: ref! };
    case 'category':
      return { kind, categoryId: ref! };
    case 'notice':
      return { kind, noticeId: ref! };
    case 'page':
      return { kind, path: ref! };
    default:
      return { kind: 'none' };
  }
}

function refOf(t: BannerTarget): string | null {
  switch (t.kind) {
    case 'listing':
      return t.listingId;
    case 'category':
      return t.categoryId;
    case 'notice':
      return t.noticeId;
    case 'page':
      return t.path;
    default:
      return null;
  }
}

const date = (d: Date | string) => new Date(d);
const dates = (r: { startsAt: Date; endsAt: Date | null; createdAt: Date; updatedAt: Date }) => ({
  startsAt: date(r.startsAt),
  endsAt: r.endsAt === null ? null : date(r.endsAt),
  createdAt: date(r.createdAt),
  updatedAt: date(r.updatedAt),
});

const toBanner = (r: BannerRow): Banner => ({
  id: r.id,
  campusId: r.campusId,
  title: r.title,
  photoId: r.photoId,
  target: targetOf(r.targetKind, r.targetRef),
  position: r.position,
  ...dates(r),
  createdBy: r.createdBy,
});

const toNotice = (r: NoticeRow): Notice => ({
  id: r.id,
  campusId: r.campusId,
  title: r.title,
  body: r.body,
  pinned: Boolean(r.pinned),
  ...dates(r),
  createdBy: r.createdBy,
});

/** Started at or before `now`, not yet ended: the end itself is no longer shown. */
const liveAt = (now: Date) => ({ startsAt: { $lte: now }, $or: [{ endsAt: null }, { endsAt: { $gt: now } }] });

export class MikroOrmBannerRepository implements BannerRepository {
  constructor(private readonly ctx: OrmContext) {}

  private static readonly ORDER = [{ position: 'asc' }, { createdAt: 'desc' }, { id: 'desc' }] as const;

  async byId(id: string): Promise<Banner | null> {
    const r = await this.ctx.em().findOne(BannerRow, { id }, { refresh: true });
    return r ? toBanner(r) : null;
  }

  async forCampus(campusId: string, limit: number): Promise<Banner[]> {
    const rows = await this.ctx
      .em()
      .find(BannerRow, { campusId }, { orderBy: [...MikroOrmBannerRepository.ORDER], limit, refresh: true });
    return rows.map(toBanner);
  }

  async liveOn(campusId: string, now: Date, limit: number): Promise<Banner[]> {
    const rows = await this.ctx
      .em()
      .find(
        BannerRow,
        { campusId, ...liveAt(now) },
        { orderBy: [...MikroOrmBannerRepository.ORDER], limit, refresh: true },
      );
    return rows.map(toBanner);
  }

  async save(b: Banner): Promise<void> {
    const { target, ...rest } = b;
    // Through the managed row (as the other repositories save): a native update beside a row the unit of
    // work has loaded would be overwritten by that row's stale fields when the unit flushes.
    await this.ctx.save(
      BannerRow,
      Object.assign(new BannerRow(), rest, { targetKind: target.kind, targetRef: refOf(target) }),
    );
  }

  async delete(id: string): Promise<void> {
    await this.ctx.em().nativeDelete(BannerRow, { id });
  }
}

export class MikroOrmNoticeRepository implements NoticeRepository {
  constructor(private readonly ctx: OrmContext) {}

  private static readonly ORDER = [{ pinned: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }] as const;

  async byId(id: string): Promise<Notice | null> {
    const r = await this.ctx.em().findOne(NoticeRow, { id }, { refresh: true });
    return r ? toNotice(r) : null;
  }

  async forCampus(campusId: string, limit: number): Promise<Notice[]> {
    const rows = await this.ctx
      .em()
      .find(NoticeRow, { campusId }, { orderBy: [...MikroOrmNoticeRepository.ORDER], limit, refresh: true });
    return rows.map(toNotice);
  }

  async liveOn(campusId: string, now: Date, limit: number): Promise<Notice[]> {
    const rows = await this.ctx
      .em()
      .find(
        NoticeRow,
        { campusId, ...liveAt(now) },
        { orderBy: [...MikroOrmNoticeRepository.ORDER], limit, refresh: true },
      );
    return rows.map(toNotice);
  }

  async save(n: Notice): Promise<void> {
    await this.ctx.save(NoticeRow, Object.assign(new NoticeRow(), n));
  }

  async delete(id: string): Promise<void> {
    await this.ctx.em().nativeDelete(NoticeRow, { id });
  }
}
