import { describe, expect, it } from 'vitest';
import { anonymous } from '../identity/actor.js';
import { announcementsContract } from '../testing/announcements-contract.js';
import { demoAdmin, MIN, northAdmin, student, superAdmin, world } from '../testing/announcements-world.js';
import { InMemoryBannerRepository, InMemoryNoticeRepository } from '../testing/in-memory-announcements.js';
import { MINI_PROGRAM_PAGES } from './banner.js';
import { stateAt } from './schedule.js';

announcementsContract('in-memory', async () => ({
  banners: new InMemoryBannerRepository(),
  notices: new InMemoryNoticeRepository(),
  dispose: async () => {},
}));

describe('the schedule', () => {
  const t = (m: number) => new Date(Date.UTC(2026, 8, 1, 0, m));
  it('is scheduled before the start, live from it, ended from the end on', () => {
    expect(stateAt({ startsAt: t(10), endsAt: t(20) }, t(9))).toBe('scheduled');
    expect(stateAt({ startsAt: t(10), endsAt: t(20) }, t(10))).toBe('live');
    expect(stateAt({ startsAt: t(10), endsAt: t(20) }, t(19))).toBe('live');
    expect(stateAt({ startsAt: t(10), endsAt: t(20) }, t(20))).toBe('ended');
    expect(stateAt({ startsAt: t(10), endsAt: null }, t(9999))).toBe('live');
  });

  it('allows the pages of the mini-program only', () => {
    expect(MINI_PROGRAM_PAGES).toContain('pages/about/index');
    expect(MINI_PROGRAM_PAGES).toHaveLength(8);
  });
});

