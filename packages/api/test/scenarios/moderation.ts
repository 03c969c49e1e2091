import { FakeQqServer } from '../../../adapters/src/qq/fake-qq-server.js';
import { UlidGenerator, User, type ProjectSearchIndex } from '@xianzhi/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Search } from '../../src/composition/search-tokens.js';
import { resolve } from '../../src/composition/token.js';
import { call, categoryIds, expectError, itemBody, publishAs } from '../support/http.js';
import { multipartFile } from '../support/photos.js';
import type { Stack } from '../support/stack.js';

/** Content safety, reports and the admin review queue over HTTP. */
export function moderationScenarios(get: () => Stack): void {
  let cats: Record<string, string>;
  let erin: { authorization: string };
  let projector: ProjectSearchIndex;
  const post = (url: string, headers: Record<string, string>, payload: object, app = get().app) =>
    call(app, { method: 'POST', url, headers, payload });
  const report = (headers: Record<string, string>, payload: Record<string, unknown>) =>
    post('/v1/reports', headers, { reason: 'fake', ...payload });

  beforeAll(async () => {
    const s = get();
    cats = await categoryIds(s.app);
    // A third verified student besides bob and dave (alice owns the listings reported here).
    const u = User.register({
      id: new UlidGenerator().next(),
      qqOpenId: 'OPENID-ERIN',
      nickname: '艾琳',
      avatarUrl: null,
      campusId: 'demo',
      now: s.clock.now(),
    });
    u.markVerified(s.clock.now());
    await s.persistence.users.save(u);
    erin = { authorization: `Bearer ${(await s.tokens.issue(u.id)).token}` };
    await s.anotherApp({
      customize: (c) => {
        projector = resolve(c, Search.Projector);
      },
    });
  });

  describe('content safety (embedded word list)', () => {
    it('refuses a risky title, comment or nickname with CONTENT_RISKY naming the field to change', async () => {
      const s = get();
      const listing = await post('/v1/listings', s.auth('alice'), itemBody(cats, { title: '期末代 考，包过' }));
      const details = expectError(listing, 400, 'CONTENT_RISKY');
      expect(details.field).toBe('title');
      expect(listing.body.error.message).toContain('标题');
      const ok = await publishAs(s, 'alice', itemBody(cats, { title: '安全检查 台灯' }));
      expectError(
        await call(s.app, {
          method: 'PATCH',
          url: `/v1/listings/${ok.id}`,
          headers: s.auth('alice'),
          payload: { version: ok.version, description: '可开发票' },
        }),
        400,
        'CONTENT_RISKY',
      );
      const comment = await post(`/v1/listings/${ok.id}/comments`, s.auth('bob'), { body: '违禁测试词 私聊' });
      expect(expectError(comment, 400, 'CONTENT_RISKY').field).toBe('body');
      const nick = await call(s.app, {
        method: 'PATCH',
        url: '/v1/me',
        headers: s.auth('bob'),
        payload: { nickname: '刷单小能手' },
      });
      expect(expectError(nick, 400, 'CONTENT_RISKY').field).toBe('nickname');
    });
  });

  describe('reports', () => {
    it('three reports from different verified students hide a listing (feed, search, detail) until an admin restores it', async () => {
      const s = get();
      const listing = await publishAs(s, 'alice', itemBody(cats, { title: '举报测试 九成新电饭煲' }));
      await projector.execute();
      const visible = async () => {
        await projector.execute();
        const detail = await call(s.app, { method: 'GET', url: `/v1/listings/${listing.id}` });
        const feed = await call(s.app, { method: 'GET', url: '/v1/listings?limit=50' });
        const found = await call(s.app, { method: 'GET', url: `/v1/search?q=${encodeURIComponent('电饭煲')}` });
        return {
          detail: detail.status,
          feed: feed.body.items.some((i: { id: string }) => i.id === listing.id),
          search: found.body.items.some((i: { listing: { id: string } }) => i.listing.id === listing.id),
        };
      };
      expect(await visible()).toEqual({ detail: 200, feed: true, search: true });

      expect(
        (
          await report(s.auth('bob'), {
            targetType: 'listing',
            targetId: listing.id,
            reason: 'scam',
            details: '要求先付定金',
          })
        ).status,
      ).toBe(201);
      expect((await report(s.auth('dave'), { targetType: 'listing', targetId: listing.id })).status).toBe(201);
      expect(await visible()).toEqual({ detail: 200, feed: true, search: true });
      expect(
        (await report(erin, { targetType: 'listing', targetId: listing.id, reason: 'other', details: '图片是网图' }))
          .status,
      ).toBe(201);
      expect(await visible()).toEqual({ detail: 404, feed: false, search: false });
      const own = await call(s.app, { method: 'GET', url: `/v1/listings/${listing.id}`, headers: s.auth('alice') });
      expect([own.status, own.body.status]).toEqual([200, 'hidden']);

      const queue = await call(s.app, { method: 'GET', url: '/v1/admin/moderation/cases', headers: s.auth('admin') });
      expect(queue.status).toBe(200);
      const item = queue.body.items.find((c: { targetId: string }) => c.targetId === listing.id);
      expect(item).toMatchObject({
        targetType: 'listing',
        reportCount: 3,
        hidden: true,
        status: 'open',
        target: { status: 'hidden', ownerId: s.users.alice.id },
      });
      expect(item.reports.map((r: { reasonLabel: string }) => r.reasonLabel)).toEqual(['诈骗', '虚假信息', '其他']);
      expect(item.target.summary).toContain('电饭煲');

      const restored = await post(`/v1/admin/moderation/cases/${item.id}/resolve`, s.auth('admin'), {
        decision: 'restore',
      });
      expect([restored.status, restored.body.status]).toEqual([200, 'restored']);
      expect(await visible()).toEqual({ detail: 200, feed: true, search: true });
      expectError(
        await post(`/v1/admin/moderation/cases/${item.id}/resolve`, s.auth('admin'), { decision: 'restore' }),
        409,
        'MODERATION_CASE_CLOSED',
      );
      const after = await call(s.app, { method: 'GET', url: '/v1/admin/moderation/cases', headers: s.auth('admin') });
      expect(after.body.items.some((c: { id: string }) => c.id === item.id)).toBe(false);
      const audit = await call(s.app, { method: 'GET', url: '/v1/admin/audit-log?limit=50', headers: s.auth('admin') });
      const actions = audit.body.items
        .filter((e: { targetId: string }) => e.targetId === listing.id)
        .map((e: { action: string }) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['report.create', 'moderation.hide', 'moderation.restore']));
    });

    it('refuses the unverified, the owner, a second report, a missing reason text, an unknown target and an admin token', async () => {
      const s = get();
      const listing = await publishAs(s, 'alice', itemBody(cats, { title: '举报规则 台灯' }));
      const target = { targetType: 'listing', targetId: listing.id };
      expectError(await report({}, target), 401, 'UNAUTHENTICATED');
      expectError(await report(s.auth('carol'), target), 403, 'NOT_VERIFIED');
      expectError(await report(s.auth('alice'), target), 403, 'CANNOT_REPORT_OWN');
      expectError(await report(s.auth('admin'), target), 401, 'UNAUTHENTICATED');
      expectError(await report(s.auth('bob'), { ...target, reason: 'other' }), 400, 'VALIDATION_FAILED');
      expectError(await report(s.auth('bob'), { ...target, reason: 'ugly' }), 400, 'VALIDATION_FAILED');
      expectError(
        await report(s.auth('bob'), { targetType: 'listing', targetId: '01NOSUCHLISTING00000000000' }),
        404,
        'REPORT_TARGET_NOT_FOUND',
      );
      expectError(
        await report(s.auth('bob'), { targetType: 'user', targetId: s.users.bob.id }),
        403,
        'CANNOT_REPORT_OWN',
      );
      expect((await report(s.auth('bob'), target)).status).toBe(201);
      expectError(await report(s.auth('bob'), target), 409, 'ALREADY_REPORTED');
      const reasons = await call(s.app, { method: 'GET', url: '/v1/reports/reasons' });
      expect(reasons.body.reasons.map((r: { label: string }) => r.label)).toEqual([
        '虚假信息',
        '违禁物品',
        '诈骗',
        '骚扰辱骂',
        '广告刷屏',
        '其他',
      ]);
    });

    it('with a threshold of 1: a reported comment is a placeholder until removed; a listing removed with a reason tells its owner; a user is banned', async () => {
      const s = get();
      const app = await s.anotherApp({ env: { XZ_REPORT_HIDE_THRESHOLD: '1' } });
      const listing = await publishAs(s, 'alice', itemBody(cats, { title: '阈值一 书桌' }));
      const kept = await post(`/v1/listings/${listing.id}/comments`, s.auth('dave'), { body: '还在吗' }, app);
      const other = await post(
        `/v1/listings/${listing.id}/comments`,
        s.auth('dave'),
        { body: '真的很便宜，加我QQ' },
        app,
      );
      expect(
        (await post('/v1/reports', erin, { targetType: 'comment', targetId: other.body.id, reason: 'spam' }, app))
          .status,
      ).toBe(201);
      const threads = await call(app, { method: 'GET', url: `/v1/listings/${listing.id}/comments` });
      expect(other.status, JSON.stringify(other.body)).toBe(201);
      const list = threads.body.items as Array<{ id: string; hidden: boolean; body: string | null }>;
      expect(list.find((t) => t.id === other.body.id)).toMatchObject({ hidden: true, body: null });
      expect(list.find((t) => t.id === kept.body.id)).toMatchObject({ hidden: false, body: '还在吗' });
      const queue = await call(app, {
        method: 'GET',
        url: '/v1/admin/moderation/cases?limit=50',
        headers: s.auth('admin'),
      });
      const commentCase = queue.body.items.find((c: { targetId: string }) => c.targetId === other.body.id);
      expect(commentCase.target.summary).toBe('真的很便宜，加我QQ');
      expectError(
        await post(
          `/v1/admin/moderation/cases/${commentCase.id}/resolve`,
          s.auth('admin'),
          { decision: 'remove' },
          app,
        ),
        400,
        'VALIDATION_FAILED',
      );
      expect(
        (
          await post(
            `/v1/admin/moderation/cases/${commentCase.id}/resolve`,
            s.auth('admin'),
            { decision: 'remove', reason: '站外交易广告' },
            app,
          )
        ).status,
      ).toBe(200);
      expect((await s.persistence.comments.byId(other.body.id))!.deleted).toBe(true);

      expect(
        (await post('/v1/reports', erin, { targetType: 'listing', targetId: listing.id, reason: 'prohibited' }, app))
          .status,
      ).toBe(201);
      const listingCase = (await s.persistence.moderationCases.openFor('listing', listing.id))!;
      expect(
        (
          await post(
            `/v1/admin/moderation/cases/${listingCase.id}/resolve`,
            s.auth('admin'),
            { decision: 'remove', reason: '出售违禁物品' },
            app,
          )
        ).status,
      ).toBe(200);
      const owner = await call(app, { method: 'GET', url: `/v1/listings/${listing.id}`, headers: s.auth('alice') });
      expect([owner.body.status, owner.body.removalReason]).toEqual(['removed', '出售违禁物品']);

      expect(
        (await post('/v1/reports', erin, { targetType: 'user', targetId: s.users.dave.id, reason: 'harassment' }, app))
          .status,
      ).toBe(201);
      const userCase = (await s.persistence.moderationCases.openFor('user', s.users.dave.id))!;
      expect(userCase.hidden).toBe(true); // flagged, not banned
      expect((await s.persistence.users.byId(s.users.dave.id))!.status).toBe('active');
      expect(
        (
          await post(
            `/v1/admin/moderation/cases/${userCase.id}/resolve`,
            s.auth('admin'),
            { decision: 'remove', reason: '多次骚扰' },
            app,
          )
        ).status,
      ).toBe(200);
      expect((await s.persistence.users.byId(s.users.dave.id))!.status).toBe('banned');
      // Leave dave as the other scenarios expect him.
      const dave = (await s.persistence.users.byId(s.users.dave.id))!;
      dave.status = 'active';
      await s.persistence.users.save(dave);
    });
  });

  describe('QQ content safety against the fake QQ server, including its outage', () => {
    let qq: FakeQqServer;
    beforeAll(async () => {
      qq = await new FakeQqServer('safety-app-id', 'safety-app-secret-0123456789').start();
      qq.imageVerdict = async (bytes) => ((await sharp(bytes).stats()).channels[0]!.mean > 150 ? 87014 : 0);
    });
    afterAll(async () => {
      await qq?.stop();
    });
    const qqEnv = (policy: 'accept' | 'refuse') => ({
      XZ_QQ_APP_ID: qq.appId,
      XZ_QQ_APP_SECRET: qq.appSecret,
      XZ_QQ_API_BASE: qq.baseUrl,
      XZ_CONTENT_SAFETY: 'qq',
      XZ_SAFETY_WHEN_UNAVAILABLE: policy,
    });
    const photo = (r: number) =>
      sharp({ create: { width: 400, height: 300, channels: 3, background: { r, g: 40, b: 40 } } })
        .jpeg()
        .toBuffer();
    const upload = async (app: Stack['app'], bytes: Buffer) => {
      const body = multipartFile(bytes, 'IMG.jpg');
      return call(app, {
        method: 'POST',
        url: '/v1/photos',
        headers: { ...get().auth('bob'), ...body.headers },
        payload: body.payload,
      });
    };

    it('policy refuse: risky is 400 naming the field; a 500, QQ busy (-1) or a hang is 503 CONTENT_SAFETY_UNAVAILABLE and nothing is kept', async () => {
      const s = get();
      const app = await s.anotherApp({ env: qqEnv('refuse') });
      const publish = (title: string) => post('/v1/listings', s.auth('bob'), itemBody(cats, { title }), app);
      expect(expectError(await publish('违禁测试词 出售'), 400, 'CONTENT_RISKY').field).toBe('title');
      expect((await publish('QQ检查通过 台灯')).status).toBe(201);
      expect(qq.securityChecks.at(-2)).toMatchObject({ kind: 'text', appid: qq.appId, content: 'QQ检查通过 台灯' });
      for (const outage of ['error500', -1, 'hang'] as const) {
        qq.scriptSecurity(outage);
        expectError(await publish(`QQ宕机 ${outage}`), 503, 'CONTENT_SAFETY_UNAVAILABLE');
      }
      expect(expectError(await upload(app, await photo(230)), 400, 'CONTENT_RISKY').field).toBe('photo');
      expect(qq.securityChecks.at(-1)).toMatchObject({ kind: 'image', contentType: 'image/jpeg', errcode: 87014 });
      qq.scriptSecurity('error500');
      expectError(await upload(app, await photo(20)), 503, 'CONTENT_SAFETY_UNAVAILABLE');
      expect((await upload(app, await photo(21))).status).toBe(201);
      const titles = (await s.persistence.listings.byOwner({ ownerId: s.users.bob.id, after: null, limit: 100 })).map(
        (l) => l.title,
      );
      expect(titles.filter((t) => t.startsWith('QQ宕机'))).toEqual([]);
    }, 20_000);

    it('policy accept: the outage publishes and queues the unchecked fields for admin review', async () => {
      const s = get();
      const app = await s.anotherApp({ env: qqEnv('accept') });
      qq.scriptSecurity(-1, 'error500');
      const made = await post('/v1/listings', s.auth('bob'), itemBody(cats, { title: 'QQ宕机时发布 书架' }), app);
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      qq.scriptSecurity('error500');
      const pic = await upload(app, await photo(22));
      expect(pic.status).toBe(201);
      const queue = await call(app, {
        method: 'GET',
        url: '/v1/admin/moderation/cases?limit=50',
        headers: s.auth('admin'),
      });
      const listingCase = queue.body.items.find((c: { targetId: string }) => c.targetId === made.body.id);
      expect(listingCase).toMatchObject({
        targetType: 'listing',
        reportCount: 0,
        uncheckedFields: ['title', 'description'],
        hidden: false,
      });
      const photoCase = queue.body.items.find((c: { targetId: string }) => c.targetId === pic.body.id);
      expect(photoCase).toMatchObject({
        targetType: 'photo',
        uncheckedFields: ['photo'],
        target: { photoUrl: `/media/photos/${pic.body.id}/medium` },
      });
      // A risky answer still refuses under `accept`: only an outage lets content through.
      expectError(
        await post('/v1/listings', s.auth('bob'), itemBody(cats, { title: '违禁测试词' }), app),
        400,
        'CONTENT_RISKY',
      );
      expect(
        (
          await post(
            `/v1/admin/moderation/cases/${photoCase.id}/resolve`,
            s.auth('admin'),
            { decision: 'remove', reason: '不当图片' },
            app,
          )
        ).status,
      ).toBe(200);
      expect((await app.inject({ method: 'GET', url: `/media/photos/${pic.body.id}/thumb` })).statusCode).toBe(404);
    }, 20_000);
  });
}
