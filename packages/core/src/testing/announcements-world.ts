import type { AdminActor, UserActor } from '../identity/actor.js';
import type { Photo } from '../photos/photo.js';
import { CreateBanner, DeleteBanner, ListBanners, ListLiveBanners, UpdateBanner } from '../announcements/banners.js';
import {
  CreateNotice,
  DeleteNotice,
  GetNotice,
  ListLiveNotices,
  ListNotices,
  UpdateNotice,
} from '../announcements/notices.js';
import { aCampus, aCategoryTree, aListing, SequentialIds, TestClock } from './builders.js';
import { InMemoryBannerRepository, InMemoryNoticeRepository } from './in-memory-announcements.js';
import { inMemoryPersistence } from './in-memory.js';

/** Two campuses with their categories and a listing each, admins of each kind, and photos they uploaded. */
export const demoAdmin: AdminActor = { kind: 'admin', adminId: 'admin-1', role: 'campus_admin', campusId: 'demo' };
export const northAdmin: AdminActor = { kind: 'admin', adminId: 'admin-2', role: 'campus_admin', campusId: 'north' };
export const superAdmin: AdminActor = { kind: 'admin', adminId: 'admin-0', role: 'super_admin', campusId: null };
export const student: UserActor = {
  kind: 'user',
  userId: 'u1',
  campusId: 'demo',
  role: 'student',
  verified: true,
  banned: false,
};
export const MIN = 60_000;

export async function world() {
  const clock = new TestClock(new Date('2026-09-10T04:00:00.000Z'));
  const p = inMemoryPersistence();
  const banners = new InMemoryBannerRepository();
  const notices = new InMemoryNoticeRepository();
  const ids = new SequentialIds('a');
  await p.campuses.save(aCampus());
  await p.campuses.save(aCampus({ id: 'north', name: '北方大学' }));
  for (const c of aCategoryTree().all) await p.categories.save(c);
  for (const c of aCategoryTree('north').all) await p.categories.save(c);
  const listing = aListing({ campusId: 'demo' });
  const northListing = aListing({ campusId: 'north' });
  await p.listings.save(listing);
  await p.listings.save(northListing);
  const photo = async (id: string, ownerId: string): Promise<Photo> => {
    const ph: Photo = {
      id,
      ownerId,
      contentHash: id.padEnd(64, '0'),
      mime: 'image/jpeg',
      width: 10,
      height: 10,
      byteSize: 100,
      variants: { thumb: 't', medium: 'm', large: 'l' },
      createdAt: clock.now(),
      attachedAt: null,
    };
    await p.photos.save(ph);
    return ph;
  };
  await photo('p-admin1', 'admin-1');
  await photo('p-admin1b', 'admin-1');
  await photo('p-admin2', 'admin-2');
  await photo('p-super', 'admin-0');
  await photo('p-student', 'u1');
  const write = { ...p, banners, notices, audit: p.auditLog, ids, clock };
  return {
    clock,
    p,
    banners,
    notices,
    listing,
    northListing,
    createBanner: new CreateBanner(write),
    updateBanner: new UpdateBanner(write),
    deleteBanner: new DeleteBanner(write),
    listBanners: new ListBanners(banners, p.campuses, clock),
    liveBanners: new ListLiveBanners(banners, p.campuses, clock),
    createNotice: new CreateNotice(write),
    updateNotice: new UpdateNotice(write),
    deleteNotice: new DeleteNotice(write),
    listNotices: new ListNotices(notices, p.campuses, clock),
    liveNotices: new ListLiveNotices(notices, p.campuses, clock),
    getNotice: new GetNotice(notices, clock),
    actions: async () => (await p.auditLog.list({ limit: 50 })).map((e) => e.action).reverse(),
  };
}
