import type { Banner } from '../announcements/banner.js';
import type { Notice } from '../announcements/notice.js';
import type { BannerRepository, NoticeRepository } from '../announcements/ports.js';
import { isLiveAt } from '../announcements/schedule.js';

const newestFirst = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const byPosition = (a: Banner, b: Banner) => a.position - b.position || newestFirst(a, b);
const pinnedFirst = (a: Notice, b: Notice) => Number(b.pinned) - Number(a.pinned) || newestFirst(a, b);

const copyBanner = (b: Banner): Banner => structuredClone(b);
const copyNotice = (n: Notice): Notice => structuredClone(n);

/** Banners in a map, ordered as the SQL adapter orders them. */
export class InMemoryBannerRepository implements BannerRepository {
  private readonly rows = new Map<string, Banner>();

  async byId(id: string): Promise<Banner | null> {
    const b = this.rows.get(id);
    return b ? copyBanner(b) : null;
  }

  async forCampus(campusId: string, limit: number): Promise<Banner[]> {
    return [...this.rows.values()]
      .filter((b) => b.campusId === campusId)
      .sort(byPosition)
      .slice(0, limit)
      .map(copyBanner);
  }

  async liveOn(campusId: string, now: Date, limit: number): Promise<Banner[]> {
    return [...this.rows.values()]
      .filter((b) => b.campusId === campusId && isLiveAt(b, now))
      .sort(byPosition)
      .slice(0, limit)
      .map(copyBanner);
  }

  async save(banner: Banner): Promise<void> {
    this.rows.set(banner.id, copyBanner(banner));
  }

  async delete(id: string): Promise<void> {
    this.rows.delete(id);
  }
}

export class InMemoryNoticeRepository implements NoticeRepository {
  private readonly rows = new Map<string, Notice>();

  async byId(id: string): Promise<Notice | null> {
    const n = this.rows.get(id);
    return n ? copyNotice(n) : null;
  }

  async forCampus(campusId: string, limit: number): Promise<Notice[]> {
    return [...this.rows.values()]
      .filter((n) => n.campusId === campusId)
      .sort(pinnedFirst)
      .slice(0, limit)
      .map(copyNotice);
  }

  async liveOn(campusId: string, now: Date, limit: number): Promise<Notice[]> {
    return [...this.rows.values()]
      .filter((n) => n.campusId === campusId && isLiveAt(n, now))
      .sort(pinnedFirst)
      .slice(0, limit)
      .map(copyNotice);
  }

  async save(notice: Notice): Promise<void> {
    this.rows.set(notice.id, copyNotice(notice));
  }

  async delete(id: string): Promise<void> {
    this.rows.delete(id);
  }
}
