import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeQqServer } from '../../adapters/src/qq/fake-qq-server.js';
import { Background } from '../src/composition/background-tokens.js';
import { resolveAll } from '../src/composition/token.js';
import { demoOpenId } from '../src/seed/demo-world.js';
import { call, categoryIds, expectError, itemBody, publishAs } from './support/http.js';
import {
  eventually,
  onQueues,
  startWorkerStack,
  type QueueKind,
  type WorkerStack,
  type WorkerStackOptions,
} from './support/queues.js';
import type { Student } from './support/stack.js';

const TEMPLATES = {
  XZ_QQ_TEMPLATE_COMMENT: 'TPL-COMMENT',
  XZ_QQ_TEMPLATE_REPLY: 'TPL-REPLY',
  XZ_QQ_TEMPLATE_PRICE_DROP: 'TPL-PRICE',
  XZ_QQ_TEMPLATE_WANTED_MATCH: 'TPL-WANTED',
  XZ_QQ_TEMPLATE_EXPIRING: 'TPL-EXPIRING',
  XZ_QQ_TEMPLATE_REMOVED: 'TPL-REMOVED',
};

/**
 * Issue 4's notification scenarios through the API, with the real worker on each queue and the
 * QQ open API played by the fake server on loopback: who lands in whose inbox, and which QQ
 * messages actually arrive.
 */
