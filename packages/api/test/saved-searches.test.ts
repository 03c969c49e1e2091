import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeQqServer } from '../../adapters/src/qq/fake-qq-server.js';
import type { SavedSearch, SavedSearchList } from '../src/contract.js';
import { demoOpenId } from '../src/seed/demo-world.js';
import type { DatabaseKind } from './support/databases.js';
import { call, categoryIds, expectError, itemBody, publishAs } from './support/http.js';
import { eventually, startWorkerStack, type WorkerStack } from './support/queues.js';
import { SCENARIO_BOOK_LIMITS, startStack, type Handle, type Stack } from './support/stack.js';

/** 我的订阅 over HTTP and through the worker, on each database the platform supports. */
for (const kind of ['sqlite', 'mariadb'] as DatabaseKind[]) {
  describe(`saved searches on ${kind}`, () => {
    let s: Stack;
    let cats: Record<string, string>;
    beforeAll(async () => {
      // Thirty-odd saves by one student in a minute: past the saved_search family's limit, which is not under test here.
      s = await startStack(kind, { env: SCENARIO_BOOK_LIMITS });
      cats = await categoryIds(s.app);
    }, 60_000);
    afterAll(async () => {
      await s?.close();
    });

    const save = (who: Handle, payload: object) =>
      call<SavedSearch>(s.app, { method: 'POST', url: '/v1/me/saved-searches', headers: s.auth(who), payload });
    const list = async (who: Handle) =>
      (await call<SavedSearchList>(s.app, { method: 'GET', url: '/v1/me/saved-searches', headers: s.auth(who) })).body
        .items;
    const remove = (who: Handle, id: string) =>
      call(s.app, { method: 'DELETE', url: `/v1/me/saved-searches/${encodeURIComponent(id)}`, headers: s.auth(who) });

    it('a verified student saves a search with filters, sees it, saves it again as the same one, deletes it', async () => {
      const payload = {
        q: '  山地自行车 ',
        categoryId: cats['digital'],
        maxPrice: 100_000,
        tradeMethod: 'face_to_face',
      };
      const first = await save('bob', payload);
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(first.body).toEqual({
        id: expect.any(String),
        q: '山地自行车',
        filters: { categoryId: cats['digital'], maxPrice: 100_000, tradeMethod: 'face_to_face' },
        createdAt: expect.any(String),
      });
      const again = await save('bob', { ...payload, q: '山地自行车' });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      expect((await list('bob')).map((x) => x.id)).toEqual([first.body.id]);
      expect(await list('alice')).toEqual([]);

      expectError(await remove('alice', first.body.id), 404, 'SAVED_SEARCH_NOT_FOUND');
      expect((await remove('bob', first.body.id)).status).toBe(204);
      expectError(await remove('bob', first.body.id), 404, 'SAVED_SEARCH_NOT_FOUND');
      expectError(await remove('bob', "x' or '1'='1"), 404, 'SAVED_SEARCH_NOT_FOUND');
      expect(await list('bob')).toEqual([]);
    });

    it('refuses the unverified, bad input with stable codes, and the 21st search', async () => {
      expectError(await save('carol', { q: '台灯' }), 403, 'NOT_VERIFIED');
      expectError(
        await call(s.app, { method: 'POST', url: '/v1/me/saved-searches', payload: { q: '台灯' } }),
        401,
        'UNAUTHENTICATED',
      );
      expectError(await save('dave', { q: '   ' }), 400, 'VALIDATION_FAILED');
      expectError(await save('dave', { q: '台'.repeat(51) }), 400, 'VALIDATION_FAILED');
      expectError(await save('dave', { q: '台灯', minPrice: 500, maxPrice: 100 }), 400, 'VALIDATION_FAILED');
      expectError(await save('dave', { q: '台灯', categoryId: 'nope' }), 400, 'VALIDATION_FAILED');
      expectError(await save('dave', { q: '台灯', condition: 'broken' }), 400, 'VALIDATION_FAILED');
      expectError(await save('dave', { q: '台灯', minPrice: 1.5 }), 400, 'VALIDATION_FAILED');
      expectError(await save('dave', { q: 42 }), 400, 'VALIDATION_FAILED');
      expectError(await save('dave', { q: '！？' }), 400, 'VALIDATION_FAILED');
      for (let i = 0; i < 20; i++) expect((await save('dave', { q: `台灯 ${i}` })).status).toBe(201);
      expectError(await save('dave', { q: '书桌' }), 409, 'SAVED_SEARCH_LIMIT_REACHED');
      expect(await list('dave')).toHaveLength(20);
      const [newest] = await list('dave');
      expect(newest?.q).toBe('台灯 19');
      expect((await remove('dave', newest!.id)).status).toBe(204);
      expect((await save('dave', { q: '书桌' })).status).toBe(201);
    });

    it('two saves at once of the 20th leave 20', async () => {
      for (let i = 0; i < 19; i++) expect((await save('alice', { q: `自行车 ${i}` })).status).toBe(201);
      const both = await Promise.all([save('alice', { q: '台灯 甲' }), save('alice', { q: '台灯 乙' })]);
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await list('alice')).toHaveLength(20);
    });
  });

  /**
   * The worker tells: the outbox, the `saved-searches` subscriber, the recorder, the inbox; on SQLite with the
   * in-process queue (embedded), on MariaDB through BullMQ and Redis (production).
   */
  const queue = kind === 'mariadb' ? 'bullmq' : 'in-process';
  describe(`saved-search alerts through the worker on ${kind} (${queue} queue)`, () => {
    let s: WorkerStack;
    let cats: Record<string, string>;
    const fake = new FakeQqServer();
    beforeAll(async () => {
      await fake.start();
      s = await startWorkerStack(queue, {
        database: kind,
        env: {
          XZ_SAVED_SEARCH_DAILY_ALERTS: '2',
          XZ_QQ_APP_ID: fake.appId,
          XZ_QQ_APP_SECRET: fake.appSecret,
          XZ_QQ_API_BASE: fake.baseUrl,
          XZ_QQ_TEMPLATE_SAVED_SEARCH: 'TPL-SAVED',
        },
      });
      cats = await categoryIds(s.app);
    }, 60_000);
    afterAll(async () => {
      await s?.close();
      await fake.stop();
    });

    const inbox = async (who: Handle) =>
      (
        (await call(s.app, { method: 'GET', url: '/v1/me/notifications?limit=50', headers: s.auth(who) })).body
          .items as { kind: string; listingId: string | null; data: Record<string, unknown> }[]
      ).filter((n) => n.kind === 'saved_search');
    const save = async (who: Handle, payload: object) => {
      const r = await call(s.app, { method: 'POST', url: '/v1/me/saved-searches', headers: s.auth(who), payload });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    };

    it('tells whose search finds a new listing (pinyin too), at most the daily number, never the owner', async () => {
      await save('bob', { q: 'zixingche' });
      // One QQ message allowed: the first alert goes to QQ as well, the second to the inbox only.
      const consent = await call(s.app, {
        method: 'POST',
        url: '/v1/me/notification-consents',
        headers: s.auth('bob'),
        payload: { templateIds: ['TPL-SAVED'] },
      });
      expect(consent.body).toMatchObject({ consents: { saved_search: 1 }, templates: { saved_search: 'TPL-SAVED' } });
      await save('dave', { q: '冰箱' });
      await save('alice', { q: '自行车' });
      await save('dave', { q: '自行车', maxPrice: 1_000 });
      const first = await publishAs(s, 'alice', itemBody(cats, { title: '二手自行车 捷安特', price: 30_000 }));
      await eventually(async () => (await inbox('bob')).length === 1);
      const [n] = await inbox('bob');
      expect(n).toMatchObject({
        listingId: first.id,
        data: { listingTitle: '二手自行车 捷安特', price: 30_000, query: 'zixingche' },
      });
      const toBob = () => fake.deliveredMessages.filter((m) => m.touser === demoOpenId('bob'));
      await eventually(() => toBob().length === 1);
      expect(toBob()[0]).toMatchObject({
        template_id: 'TPL-SAVED',
        page: `pages/detail/index?id=${first.id}`,
        data: { keyword1: { value: '二手自行车 捷安特' }, keyword2: { value: '¥300，订阅「zixingche」' } },
      });
      await publishAs(s, 'alice', itemBody(cats, { title: '折叠自行车', price: 20_000 }));
      await publishAs(s, 'alice', itemBody(cats, { title: '自行车 头盔', price: 5_000 }));
      await eventually(async () => (await inbox('bob')).length === 2);
      // The third would pass the day's limit of 2; the others' searches do not find these listings.
      await new Promise((r) => setTimeout(r, 500));
      expect(await inbox('bob')).toHaveLength(2);
      expect(toBob()).toHaveLength(1);
      expect(await inbox('dave')).toEqual([]);
      expect(await inbox('alice')).toEqual([]);
    });
  });
}
