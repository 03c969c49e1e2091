import { startPrivateRedis, type PrivateRedis } from '@xianzhi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeQqServer } from '../../adapters/src/qq/fake-qq-server.js';
import { demoOpenId } from '../src/seed/demo-world.js';
import type { ListingDetail } from '../src/contract.js';
import { call, categoryIds, itemBody, publishAs, type Reply } from './support/http.js';
import {
  eventually,
  RecordingSubscriber,
  startWorkerStack,
  withSubscriber,
  type WorkerStack,
} from './support/queues.js';
import type { Student } from './support/stack.js';

/**
 * Issue 4, "Done when": Redis stops while students edit listings and comment. Every API write still
 * succeeds (the API only writes the outbox); once Redis is back every notification lands in its inbox
 * and every QQ message reaches the (fake) QQ platform exactly once. A private redis-server on a port
 * of its own, so the shared one is never disturbed.
 */
describe('a Redis outage', () => {
  const fake = new FakeQqServer();
  const recorder = new RecordingSubscriber('outage-recorder', ['ListingPriceDropped', 'CommentPosted']);
  let redis: PrivateRedis;
  let s: WorkerStack;

  beforeAll(async () => {
    await fake.start();
    redis = await startPrivateRedis();
    s = await startWorkerStack('bullmq', {
      redisUrl: redis.url,
      env: {
        XZ_QQ_APP_ID: fake.appId,
        XZ_QQ_APP_SECRET: fake.appSecret,
        XZ_QQ_API_BASE: fake.baseUrl,
        XZ_QQ_TEMPLATE_COMMENT: 'TPL-COMMENT',
        XZ_QQ_TEMPLATE_PRICE_DROP: 'TPL-PRICE',
      },
      customize: withSubscriber(recorder),
    });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await redis?.dispose();
    await fake.stop();
  });

  const inbox = async (who: Student) =>
    (await call(s.app, { method: 'GET', url: '/v1/me/notifications?limit=50', headers: s.auth(who) })).body.items as {
      kind: string;
      listingId: string | null;
      data: Record<string, unknown>;
      count: number;
    }[];
  const consent = async (who: Student, templateId: string, times: number) => {
    for (let i = 0; i < times; i++) {
      expect(
        (
          await call(s.app, {
            method: 'POST',
            url: '/v1/me/notification-consents',
            headers: s.auth(who),
            payload: { templateIds: [templateId] },
          })
        ).status,
      ).toBe(200);
    }
  };
  const messagesTo = (who: Student) => fake.deliveredMessages.filter((m) => m.touser === demoOpenId(who));

  it('loses no API write and, once Redis is back, delivers every notification once', async () => {
    const cats = await categoryIds(s.app);
    const listings: ListingDetail[] = [];
    for (let i = 0; i < 3; i++)
      listings.push(
        await publishAs(
          s,
          'alice',
          itemBody(cats, { title: `停机测试 显示器 ${i}`, price: 90_000, originalPrice: null }),
        ),
      );
    for (const l of listings) {
      for (const fan of ['carol', 'dave'] as const) {
        expect(
          (await call(s.app, { method: 'PUT', url: `/v1/listings/${l.id}/favorite`, headers: s.auth(fan) })).status,
        ).toBe(200);
      }
    }
    await consent('alice', 'TPL-COMMENT', 3);
    await consent('carol', 'TPL-PRICE', 6);
    await consent('dave', 'TPL-PRICE', 6);
    // Everything so far (publications, favorites) has gone through before Redis stops.
    await eventually(async () => (await s.persistence.outbox.unpublished(1)).length === 0);

    await redis.stop();
    const statuses: number[] = [];
    let slowestMs = 0;
    const timed = async <T>(work: () => Promise<Reply<T>>) => {
      const started = Date.now();
      const res = await work();
      slowestMs = Math.max(slowestMs, Date.now() - started);
      statuses.push(res.status);
      return res;
    };
    const versions = new Map(listings.map((l) => [l.id, l.version]));
    for (const price of [80_000, 70_000]) {
      for (const l of listings) {
        const res = await timed(() =>
          call<ListingDetail>(s.app, {
            method: 'PATCH',
            url: `/v1/listings/${l.id}`,
            headers: s.auth('alice'),
            payload: { version: versions.get(l.id), price },
          }),
        );
        versions.set(l.id, res.body?.version);
        await timed(() =>
          call(s.app, {
            method: 'POST',
            url: `/v1/listings/${l.id}/comments`,
            headers: s.auth('bob'),
            payload: { body: `${price / 100} 元还能再少吗` },
          }),
        );
      }
    }
    expect(statuses).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 200 : 201)));
    // Writes never wait for Redis: far below the queue's enqueue timeout.
    expect(slowestMs).toBeLessThan(2000);

    // While Redis is away the relay warns and the events wait in the outbox; nobody has heard of them yet.
    await eventually(() =>
      s.logs.some(
        (l) => l['msg'] === 'outbox relay failed (queue or database unreachable); the events wait in the outbox',
      ),
    );
    const waiting = await s.persistence.outbox.unpublished(100);
    expect(waiting.filter((e) => e.type === 'ListingPriceDropped')).toHaveLength(6);
    expect(waiting.filter((e) => e.type === 'CommentPosted')).toHaveLength(6);
    const expected = waiting
      .filter((e) => e.type === 'ListingPriceDropped' || e.type === 'CommentPosted')
      .map((e) => e.id);
    expect(recorder.seen.filter((e) => expected.includes(e.id))).toEqual([]);
    expect((await inbox('alice')).filter((n) => n.kind === 'comment')).toEqual([]);

    await redis.start();
    const ours = (n: { listingId: string | null }) => listings.some((l) => l.id === n.listingId);
    const comments = (entries: { kind: string; listingId: string | null; count: number }[]) =>
      entries.filter((n) => n.kind === 'comment' && ours(n)).reduce((sum, n) => sum + n.count, 0);
    await eventually(
      async () =>
        comments(await inbox('alice')) === 6 &&
        (await inbox('carol')).filter((n) => n.kind === 'price_drop' && ours(n)).length === 6 &&
        (await inbox('dave')).filter((n) => n.kind === 'price_drop' && ours(n)).length === 6 &&
        messagesTo('carol').length === 6 &&
        messagesTo('dave').length === 6 &&
        messagesTo('alice').length === 3,
      30_000,
    );
    await eventually(async () => (await s.persistence.outbox.unpublished(1)).length === 0);
    await new Promise((r) => setTimeout(r, 500));

    // Each event reached the subscribers once; each inbox entry and each QQ message exists once.
    const counts = recorder.counts();
    expect(expected.map((id) => counts.get(id))).toEqual(expected.map(() => 1));
    const drops = (await inbox('carol'))
      .filter((n) => n.kind === 'price_drop' && ours(n))
      .map((n) => `${n.listingId}:${n.data['oldPrice']}→${n.data['newPrice']}`);
    expect(new Set(drops)).toEqual(new Set(listings.flatMap((l) => [`${l.id}:90000→80000`, `${l.id}:80000→70000`])));
    expect((await inbox('dave')).filter((n) => n.kind === 'price_drop' && ours(n))).toHaveLength(6);
    // Two comments on each listing: one inbox entry per listing holding both.
    expect((await inbox('alice')).filter((n) => n.kind === 'comment' && ours(n)).map((n) => n.count)).toEqual([
      2, 2, 2,
    ]);
    for (const who of ['carol', 'dave'] as const) {
      const sent = messagesTo(who).map((m) => `${m.page}|${m.data['keyword2']?.value}`);
      expect(sent).toHaveLength(6);
      expect(new Set(sent).size).toBe(6);
    }
    // One comment message per listing and hour: three listings, three messages to the owner.
    expect(new Set(messagesTo('alice').map((m) => m.page)).size).toBe(3);
    expect(messagesTo('bob')).toEqual([]);
    expect(s.logs.some((l) => l['msg'] === 'outbox relay works again')).toBe(true);
  }, 90_000);
});