describe('notifications', () => {
  const fake = new FakeQqServer();
  beforeAll(async () => {
    await fake.start();
  });
  afterAll(() => fake.stop());

  onQueues((queue, start) => scenarios(queue, start));
  // The production shape once more: MariaDB and BullMQ.
  describe('on MariaDB', () =>
    scenarios('bullmq', (options) => startWorkerStack('bullmq', { ...options, database: 'mariadb' })));

  function scenarios(queue: QueueKind, start: (options?: WorkerStackOptions) => Promise<WorkerStack>): void {
    let s: WorkerStack;
    let cats: Record<string, string>;
    beforeAll(async () => {
      // Threshold 2: bob and dave are the verified students besides alice, whose listing they report.
      s = await start({
        env: {
          XZ_QQ_APP_ID: fake.appId,
          XZ_QQ_APP_SECRET: fake.appSecret,
          XZ_QQ_API_BASE: fake.baseUrl,
          XZ_REPORT_HIDE_THRESHOLD: '2',
          ...TEMPLATES,
        },
      });
      cats = await categoryIds(s.app);
    }, 60_000);
    afterAll(() => s?.close());
    beforeEach(() => {
      fake.subscriptionMessages.length = 0;
    });

    const inbox = async (who: Student) =>
      (await call(s.app, { method: 'GET', url: '/v1/me/notifications?limit=50', headers: s.auth(who) })).body.items as {
        id: string;
        kind: string;
        listingId: string | null;
        data: Record<string, unknown>;
        readAt: string | null;
        count: number;
      }[];
    const about = async (who: Student, listingId: string) =>
      (await inbox(who)).filter((n) => n.listingId === listingId);
    const consent = (who: Student, ...templateIds: string[]) =>
      call(s.app, {
        method: 'POST',
        url: '/v1/me/notification-consents',
        headers: s.auth(who),
        payload: { templateIds },
      });
    const messagesTo = (who: Student) => fake.deliveredMessages.filter((m) => m.touser === demoOpenId(who));
    const comment = async (who: Student, listingId: string, body: string, replyToCommentId?: string) => {
      const res = await call(s.app, {
        method: 'POST',
        url: `/v1/listings/${listingId}/comments`,
        headers: s.auth(who),
        payload: { body, ...(replyToCommentId ? { replyToCommentId } : {}) },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { id: string };
    };
    const settle = () => new Promise((r) => setTimeout(r, 300));

    it(`[${queue}] tells the seller of a 想要 and an offer, and the buyer of the answer; nobody else`, async () => {
      const listing = await publishAs(s, 'alice', itemBody(cats, { title: `交易通知 ${queue}` }));
      const want = await call(s.app, { method: 'PUT', url: `/v1/listings/${listing.id}/want`, headers: s.auth('bob') });
      expect(want.status).toBe(200);
      const offer = await call(s.app, {
        method: 'POST',
        url: `/v1/listings/${listing.id}/offers`,
        headers: s.auth('bob'),
        payload: { priceFen: 1_000 },
      });
      expect(offer.status, JSON.stringify(offer.body)).toBe(201);
      await eventually(async () => (await about('alice', listing.id)).length === 2);
      const kinds = (await about('alice', listing.id)).map((n) => n.kind).sort();
      expect(kinds).toEqual(['offer_received', 'want_received']);
      const declined = await call(s.app, {
        method: 'POST',
        url: `/v1/offers/${offer.body.id}/decline`,
        headers: s.auth('alice'),
      });
      expect(declined.status).toBe(200);
      await eventually(async () => (await about('bob', listing.id)).length === 1);
      expect((await about('bob', listing.id))[0]).toMatchObject({
        kind: 'offer_declined',
        data: { listingTitle: `交易通知 ${queue}`, price: 1_000, offerId: offer.body.id },
      });
      expect(await about('dave', listing.id)).toEqual([]);
    });

    it(`[${queue}] tells the owner of a comment in the inbox and by QQ when she consented; only she sees it`, async () => {
      const listing = await publishAs(s, 'alice', itemBody(cats, { title: `通知 台灯 ${queue}` }));
      const settings = await consent('alice', 'TPL-COMMENT', 'TPL-UNKNOWN');
      expect(settings.status).toBe(200);
      expect(settings.body).toMatchObject({
        consents: { comment: 1 },
        templates: { comment: 'TPL-COMMENT', price_drop: 'TPL-PRICE' },
      });
      await comment('bob', listing.id, '还在吗？');
      await eventually(async () => (await about('alice', listing.id)).length === 1 && messagesTo('alice').length === 1);
      const [n] = await about('alice', listing.id);
      expect(n).toMatchObject({
        kind: 'comment',
        readAt: null,
        data: { listingTitle: `通知 台灯 ${queue}`, excerpt: '还在吗？' },
      });
      expect(messagesTo('alice')[0]).toMatchObject({
        template_id: 'TPL-COMMENT',
        page: `pages/detail/index?id=${listing.id}`,
        data: { keyword1: { value: `通知 台灯 ${queue}` } },
      });
      expect(await about('bob', listing.id)).toEqual([]);

      const unread = async () =>
        (await call(s.app, { method: 'GET', url: '/v1/me/notifications/unread-count', headers: s.auth('alice') })).body
          .unread;
      const before = await unread();
      expectError(
        await call(s.app, { method: 'POST', url: `/v1/me/notifications/${n!.id}/read`, headers: s.auth('bob') }),
        404,
        'NOTIFICATION_NOT_FOUND',
      );
      expect(
        (await call(s.app, { method: 'POST', url: `/v1/me/notifications/${n!.id}/read`, headers: s.auth('alice') }))
          .status,
      ).toBe(204);
      expect(await unread()).toBe(before - 1);
      expect(
        (await call(s.app, { method: 'POST', url: '/v1/me/notifications/read-all', headers: s.auth('alice') })).status,
      ).toBe(200);
      expect(await unread()).toBe(0);
      // The consent was spent: the next comment (an hour later, past the throttle) reaches the inbox only.
      s.clock.advance(61 * 60_000);
      await comment('dave', listing.id, '我也想要');
      // The read comment stays its own entry; the new one is another.
      await eventually(async () => (await about('alice', listing.id)).map((n) => n.count).join() === '1,1');
      await settle();
      expect(messagesTo('alice')).toHaveLength(1);
    });

    it(`[${queue}] tells whom a reply answers, and sends at most one comment message per listing and hour`, async () => {
      const listing = await publishAs(s, 'alice', itemBody(cats, { title: `回复 显示器 ${queue}` }));
      await consent('alice', 'TPL-COMMENT');
      await consent('alice', 'TPL-COMMENT');
      await consent('alice', 'TPL-COMMENT');
      await consent('bob', 'TPL-REPLY');
      const top = await comment('bob', listing.id, '一');
      await comment('bob', listing.id, '二');
      // Two unread comments of one listing: one inbox entry that holds both.
      await eventually(async () => (await about('alice', listing.id)).map((n) => n.count).join() === '2');
      await eventually(() => messagesTo('alice').length === 1);
      await comment('alice', listing.id, '在的', top.id);
      await eventually(async () => (await about('bob', listing.id)).length === 1 && messagesTo('bob').length === 1);
      expect((await about('bob', listing.id))[0]).toMatchObject({ kind: 'reply', data: { excerpt: '在的' } });
      expect(messagesTo('bob')[0]!.template_id).toBe('TPL-REPLY');
      await settle();
      expect(messagesTo('alice')).toHaveLength(1);
      const settings = await call(s.app, {
        method: 'GET',
        url: '/v1/me/notification-settings',
        headers: s.auth('alice'),
      });
      expect(settings.body.consents.comment).toBe(2);
    });

    it(`[${queue}] fans a price drop out to every favoriter with both prices; a muted kind stays in the inbox`, async () => {
      const listing = await publishAs(
        s,
        'alice',
        itemBody(cats, { title: `降价 自行车 ${queue}`, price: 30_000, originalPrice: null }),
      );
      for (const who of ['bob', 'carol', 'dave'] as const) {
        expect(
          (await call(s.app, { method: 'PUT', url: `/v1/listings/${listing.id}/favorite`, headers: s.auth(who) }))
            .status,
        ).toBe(200);
      }
      await consent('carol', 'TPL-PRICE');
      await consent('dave', 'TPL-PRICE');
      const muted = await call(s.app, {
        method: 'PUT',
        url: '/v1/me/notification-settings',
        headers: s.auth('dave'),
        payload: { muted: ['price_drop'] },
      });
      expect(muted.body.muted).toEqual(['price_drop']);
      expectError(
        await call(s.app, {
          method: 'PUT',
          url: '/v1/me/notification-settings',
          headers: s.auth('dave'),
          payload: { muted: ['spam'] },
        }),
        400,
        'VALIDATION_FAILED',
      );
      const edit = await call(s.app, {
        method: 'PATCH',
        url: `/v1/listings/${listing.id}`,
        headers: s.auth('alice'),
        payload: { version: listing.version, price: 25_000 },
      });
      expect(edit.status, JSON.stringify(edit.body)).toBe(200);
      for (const who of ['bob', 'carol', 'dave'] as const) {
        await eventually(async () => (await about(who, listing.id)).length === 1);
        expect((await about(who, listing.id))[0]).toMatchObject({
          kind: 'price_drop',
          data: { oldPrice: 30_000, newPrice: 25_000 },
        });
      }
      expect(await about('alice', listing.id)).toEqual([]);
      await eventually(() => messagesTo('carol').length === 1);
      expect(messagesTo('carol')[0]!.data['keyword2']!.value).toBe('¥300 → ¥250');
      await settle();
      expect(messagesTo('dave')).toEqual([]);
      expect(messagesTo('bob')).toEqual([]);
      const daves = await call(s.app, { method: 'GET', url: '/v1/me/notification-settings', headers: s.auth('dave') });
      expect(daves.body.consents.price_drop).toBe(1);
    });

    it(`[${queue}] tells the owner why an admin removed the listing, and a wanter of a matching listing`, async () => {
      const wanted = await call(s.app, {
        method: 'POST',
        url: '/v1/listings',
        headers: s.auth('dave'),
        payload: {
          kind: 'wanted',
          title: `求购 折叠自行车 ${queue}`,
          description: '通勤用',
          price: 50_000,
          categoryId: cats['digital-phone'],
          tradeMethods: ['face_to_face'],
          photos: [],
        },
      });
      expect(wanted.status, JSON.stringify(wanted.body)).toBe(201);
      await settle();
      const fits = await publishAs(
        s,
        'bob',
        itemBody(cats, { title: `九成新折叠自行车`, price: 40_000, originalPrice: null }),
      );
      const dear = await publishAs(
        s,
        'bob',
        itemBody(cats, { title: `折叠自行车 顶配`, price: 90_000, originalPrice: null }),
      );
      await eventually(async () => (await about('dave', fits.id)).length === 1);
      expect((await about('dave', fits.id))[0]).toMatchObject({
        kind: 'wanted_match',
        data: { wantedTitle: `求购 折叠自行车 ${queue}`, price: 40_000 },
      });

      const removed = await call(s.app, {
        method: 'POST',
        url: `/v1/admin/listings/${dear.id}/remove`,
        headers: s.auth('admin'),
        payload: { reason: '价格虚高，涉嫌引流' },
      });
      expect(removed.status).toBe(200);
      await eventually(async () => (await about('bob', dear.id)).some((n) => n.kind === 'removed'));
      expect((await about('bob', dear.id)).find((n) => n.kind === 'removed')).toMatchObject({
        data: { reason: '价格虚高，涉嫌引流' },
      });
      expect(await about('dave', dear.id)).toEqual([]);
    });

    it(`[${queue}] tells the owner in the inbox, never by QQ, when reports hide the listing and when an admin restores it`, async () => {
      const listing = await publishAs(s, 'alice', itemBody(cats, { title: `举报 电饭煲 ${queue}` }));
      const qqBefore = messagesTo('alice').length;
      for (const who of ['bob', 'dave'] as const) {
        const reported = await call(s.app, {
          method: 'POST',
          url: '/v1/reports',
          headers: s.auth(who),
          payload: { targetType: 'listing', targetId: listing.id, reason: 'fake' },
        });
        expect(reported.status, JSON.stringify(reported.body)).toBe(201);
      }
      await eventually(async () => (await about('alice', listing.id)).length === 1);
      expect(await about('alice', listing.id)).toMatchObject([
        { kind: 'hidden', readAt: null, data: { listingTitle: `举报 电饭煲 ${queue}` } },
      ]);

      const cases = await call(s.app, { method: 'GET', url: '/v1/admin/moderation/cases', headers: s.auth('admin') });
      const item = cases.body.items.find((c: { targetId: string }) => c.targetId === listing.id);
      const restored = await call(s.app, {
        method: 'POST',
        url: `/v1/admin/moderation/cases/${item.id}/resolve`,
        headers: s.auth('admin'),
        payload: { decision: 'restore' },
      });
      expect(restored.status, JSON.stringify(restored.body)).toBe(200);
      await eventually(async () => (await about('alice', listing.id)).length === 2);
      await settle();
      expect((await about('alice', listing.id)).map((n) => n.kind)).toEqual(['restored', 'hidden']);
      expect(await about('bob', listing.id)).toEqual([]);
      expect(messagesTo('alice')).toHaveLength(qqBefore);
      // Nothing to mute: they never go to QQ.
      expectError(
        await call(s.app, {
          method: 'PUT',
          url: '/v1/me/notification-settings',
          headers: s.auth('alice'),
          payload: { muted: ['hidden'] },
        }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it(`[${queue}] tells an owner once when the listing ends within a day`, async () => {
      const listing = await publishAs(s, 'dave', itemBody(cats, { title: `到期 书架 ${queue}` }));
      const detail = await call(s.app, { method: 'GET', url: `/v1/listings/${listing.id}`, headers: s.auth('dave') });
      const expiresAt = Date.parse(detail.body.expiresAt);
      const task = resolveAll(s.container, Background.PeriodicTask).find((t) => t.name === 'notify-expiring')!;
      const saved = s.clock.now();
      s.clock.set(new Date(expiresAt - 23 * 3600_000));
      try {
        await task.run(new AbortController().signal);
        await task.run(new AbortController().signal);
      } finally {
        s.clock.set(saved);
      }
      await eventually(async () => (await about('dave', listing.id)).length === 1);
      await settle();
      expect(await about('dave', listing.id)).toMatchObject([{ kind: 'expiring' }]);
    });

    it(`[${queue}] shows admins a dead letter and sends it again when one retries it`, async () => {
      const listing = await publishAs(s, 'bob', itemBody(cats, { title: `死信 耳机 ${queue}` }));
      await consent('bob', 'TPL-COMMENT');
      fake.scriptSends(...Array.from({ length: 20 }, () => 40037));
      await comment('dave', listing.id, '多少钱');
      await eventually(async () => (await about('bob', listing.id)).length === 1);
      const id = (await about('bob', listing.id))[0]!.id;
      await eventually(
        async () => (await s.persistence.notifications.delivery(id))?.lastError?.includes('40037') === true,
      );
      // Six attempts with backoff take a minute: bury it as the last failed attempt would.
      await eventually(
        () => s.persistence.notifications.markDead(id, 'QqSendFailed: errcode 40037', s.clock.now()),
        10_000,
      );
      fake.clearSendScript();
      const list = await call(s.app, { method: 'GET', url: '/v1/admin/dead-letters', headers: s.auth('admin') });
      expect(list.body.items.find((d: { notificationId: string }) => d.notificationId === id)).toMatchObject({
        state: 'dead',
        kind: 'comment',
        recipientId: s.users.bob.id,
        lastError: 'QqSendFailed: errcode 40037',
        data: { excerpt: '多少钱' },
      });
      expectError(
        await call(s.app, { method: 'GET', url: '/v1/admin/dead-letters', headers: s.auth('bob') }),
        403,
        'ADMIN_ONLY',
      );
      expect(
        (await call(s.app, { method: 'POST', url: `/v1/admin/dead-letters/${id}/retry`, headers: s.auth('admin') }))
          .status,
      ).toBe(202);
      expectError(
        await call(s.app, { method: 'POST', url: `/v1/admin/dead-letters/${id}/retry`, headers: s.auth('admin') }),
        404,
        'DEAD_LETTER_NOT_FOUND',
      );
      const audit = await call(s.app, {
        method: 'GET',
        url: '/v1/admin/audit-log?action=notification.retry',
        headers: s.auth('admin'),
      });
      expect(audit.body.items[0]).toMatchObject({ targetId: id });

      s.clock.advance(6 * 60_000);
      await resolveAll(s.container, Background.PeriodicTask)
        .find((t) => t.name === 'notify-redeliver')!
        .run(new AbortController().signal);
      await eventually(async () => (await s.persistence.notifications.delivery(id))?.state === 'sent');
      // The consent spent by the first attempt carries the retry: none is spent twice.
      expect(messagesTo('bob').filter((m) => m.template_id === 'TPL-COMMENT')).toHaveLength(1);
      expect(
        (await call(s.app, { method: 'GET', url: '/v1/me/notification-settings', headers: s.auth('bob') })).body
          .consents.comment,
      ).toBe(0);
    });
  }
});
