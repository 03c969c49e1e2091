import type { DomainEvent, EventSubscriber } from '@xianzhi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, categoryIds, itemBody, publishAs } from './support/http.js';
import { eventually, onQueues, RecordingSubscriber, withSubscriber, type WorkerStack } from './support/queues.js';

/** Fails each event's first delivery: the events consumer must retry it, and only it. */
class FlakySubscriber implements EventSubscriber {
  readonly name = 'flaky-recorder';
  readonly attempts = new Map<string, number>();
  readonly handled: DomainEvent[] = [];
  wants(event: DomainEvent): boolean {
    return event.type === 'CommentPosted';
  }
  async handle(event: DomainEvent): Promise<void> {
    const n = (this.attempts.get(event.id) ?? 0) + 1;
    this.attempts.set(event.id, n);
    if (n === 1) throw new Error('first delivery fails');
    this.handled.push(event);
  }
}

describe('event delivery: API write → outbox → relay → queue → subscriber', () => {
  onQueues((queue, start) => {
    const recorder = new RecordingSubscriber('test-recorder');
    const flaky = new FlakySubscriber();
    let s: WorkerStack;
    let cats: Record<string, string>;
    beforeAll(async () => {
      s = await start({
        worker: { periodicTasks: false },
        customize: (c) => {
          withSubscriber(recorder)(c);
          withSubscriber(flaky)(c);
        },
      });
      cats = await categoryIds(s.app);
    });
    afterAll(async () => {
      await s?.close();
    });

    const outboxDrained = async () => (await s.persistence.outbox.unpublished(1)).length === 0;
    const forListing = (listingId: string) =>
      recorder.seen.filter((e) => (e.payload as { listingId?: string }).listingId === listingId);

    it(`delivers each event of a write to each subscriber exactly once (${queue})`, async () => {
      const d = await publishAs(s, 'alice', itemBody(cats, { title: `投递测试 台灯 ${queue}`, price: 5000 }));
      const comment = await call(s.app, {
        method: 'POST',
        url: `/v1/listings/${d.id}/comments`,
        headers: s.auth('bob'),
        payload: { body: '还在吗' },
      });
      expect(comment.status).toBe(201);
      const edit = await call(s.app, {
        method: 'PATCH',
        url: `/v1/listings/${d.id}`,
        headers: s.auth('alice'),
        payload: { version: d.version, price: 3000 },
      });
      expect(edit.status).toBe(200);

      await eventually(() =>
        ['ListingPublished', 'CommentPosted', 'ListingPriceDropped'].every((t) =>
          forListing(d.id).some((e) => e.type === t),
        ),
      );
      await eventually(outboxDrained);
      const drop = forListing(d.id).find((e) => e.type === 'ListingPriceDropped')!;
      expect(drop.payload).toMatchObject({
        listingId: d.id,
        oldPrice: 5000,
        newPrice: 3000,
        ownerId: s.users.alice.id,
      });
      expect(drop.occurredAt).toBeInstanceOf(Date);
      // Time for a duplicate to show up, were one on its way.
      await new Promise((r) => setTimeout(r, 300));
      const counts = recorder.counts();
      expect(forListing(d.id).map((e) => counts.get(e.id))).toEqual(forListing(d.id).map(() => 1));
    });

    it(`retries a failing subscriber without repeating the delivery to the others (${queue})`, async () => {
      const d = await publishAs(s, 'alice', itemBody(cats, { title: `重试测试 书架 ${queue}` }));
      const comment = await call(s.app, {
        method: 'POST',
        url: `/v1/listings/${d.id}/comments`,
        headers: s.auth('dave'),
        payload: { body: '能便宜点吗' },
      });
      expect(comment.status).toBe(201);
      const posted = () =>
        recorder.seen.find(
          (e) => e.type === 'CommentPosted' && (e.payload as { commentId: string }).commentId === comment.body.id,
        );
      await eventually(() => posted() !== undefined && flaky.handled.some((e) => e.id === posted()!.id), 15_000);
      const id = posted()!.id;
      expect(flaky.attempts.get(id)).toBe(2);
      expect(recorder.counts().get(id)).toBe(1);
      expect(s.logs.find((l) => l['key'] === `event:${id}:flaky-recorder`)).toMatchObject({
        msg: 'job attempt failed; it will be retried',
        queue: 'events',
        attempt: 1,
        err: { message: 'first delivery fails' },
      });
    });

    it(`with a second worker running, every event still reaches a subscriber once (${queue})`, async () => {
      await s.addWorker();
      const listings = [];
      for (let i = 0; i < 6; i++)
        listings.push(
          await publishAs(s, i % 2 ? 'alice' : 'dave', itemBody(cats, { title: `并发投递 ${i} ${queue}` })),
        );
      const expected = listings.map((l) => l.id);
      await eventually(() => expected.every((id) => forListing(id).some((e) => e.type === 'ListingPublished')), 15_000);
      await eventually(outboxDrained);
      await new Promise((r) => setTimeout(r, 300));
      const counts = recorder.counts();
      for (const id of expected) expect(forListing(id).map((e) => counts.get(e.id))).toEqual([1]);
    });
  });
});
