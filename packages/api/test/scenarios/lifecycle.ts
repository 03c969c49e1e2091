import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { createContainer } from '../../src/composition/container.js';
import { resolve } from '../../src/composition/token.js';
import { Core } from '../../src/composition/tokens.js';
import { call, categoryIds, expectError, itemBody, publishAs } from '../support/http.js';
import type { Stack } from '../support/stack.js';

const HOUR = 3_600_000;

export function lifecycleScenarios(get: () => Stack): void {
  let cats: Record<string, string>;
  beforeAll(async () => {
    cats = await categoryIds(get().app);
  });
  const post = (s: Stack, url: string, handle: Parameters<Stack['auth']>[0] | null, payload?: object) =>
    call(s.app, { method: 'POST', url, ...(handle && { headers: s.auth(handle) }), ...(payload && { payload }) });

  describe('lifecycle through the API', () => {
    it('active → reserved → active → reserved → sold, each change an event; sold is final', async () => {
      const s = get();
      const d = await publishAs(
        s,
        'alice',
        itemBody(cats, { title: '要卖掉的电饭煲', categoryId: cats['daily-appliance'] }),
      );
      const reserved = await post(s, `/v1/listings/${d.id}/status`, 'alice', { status: 'reserved', version: 1 });
      expect(reserved.status).toBe(200);
      expect(reserved.body).toMatchObject({ status: 'reserved', version: 2 });
      expect((await post(s, `/v1/listings/${d.id}/status`, 'alice', { status: 'active' })).body.status).toBe('active');
      expect((await post(s, `/v1/listings/${d.id}/status`, 'alice', { status: 'reserved' })).body.status).toBe(
        'reserved',
      );
      const sold = await post(s, `/v1/listings/${d.id}/status`, 'alice', { status: 'sold' });
      expect(sold.body).toMatchObject({ status: 'sold', version: 5 });

      const again = await post(s, `/v1/listings/${d.id}/status`, 'alice', { status: 'active' });
      expect(expectError(again, 409, 'LISTING_TRANSITION_NOT_ALLOWED')).toEqual({ from: 'sold', to: 'active' });
      const events = (await s.persistence.outbox.unpublished(10_000)).filter(
        (e) => e.aggregateId === d.id && e.type === 'ListingStatusChanged',
      );
      expect(events.map((e) => (e.payload as { to: string }).to)).toEqual(['reserved', 'active', 'reserved', 'sold']);
    });

    it('a status change with a stale version is a conflict; an unknown status is a validation error', async () => {
      const s = get();
      const d = await publishAs(s, 'alice', itemBody(cats, { title: '版本冲突的风扇' }));
      await post(s, `/v1/listings/${d.id}/status`, 'alice', { status: 'reserved', version: 1 });
      expectError(
        await post(s, `/v1/listings/${d.id}/status`, 'alice', { status: 'sold', version: 1 }),
        409,
        'LISTING_VERSION_CONFLICT',
      );
      const bad = await post(s, `/v1/listings/${d.id}/status`, 'alice', { status: 'withdrawn' });
      expect(expectError(bad, 400, 'VALIDATION_FAILED')).toEqual([expect.objectContaining({ field: 'status' })]);
      expectError(await post(s, `/v1/listings/${d.id}/status`, 'bob', { status: 'sold' }), 403, 'NOT_LISTING_OWNER');
    });

    it('withdrawn listings vanish for others but stay visible to the owner and in 我的发布', async () => {
      const s = get();
      const d = await publishAs(s, 'bob', itemBody(cats, { title: '下架的篮球' }));
      const res = await post(s, `/v1/listings/${d.id}/withdraw`, 'bob');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('withdrawn');
      expectError(await call(s.app, { method: 'GET', url: `/v1/listings/${d.id}` }), 404, 'LISTING_NOT_FOUND');
      expectError(
        await call(s.app, { method: 'GET', url: `/v1/listings/${d.id}`, headers: s.auth('alice') }),
        404,
        'LISTING_NOT_FOUND',
      );
      expect(
        (await call(s.app, { method: 'GET', url: `/v1/listings/${d.id}`, headers: s.auth('bob') })).body.status,
      ).toBe('withdrawn');
      const mine = await call(s.app, {
        method: 'GET',
        url: '/v1/me/listings?status=withdrawn',
        headers: s.auth('bob'),
      });
      expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(d.id);
      expect(mine.body.items.every((i: { status: string }) => i.status === 'withdrawn')).toBe(true);
      expectError(await post(s, `/v1/listings/${d.id}/withdraw`, 'bob'), 409, 'LISTING_TRANSITION_NOT_ALLOWED');
    });

    it('renewing too soon is 429 with Retry-After; a day later it moves the listing to the top', async () => {
      const s = get();
      const d = await publishAs(
        s,
        'dave',
        itemBody(cats, { title: '擦亮测试 自行车锁', categoryId: cats['transport-bike'] }),
      );
      const soon = await post(s, `/v1/listings/${d.id}/renew`, 'dave');
      const details = expectError(soon, 429, 'RENEW_TOO_SOON');
      expect(new Date(details.retryAt).getTime()).toBe(new Date(d.listedAt).getTime() + 24 * HOUR);
      const retryAfter = Number(soon.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(23 * 3600);
      expect(retryAfter).toBeLessThanOrEqual(24 * 3600);

      s.clock.advance(25 * HOUR);
      const renewed = await post(s, `/v1/listings/${d.id}/renew`, 'dave', { version: 1 });
      expect(renewed.status).toBe(200);
      expect(new Date(renewed.body.listedAt).getTime()).toBe(s.clock.now().getTime());
      expect(new Date(renewed.body.expiresAt).getTime()).toBe(s.clock.now().getTime() + 60 * 24 * HOUR);
      const feed = await call(s.app, { method: 'GET', url: '/v1/listings?limit=1' });
      expect(feed.body.items[0].id).toBe(d.id);
    });

    it('an admin removes a listing with a reason only the owner and admins see', async () => {
      const s = get();
      const d = await publishAs(s, 'alice', itemBody(cats, { title: '违规的代写广告' }));
      expectError(await post(s, `/v1/admin/listings/${d.id}/remove`, 'bob', { reason: '看不顺眼' }), 403, 'ADMIN_ONLY');
      expectError(await post(s, `/v1/admin/listings/${d.id}/remove`, null, { reason: 'x' }), 401, 'UNAUTHENTICATED');
      expect(
        expectError(
          await post(s, `/v1/admin/listings/${d.id}/remove`, 'admin', { reason: '  ' }),
          400,
          'VALIDATION_FAILED',
        ),
      ).toEqual([expect.objectContaining({ field: 'reason' })]);

      const removed = await post(s, `/v1/admin/listings/${d.id}/remove`, 'admin', {
        reason: '发布代写广告，违反社区规则',
      });
      expect(removed.status).toBe(200);
      expect(removed.body).toMatchObject({ status: 'removed', removalReason: '发布代写广告，违反社区规则' });
      const owner = await call(s.app, { method: 'GET', url: `/v1/listings/${d.id}`, headers: s.auth('alice') });
      expect(owner.body.removalReason).toBe('发布代写广告，违反社区规则');
      expectError(
        await call(s.app, { method: 'GET', url: `/v1/listings/${d.id}`, headers: s.auth('bob') }),
        404,
        'LISTING_NOT_FOUND',
      );
      expectError(
        await post(s, `/v1/admin/listings/${d.id}/remove`, 'admin', { reason: '再来一次' }),
        409,
        'LISTING_TRANSITION_NOT_ALLOWED',
      );
      expectError(
        await post(s, `/v1/listings/${d.id}/status`, 'alice', { status: 'sold' }),
        409,
        'LISTING_TRANSITION_NOT_ALLOWED',
      );
    });

    it('the expiry sweep ends listings past their lifetime; the owner can bring one back by renewing', async () => {
      const s = get();
      const d = await publishAs(s, 'alice', itemBody(cats, { title: '会过期的台历' }));
      s.clock.advance(61 * 24 * HOUR);
      const container = createContainer({
        config: s.config,
        logger: pino({ level: 'silent' }),
        persistence: s.persistence,
      });
      container.rebind(Core.Clock).toConstantValue(s.clock);
      const result = await resolve(container, Core.ExpireListings).execute();
      expect(result.expired).toBeGreaterThanOrEqual(1);
      expect(
        (await call(s.app, { method: 'GET', url: `/v1/listings/${d.id}`, headers: s.auth('alice') })).body.status,
      ).toBe('expired');
      const renewed = await post(s, `/v1/listings/${d.id}/renew`, 'alice');
      expect(renewed.body.status).toBe('active');
    });
  });
}