describe('notices', () => {
  it('are created by an admin of the campus, audited, and shown to everyone while live', async () => {
    const w = await world();
    const created = await w.createNotice.execute({
      actor: demoAdmin,
      campusId: 'demo',
      title: '  期末二手书集市  ',
      body: '时间：周六\n地点：图书馆',
    });
    expect(created.ok && created.value).toMatchObject({ title: '期末二手书集市', pinned: false, state: 'live' });
    const id = created.ok ? created.value.id : '';
    expect((await w.liveNotices.execute({ campusId: 'demo' })).ok).toBe(true);
    expect(await w.getNotice.execute({ actor: anonymous, id })).toMatchObject({ ok: true });
    expect(await w.actions()).toEqual(['notice.create']);
    const [entry] = await w.p.auditLog.list({ limit: 1 });
    expect(entry).toMatchObject({ actor: { kind: 'admin', id: 'admin-1' }, targetType: 'notice', campusId: 'demo' });
  });

  it('hide a scheduled or ended notice from students, not from its admins', async () => {
    const w = await world();
    const later = await w.createNotice.execute({
      actor: demoAdmin,
      campusId: 'demo',
      title: '下周停电',
      body: '请提前保存',
      startsAt: new Date(w.clock.now().getTime() + 60 * MIN),
    });
    const id = later.ok ? later.value.id : '';
    expect(later.ok && later.value.state).toBe('scheduled');
    for (const actor of [anonymous, student, northAdmin])
      expect(await w.getNotice.execute({ actor, id })).toMatchObject({
        ok: false,
        error: { code: 'NOTICE_NOT_FOUND' },
      });
    expect(await w.getNotice.execute({ actor: demoAdmin, id })).toMatchObject({ ok: true });
    expect(await w.getNotice.execute({ actor: superAdmin, id })).toMatchObject({ ok: true });
    expect((await w.liveNotices.execute({ campusId: 'demo' })).ok && []).toEqual([]);
    w.clock.advance(60 * MIN);
    const live = await w.liveNotices.execute({ campusId: 'demo' });
    expect(live.ok && live.value.map((n) => n.id)).toEqual([id]);
  });

  it('refuse bad fields, naming each', async () => {
    const w = await world();
    const now = w.clock.now();
    const r = await w.createNotice.execute({
      actor: demoAdmin,
      campusId: 'demo',
      title: '   ',
      body: 'x'.repeat(5001),
      startsAt: now,
      endsAt: now,
    });
    expect(r.ok).toBe(false);
    if (r.ok || r.error.code !== 'VALIDATION_FAILED') throw new Error('expected VALIDATION_FAILED');
    expect(r.error.problems.map((p) => p.field).sort()).toEqual(['body', 'endsAt', 'title']);
    const ctl = await w.createNotice.execute({ actor: demoAdmin, campusId: 'demo', title: 'a\u0007', body: 'b' });
    expect(ctl).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await w.actions()).toEqual([]);
  });

  it('are written only by admins of their campus', async () => {
    const w = await world();
    const base = { campusId: 'demo', title: '通知', body: '正文' };
    expect(await w.createNotice.execute({ actor: anonymous, ...base })).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await w.createNotice.execute({ actor: student, ...base })).toMatchObject({ error: { code: 'ADMIN_ONLY' } });
    expect(await w.createNotice.execute({ actor: northAdmin, ...base })).toMatchObject({
      error: { code: 'ADMIN_SCOPE' },
    });
    expect(await w.createNotice.execute({ actor: superAdmin, ...base, campusId: 'nowhere' })).toMatchObject({
      error: { code: 'CAMPUS_NOT_FOUND' },
    });
    const made = await w.createNotice.execute({ actor: superAdmin, ...base });
    const id = made.ok ? made.value.id : '';
    expect(await w.updateNotice.execute({ actor: northAdmin, id, pinned: true })).toMatchObject({
      error: { code: 'ADMIN_SCOPE' },
    });
    expect(await w.deleteNotice.execute({ actor: northAdmin, id })).toMatchObject({ error: { code: 'ADMIN_SCOPE' } });
    expect(await w.listNotices.execute({ actor: northAdmin, campusId: 'demo' })).toMatchObject({
      error: { code: 'ADMIN_SCOPE' },
    });
    expect(await w.updateNotice.execute({ actor: demoAdmin, id: 'missing', pinned: true })).toMatchObject({
      error: { code: 'NOTICE_NOT_FOUND' },
    });
    expect(await w.deleteNotice.execute({ actor: student, id })).toMatchObject({ error: { code: 'ADMIN_ONLY' } });
  });

  it('are updated and deleted, each write audited', async () => {
    const w = await world();
    const made = await w.createNotice.execute({ actor: demoAdmin, campusId: 'demo', title: '通知', body: '正文' });
    const id = made.ok ? made.value.id : '';
    w.clock.advance(MIN);
    const pinned = await w.updateNotice.execute({ actor: demoAdmin, id, pinned: true, endsAt: null });
    expect(pinned.ok && pinned.value).toMatchObject({ pinned: true, title: '通知', endsAt: null });
    expect(pinned.ok && pinned.value.updatedAt.getTime() - pinned.value.createdAt.getTime()).toBe(MIN);
    const ended = await w.updateNotice.execute({
      actor: demoAdmin,
      id,
      endsAt: new Date(w.clock.now().getTime() - 2 * MIN),
    });
    expect(ended).toMatchObject({ ok: false, error: { problems: [{ field: 'endsAt' }] } });
    expect(await w.deleteNotice.execute({ actor: demoAdmin, id })).toEqual({ ok: true, value: undefined });
    expect(await w.notices.byId(id)).toBeNull();
    expect(await w.actions()).toEqual(['notice.create', 'notice.update', 'notice.delete']);
    const [deleted] = await w.p.auditLog.list({ limit: 1 });
    expect(deleted?.details).toEqual({ title: '通知' });
  });

  it('list pinned first for admins, whatever their state, and answer an unknown campus with 404', async () => {
    const w = await world();
    for (const [title, pinned] of [
      ['一', false],
      ['二', true],
      ['三', false],
    ] as const) {
      await w.createNotice.execute({ actor: demoAdmin, campusId: 'demo', title, body: '正文', pinned });
      w.clock.advance(MIN);
    }
    const all = await w.listNotices.execute({ actor: demoAdmin, campusId: 'demo' });
    expect(all.ok && all.value.map((n) => n.title)).toEqual(['二', '三', '一']);
    expect(await w.liveNotices.execute({ campusId: 'nowhere' })).toMatchObject({
      error: { code: 'CAMPUS_NOT_FOUND' },
    });
  });
});
