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
 * Issue 4, "Done when", and issue 16, "Faults": Redis stops for 10 s while students keep editing
 * listings and commenting (a write about every quarter second, on MariaDB). Every API write still
 * succeeds, quickly (the API only writes the outbox); once Redis is back every notification lands in
 * its inbox and every QQ message reaches the (fake) QQ platform exactly once. A private redis-server
 * on a port of its own, so the shared one is never disturbed; the API and worker run in this process.
 */
const DOWN_MS = 10_000;
const GAP_MS = 400;
describe('a Redis outage', () => {
  const fake = new FakeQqServer();
  const recorder = new RecordingSubscriber('outage-recorder', ['ListingPriceDropped', 'CommentPosted']);
  let redis: PrivateRedis;
  let s: WorkerStack;

  beforeAll(async () => {
    await fake.start();
    redis = await startPrivateRedis();
    s = await startWorkerStack('bullmq', {
      database: 'mariadb',
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
  /** Notices (rows, one per event and recipient) of one kind about this test's listings. */
  const notices = async (who: Student, kind: string) =>
    Number(
      (
        (await s.persistence.raw(
          `select count(*) as n from notification where recipient_id = ? and kind = ? and listing_id in
             (select id from listing where owner_id = ?)`,
          [s.users[who].id, kind, s.users.alice.id],
        )) as { n: number | string }[]
      )[0]!.n,
    );
  const messagesTo = (who: Student) => fake.deliveredMessages.filter((m) => m.touser === demoOpenId(who));

  it('loses no API write while Redis is down for 10 s and, once it is back, delivers every notification once', async () => {
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
    // A write every GAP_MS for the whole outage, whatever the machine's speed: at most this many drops.
    const mostDrops = Math.ceil(DOWN_MS / GAP_MS / 2);
    await consent('alice', 'TPL-COMMENT', listings.length);
    await consent('carol', 'TPL-PRICE', mostDrops);
    await consent('dave', 'TPL-PRICE', mostDrops);
    // Everything so far (publications, favorites) has gone through before Redis stops.
    await eventually(async () => (await s.persistence.outbox.unpublished(1)).length === 0);

    await redis.stop();
    const down = Date.now();
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
    const prices = new Map(listings.map((l) => [l.id, 90_000]));
    const expectedDrops: string[] = [];
    let comments = 0;
    // Write n goes out at n × GAP_MS (or as soon as the one before is answered), for 10 s.
    for (let n = 0; down + n * GAP_MS < down + DOWN_MS; n++) {
      if (down + n * GAP_MS > Date.now()) await new Promise((r) => setTimeout(r, down + n * GAP_MS - Date.now()));
      const l = listings[Math.floor(n / 2) % listings.length]!;
      if (n % 2 === 0) {
        const old = prices.get(l.id)!;
        const price = old - 1000;
        const res = await timed(() =>
          call<ListingDetail>(s.app, {
            method: 'PATCH',
            url: `/v1/listings/${l.id}`,
            headers: s.auth('alice'),
            payload: { version: versions.get(l.id), price },
          }),
        );
        versions.set(l.id, res.body?.version);
        prices.set(l.id, price);
        expectedDrops.push(`${l.id}:${old}→${price}`);
      } else {
        await timed(() =>
          call(s.app, {
            method: 'POST',
            url: `/v1/listings/${l.id}/comments`,
            headers: s.auth('bob'),
            payload: { body: `${prices.get(l.id)! / 100} 元还能再少吗` },
          }),
        );
        comments++;
      }
    }
    const drops = expectedDrops.length;
    expect(statuses).toEqual(statuses.map((_, i) => (i % 2 === 0 ? 200 : 201)));
    expect(drops).toBeGreaterThanOrEqual(listings.length);
    expect(comments).toBeGreaterThanOrEqual(listings.length);
    // Writes never wait for Redis: far below the queue's enqueue timeout.
    expect(slowestMs).toBeLessThan(2000);

    // While Redis is away the relay warns and the events wait in the outbox; nobody has heard of them yet.
    await eventually(() =>
      s.logs.some(
        (l) => l['msg'] === 'outbox relay failed (queue or database unreachable); the events wait in the outbox',
      ),
    );
    const waiting = await s.persistence.outbox.unpublished(200);
    expect(waiting.filter((e) => e.type === 'ListingPriceDropped')).toHaveLength(drops);
    expect(waiting.filter((e) => e.type === 'CommentPosted')).toHaveLength(comments);
    const expected = waiting
      .filter((e) => e.type === 'ListingPriceDropped' || e.type === 'CommentPosted')
      .map((e) => e.id);
    expect(recorder.seen.filter((e) => expected.includes(e.id))).toEqual([]);
    expect(await notices('alice', 'comment')).toBe(0);
    if (Date.now() < down + DOWN_MS) await new Promise((r) => setTimeout(r, down + DOWN_MS - Date.now()));

    await redis.start();
    const back = Date.now();
    await eventually(
      async () =>
        (await notices('alice', 'comment')) === comments &&
        (await notices('carol', 'price_drop')) === drops &&
        (await notices('dave', 'price_drop')) === drops &&
        messagesTo('carol').length === drops &&
        messagesTo('dave').length === drops &&
        messagesTo('alice').length === listings.length,
      30_000,
    );
    const deliveredMs = Date.now() - back;
    await eventually(async () => (await s.persistence.outbox.unpublished(1)).length === 0);
    await new Promise((r) => setTimeout(r, 500));
    console.log(
      'redis outage:',
      JSON.stringify({
        writes: statuses.length,
        answered2xx: statuses.filter((st) => st < 300).length,
        slowestWriteMs: slowestMs,
        downMs: back - down,
        deliveredMs,
      }),
    );

    // Each event reached the subscribers once; each notice and each QQ message exists once.
    const counts = recorder.counts();
    expect(expected.map((id) => counts.get(id))).toEqual(expected.map(() => 1));
    const ours = (n: { listingId: string | null }) => listings.some((l) => l.id === n.listingId);
    const inboxDrops = (await inbox('carol'))
      .filter((n) => n.kind === 'price_drop' && ours(n))
      .map((n) => `${n.listingId}:${n.data['oldPrice']}→${n.data['newPrice']}`);
    expect(inboxDrops.sort()).toEqual(expectedDrops.sort());
    expect(await notices('dave', 'price_drop')).toBe(drops);
    expect(await notices('alice', 'comment')).toBe(comments);
    for (const who of ['carol', 'dave'] as const) {
      const sent = messagesTo(who).map((m) => `${m.page}|${m.data['keyword2']?.value}`);
      expect(sent).toHaveLength(drops);
      expect(new Set(sent).size).toBe(drops);
    }
    // One comment message per listing and hour: three listings, three messages to the owner.
    expect(new Set(messagesTo('alice').map((m) => m.page)).size).toBe(listings.length);
    expect(messagesTo('bob')).toEqual([]);
    expect(s.logs.some((l) => l['msg'] === 'outbox relay works again')).toBe(true);
  }, 90_000);
});
