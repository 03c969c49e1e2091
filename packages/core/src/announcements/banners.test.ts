import { describe, expect, it } from 'vitest';
import { anonymous } from '../identity/actor.js';
import { CleanupUnattachedPhotos } from '../photos/cleanup-photos.js';
import { DAY_MS } from '../shared/clock.js';
import { InMemoryPhotoStorage } from '../testing/in-memory-photos.js';
import { demoAdmin, MIN, northAdmin, student, superAdmin, world } from '../testing/announcements-world.js';
import type { BannerTarget } from './banner.js';

type World = Awaited<ReturnType<typeof world>>;
const banner = (w: World, overrides: Record<string, unknown> = {}) =>
  w.createBanner.execute({
    actor: demoAdmin,
    campusId: 'demo',
    title: '开学季',
    photoId: 'p-admin1',
    target: { kind: 'none' },
    ...overrides,
  });
const fieldsOf = (r: { ok: boolean; error?: unknown }) =>
  (r.error as { problems?: { field: string }[] } | undefined)?.problems?.map((p) => p.field).sort();

describe('banners', () => {
  it('are created by an admin of the campus with their own photo, which is then kept from the cleanup', async () => {
    const w = await world();
    const made = await banner(w, { position: 3 });
    expect(made.ok && made.value).toMatchObject({ title: '开学季', position: 3, state: 'live', endsAt: null });
    expect((await w.p.photos.byId('p-admin1'))?.attachedAt).toEqual(w.clock.now());
    expect(await w.p.photos.unattachedBefore(new Date(w.clock.now().getTime() + 1), 10)).not.toContainEqual(
      expect.objectContaining({ id: 'p-admin1' }),
    );
    expect(await w.actions()).toEqual(['banner.create']);
  });

  it('open a listing, category or notice of their own campus, or a page of the mini-program', async () => {
    const w = await world();
    const notice = await w.createNotice.execute({ actor: demoAdmin, campusId: 'demo', title: '通知', body: '正文' });
    const northNotice = await w.createNotice.execute({
      actor: northAdmin,
      campusId: 'north',
      title: '通知',
      body: '正文',
    });
    const good: BannerTarget[] = [
      { kind: 'listing', listingId: w.listing.id },
      { kind: 'category', categoryId: 'demo-books' },
      { kind: 'notice', noticeId: notice.ok ? notice.value.id : '' },
      { kind: 'page', path: 'pages/rules/index' },
    ];
    for (const target of good) expect((await banner(w, { target })).ok, target.kind).toBe(true);
    const bad: BannerTarget[] = [
      { kind: 'listing', listingId: w.northListing.id },
      { kind: 'listing', listingId: 'missing' },
      { kind: 'category', categoryId: 'north-books' },
      { kind: 'notice', noticeId: northNotice.ok ? northNotice.value.id : '' },
      { kind: 'page', path: 'pages/admin/index' },
      { kind: 'page', path: '../../evil' },
    ];
    for (const target of bad) expect(fieldsOf(await banner(w, { target })), JSON.stringify(target)).toEqual(['target']);
  });

  it('use only a photo the acting admin uploaded, and mark none when refused', async () => {
    const w = await world();
    for (const photoId of ['p-student', 'p-admin2', 'p-super', 'missing'])
      expect(fieldsOf(await banner(w, { photoId })), photoId).toEqual(['photoId']);
    const refused = await banner(w, { title: '', photoId: 'p-admin1b' });
    expect(fieldsOf(refused)).toEqual(['title']);
    expect((await w.p.photos.byId('p-admin1b'))?.attachedAt).toBeNull();
    expect((await banner(w, { actor: superAdmin, photoId: 'p-super' })).ok).toBe(true);
  });

  it('name every bad field at once', async () => {
    const w = await world();
    const now = w.clock.now();
    const r = await banner(w, {
      title: '长'.repeat(41),
      photoId: 'p-student',
      position: -1,
      startsAt: now,
      endsAt: new Date(now.getTime() - MIN),
      target: { kind: 'page', path: 'nope' },
    });
    expect(fieldsOf(r)).toEqual(['endsAt', 'photoId', 'position', 'target', 'title']);
    expect(fieldsOf(await banner(w, { position: 1.5 }))).toEqual(['position']);
    expect(fieldsOf(await banner(w, { position: 1000 }))).toEqual(['position']);
    expect(await w.actions()).toEqual([]);
  });

  it('are written only by admins of their campus', async () => {
    const w = await world();
    expect(await banner(w, { actor: anonymous })).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(await banner(w, { actor: student })).toMatchObject({ error: { code: 'ADMIN_ONLY' } });
    expect(await banner(w, { actor: northAdmin, photoId: 'p-admin2' })).toMatchObject({
      error: { code: 'ADMIN_SCOPE' },
    });
    expect(await banner(w, { campusId: 'nowhere', actor: superAdmin, photoId: 'p-super' })).toMatchObject({
      error: { code: 'CAMPUS_NOT_FOUND' },
    });
    const made = await banner(w);
    const id = made.ok ? made.value.id : '';
    expect(await w.updateBanner.execute({ actor: northAdmin, id, title: '改' })).toMatchObject({
      error: { code: 'ADMIN_SCOPE' },
    });
    expect(await w.deleteBanner.execute({ actor: northAdmin, id })).toMatchObject({ error: { code: 'ADMIN_SCOPE' } });
    expect(await w.listBanners.execute({ actor: northAdmin, campusId: 'demo' })).toMatchObject({
      error: { code: 'ADMIN_SCOPE' },
    });
    expect(await w.updateBanner.execute({ actor: demoAdmin, id: 'missing', title: '改' })).toMatchObject({
      error: { code: 'BANNER_NOT_FOUND' },
    });
    expect(await w.deleteBanner.execute({ actor: demoAdmin, id: 'missing' })).toMatchObject({
      error: { code: 'BANNER_NOT_FOUND' },
    });
  });

  it('are updated by any admin of the campus, who keeps the photo or brings their own', async () => {
    const w = await world();
    const made = await banner(w);
    const id = made.ok ? made.value.id : '';
    w.clock.advance(MIN);
    const retitled = await w.updateBanner.execute({ actor: superAdmin, id, title: '新标题', photoId: 'p-admin1' });
    expect(retitled.ok && retitled.value).toMatchObject({
      title: '新标题',
      photoId: 'p-admin1',
      target: { kind: 'none' },
    });
    expect(fieldsOf(await w.updateBanner.execute({ actor: superAdmin, id, photoId: 'p-admin1b' }))).toEqual([
      'photoId',
    ]);
    const later = new Date(w.clock.now().getTime() + 60 * MIN);
    const scheduled = await w.updateBanner.execute({ actor: demoAdmin, id, photoId: 'p-admin1b', startsAt: later });
    expect(scheduled.ok && scheduled.value).toMatchObject({ state: 'scheduled', photoId: 'p-admin1b' });
    expect((await w.p.photos.byId('p-admin1b'))?.attachedAt).not.toBeNull();
    const live = await w.liveBanners.execute({ campusId: 'demo' });
    expect(live.ok && live.value).toEqual([]);
    const all = await w.listBanners.execute({ actor: demoAdmin, campusId: 'demo' });
    expect(all.ok && all.value.map((b) => b.state)).toEqual(['scheduled']);
    expect(fieldsOf(await w.updateBanner.execute({ actor: demoAdmin, id, endsAt: later }))).toEqual(['endsAt']);
    expect(await w.actions()).toEqual(['banner.create', 'banner.update', 'banner.update']);
    const [entry] = await w.p.auditLog.list({ limit: 1 });
    expect(entry?.details).toEqual({ changed: ['photoId', 'startsAt'] });
  });

  it('are listed live by position then newest, at most ten, and go when they end or are deleted', async () => {
    const w = await world();
    for (let i = 0; i < 12; i++) {
      await banner(w, { title: `第${i}`, position: i % 3, endsAt: new Date(w.clock.now().getTime() + (i + 5) * MIN) });
      w.clock.advance(1000);
    }
    const live = await w.liveBanners.execute({ campusId: 'demo' });
    expect(live.ok && live.value.map((b) => b.title)).toEqual([
      '第9',
      '第6',
      '第3',
      '第0',
      '第10',
      '第7',
      '第4',
      '第1',
      '第11',
      '第8',
    ]);
    w.clock.advance(6 * MIN);
    const later = await w.liveBanners.execute({ campusId: 'demo' });
    expect(later.ok && later.value.length).toBe(10);
    expect(later.ok && later.value.some((b) => b.title === '第0')).toBe(false);
    const first = later.ok ? later.value[0]! : null;
    expect(await w.deleteBanner.execute({ actor: superAdmin, id: first!.id })).toEqual({ ok: true, value: undefined });
    expect(await w.banners.byId(first!.id)).toBeNull();
    expect((await w.actions()).at(-1)).toBe('banner.delete');
    expect(await w.liveBanners.execute({ campusId: 'nowhere' })).toMatchObject({ error: { code: 'CAMPUS_NOT_FOUND' } });
  });

  it('keep their photo through the cleanup of abandoned uploads, even once deleted', async () => {
    const w = await world();
    const made = await banner(w);
    await w.deleteBanner.execute({ actor: demoAdmin, id: made.ok ? made.value.id : '' });
    w.clock.advance(2 * DAY_MS);
    const cleaned = await new CleanupUnattachedPhotos(w.p.photos, new InMemoryPhotoStorage(), w.clock).execute();
    expect(cleaned.photos).toBe(4);
    expect(await w.p.photos.byId('p-admin1')).not.toBeNull();
    expect(await w.p.photos.byId('p-admin1b')).toBeNull();
  });
});
