import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Banner, BannerTarget } from '../announcements/banner.js';
import type { Notice } from '../announcements/notice.js';
import type { BannerRepository, NoticeRepository } from '../announcements/ports.js';

export interface AnnouncementPorts {
  readonly banners: BannerRepository;
  readonly notices: NoticeRepository;
  dispose(): Promise<void>;
}

const T0 = new Date('2026-09-01T02:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function aBanner(id: string, overrides: Partial<Banner> = {}): Banner {
  return {
    id,
    campusId: 'c1',
    title: `轮播 ${id}`,
    photoId: `photo-${id}`,
    target: { kind: 'none' },
    position: 0,
    startsAt: at(0),
    endsAt: null,
    createdAt: at(0),
    updatedAt: at(0),
    createdBy: 'admin-1',
    ...overrides,
  };
}

function aNotice(id: string, overrides: Partial<Notice> = {}): Notice {
  return {
    id,
    campusId: 'c1',
    title: `通知 ${id}`,
    body: '正文',
    pinned: false,
    startsAt: at(0),
    endsAt: null,
    createdAt: at(0),
    updatedAt: at(0),
    createdBy: 'admin-1',
    ...overrides,
  };
}

const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);

/** Banners and notices, the same on every adapter: what is live when, and in which order. */
export function announcementsContract(adapterName: string, factory: () => Promise<AnnouncementPorts>): void {
  describe(`${adapterName}: BannerRepository and NoticeRepository`, () => {
    let ports: AnnouncementPorts;
    beforeEach(async () => {
      ports = await factory();
    });
    afterEach(async () => {
      await ports.dispose();
    });

    it('keeps every field of a banner, each kind of target, and replaces it by id', async () => {
      const targets: BannerTarget[] = [
        { kind: 'none' },
        { kind: 'listing', listingId: 'L1' },
        { kind: 'category', categoryId: 'C1' },
        { kind: 'notice', noticeId: 'N1' },
        { kind: 'page', path: 'pages/about/index' },
      ];
      for (const [i, target] of targets.entries()) {
        const b = aBanner(`b${i}`, { target, position: i, endsAt: at(90 + i), startsAt: at(-5), title: '开学季 🎒' });
        await ports.banners.save(b);
        expect(await ports.banners.byId(b.id)).toEqual(b);
      }
      const changed = aBanner('b0', {
        title: '改过',
        startsAt: at(30),
        endsAt: null,
        updatedAt: at(3),
        position: 7,
        photoId: 'photo-other',
      });
      await ports.banners.save(changed);
      expect(await ports.banners.byId('b0')).toEqual(changed);
      expect(await ports.banners.byId('missing')).toBeNull();
    });

    it('lists a campus by position, then newest first, up to the limit', async () => {
      await ports.banners.save(aBanner('b1', { position: 2, createdAt: at(1) }));
      await ports.banners.save(aBanner('b2', { position: 1, createdAt: at(1) }));
      await ports.banners.save(aBanner('b3', { position: 1, createdAt: at(5) }));
      await ports.banners.save(aBanner('b4', { position: 1, createdAt: at(5) }));
      await ports.banners.save(aBanner('b5', { campusId: 'c2' }));
      await ports.banners.save(aBanner('b6', { position: 9, startsAt: at(60) }));
      expect(ids(await ports.banners.forCampus('c1', 10))).toEqual(['b4', 'b3', 'b2', 'b1', 'b6']);
      expect(ids(await ports.banners.forCampus('c1', 2))).toEqual(['b4', 'b3']);
      expect(ids(await ports.banners.forCampus('c2', 10))).toEqual(['b5']);
    });

    it('answers as live what has started and not ended: the start counts, the end does not', async () => {
      await ports.banners.save(aBanner('started-now', { startsAt: at(10) }));
      await ports.banners.save(aBanner('later', { startsAt: at(11) }));
      await ports.banners.save(aBanner('ends-now', { startsAt: at(0), endsAt: at(10) }));
      await ports.banners.save(aBanner('ends-later', { startsAt: at(0), endsAt: at(11), position: 1 }));
      await ports.banners.save(aBanner('open-ended', { startsAt: at(-100), position: 2 }));
      await ports.banners.save(aBanner('elsewhere', { campusId: 'c2' }));
      expect(ids(await ports.banners.liveOn('c1', at(10), 10))).toEqual(['started-now', 'ends-later', 'open-ended']);
      expect(ids(await ports.banners.liveOn('c1', at(10), 1))).toEqual(['started-now']);
      expect(ids(await ports.banners.liveOn('c1', at(-1), 10))).toEqual(['open-ended']);
    });

    it('deletes a banner', async () => {
      await ports.banners.save(aBanner('b1'));
      await ports.banners.delete('b1');
      await ports.banners.delete('never-was');
      expect(await ports.banners.byId('b1')).toBeNull();
      expect(await ports.banners.forCampus('c1', 10)).toEqual([]);
    });

    it('keeps every field of a notice, a long body with line breaks too', async () => {
      const body = `第一行\n第二行\t缩进\n${'长'.repeat(4990)}`;
      const n = aNotice('n1', { body, pinned: true, endsAt: at(60), title: '期末二手书集市 📚' });
      await ports.notices.save(n);
      expect(await ports.notices.byId('n1')).toEqual(n);
      const changed = { ...n, pinned: false, startsAt: at(20), endsAt: null, updatedAt: at(2), body: '短' };
      await ports.notices.save(changed);
      expect(await ports.notices.byId('n1')).toEqual(changed);
      expect(await ports.notices.byId('missing')).toBeNull();
    });

    it('lists notices pinned first, then newest first; live ones only when asked', async () => {
      await ports.notices.save(aNotice('n1', { createdAt: at(1) }));
      await ports.notices.save(aNotice('n2', { createdAt: at(3) }));
      await ports.notices.save(aNotice('n3', { createdAt: at(0), pinned: true }));
      await ports.notices.save(aNotice('n4', { createdAt: at(2), pinned: true, endsAt: at(5) }));
      await ports.notices.save(aNotice('n5', { createdAt: at(4), startsAt: at(30) }));
      await ports.notices.save(aNotice('n6', { campusId: 'c2' }));
      expect(ids(await ports.notices.forCampus('c1', 10))).toEqual(['n4', 'n3', 'n5', 'n2', 'n1']);
      expect(ids(await ports.notices.forCampus('c1', 3))).toEqual(['n4', 'n3', 'n5']);
      expect(ids(await ports.notices.liveOn('c1', at(5), 10))).toEqual(['n3', 'n2', 'n1']);
      expect(ids(await ports.notices.liveOn('c1', at(4), 2))).toEqual(['n4', 'n3']);
      expect(ids(await ports.notices.liveOn('c1', at(30), 10))).toEqual(['n3', 'n5', 'n2', 'n1']);
      await ports.notices.delete('n3');
      expect(ids(await ports.notices.liveOn('c1', at(30), 10))).toEqual(['n5', 'n2', 'n1']);
    });
  });
}
