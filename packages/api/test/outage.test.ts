import { startPrivateRedis, type PrivateRedis } from '@xianzhi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, categoryIds, itemBody, publishAs } from './support/http.js';
import { eventually, RecordingSubscriber, startWorkerStack, withSubscriber, type WorkerStack } from './support/queues.js';

/**
 * Issue 4, "Done when": Redis stops while students edit listings and comment. Every write still
 * succeeds (the API only writes the outbox); once Redis is back every event is delivered, once.
 * A private redis-server, so the shared one is never disturbed.
 */
describe('a Redis outage', () => {
  let redis: PrivateRedis;
  let s: WorkerStack;
  const recorder = new RecordingSubscriber('outage-recorder', ['ListingPriceDropped', 'CommentPosted', 'ListingPublished']);

  beforeAll(async () => {
    redis = await startPrivateRedis();
    s = await startWorkerStack('bullmq', { redisUrl: redis.url, worker: { periodicTasks: false }, customize: withSubscriber(recorder) });
  });
  afterAll(async () => {
    await s?.close();
    await redis?.dispose();
  });

  it('loses no API write and, once Redis is back, delivers every event exactly once', async () => {
    const cats = await categoryIds(s.app);
    const listings = [];
    for (let i = 0; i < 3; i++) listings.push(await publishAs(s, 'alice', itemBody(cats, { title: `停机测试 显示器 ${i}`, price: 90_000 })));
    await eventually(() => listings.every((l) => recorder.seen.some((e) => e.type === 'ListingPublished' && e.aggregateId === l.id)));

    await redis.stop();
    const statuses: number[] = [];
    const slowest = { ms: 0 };
    const timed = async (work: () => ReturnType<typeof call>) => {
      const started = Date.now();
      const res = await work();
      slowest.ms = Math.max(slowest.ms, Date.now() - started);
      statuses.push(res.status);
      return res;
    };
    const versions = new Map(listings.map((l) => [l.id, l.version]));
    for (const price of [80_000, 70_000]) {
      for (const l of listings) {
        const res = await timed(() => call(s.app, { method: 'PATCH', url: `/v1/listings/${l.id}`, headers: s.auth('alice'), payload: { version: versions.get(l.id), price } }));
        versions.set(l.id, res.body?.version);
        await timed(() => call(s.app, { method: 'POST', url: `/v1/listings/${l.id}/comments`, headers: s.auth('bob'), payload: { body: `${price / 100} 元还能再少吗` } }));
      }
    }
    expect(statuses.every((status) => status >= 200 && status < 300), `statuses ${statuses.join(',')}`).toBe(true);
    expect(statuses).toHaveLength(12);
    // Writes never wait for Redis: far below the enqueue timeout.
    expect(slowest.ms).toBeLessThan(2000);

    // While Redis is away the relay warns and the events wait in the outbox.
    await eventually(() => s.logs.some((l) => l['msg'] === 'outbox relay cannot reach the queue; events wait in the outbox'));
    const waiting = await s.persistence.outbox.unpublished(100);
    expect(waiting.filter((e) => e.type === 'ListingPriceDropped')).toHaveLength(6);
    expect(waiting.filter((e) => e.type === 'CommentPosted')).toHaveLength(6);
    const expected = waiting.filter((e) => e.type === 'ListingPriceDropped' || e.type === 'CommentPosted').map((e) => e.id);
    expect(recorder.seen.filter((e) => expected.includes(e.id))).toEqual([]);

    await redis.start();
    await eventually(() => expected.every((id) => recorder.seen.some((e) => e.id === id)), 30_000);
    await eventually(async () => (await s.persistence.outbox.unpublished(1)).length === 0);
    await new Promise((r) => setTimeout(r, 300));
    const counts = recorder.counts();
    expect(expected.map((id) => counts.get(id))).toEqual(expected.map(() => 1));
    const drops = recorder.seen.filter((e) => e.type === 'ListingPriceDropped').map((e) => e.payload as { oldPrice: number; newPrice: number });
    expect(drops.map((d) => `${d.oldPrice}→${d.newPrice}`).sort()).toEqual(['80000→70000', '80000→70000', '80000→70000', '90000→80000', '90000→80000', '90000→80000']);
    expect(s.logs.some((l) => l['msg'] === 'outbox relay reaches the queue again')).toBe(true);
  }, 60_000);
});
