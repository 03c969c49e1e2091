import { InProcessJobQueue } from '@xianzhi/adapters';
import type { ConsumerOptions, JobHandler, RunningConsumer } from '@xianzhi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeQqServer } from '../../adapters/src/qq/fake-qq-server.js';
import { Background, type QueueBackend } from '../src/composition/background-tokens.js';
import { NOTIFY_DELIVER_QUEUE, NOTIFY_FANOUT_QUEUE } from '@xianzhi/core';
import { demoOpenId } from '../src/seed/demo-world.js';
import { call, categoryIds, itemBody, publishAs } from './support/http.js';
import { eventually, startWorkerStack, type WorkerStack } from './support/queues.js';
import type { Student } from './support/stack.js';

const TEMPLATES = { XZ_QQ_TEMPLATE_COMMENT: 'TPL-COMMENT', XZ_QQ_TEMPLATE_PRICE_DROP: 'TPL-PRICE' };

/**
 * The in-process queue whose consumers of some queues never take a job: what it holds for them is
 * only in this process's memory, and stopping it drops that memory as a crash of the embedded
 * server would.
 */
class DoomedQueue extends InProcessJobQueue {
  constructor(private readonly frozen: (queue: string) => boolean) {
    super();
  }

  override async consume<P>(queue: string, handler: JobHandler<P>, options: ConsumerOptions): Promise<RunningConsumer> {
    if (this.frozen(queue)) return { close: async () => {} };
    return super.consume(queue, handler, options);
  }
}

/**
 * Embedded mode keeps its jobs in memory, and the relay marks events published once their jobs are
 * queued there. A server that dies with jobs waiting (event jobs, price-drop fan-out batches, QQ
 * sends) must not lose a notification: the next worker on the same database delivers every one of
 * them, exactly once.
 */
describe('embedded worker crash (in-process queue)', () => {
  const fake = new FakeQqServer();
  beforeAll(async () => {
    await fake.start();
  });
  afterAll(() => fake.stop());

  const cases: { name: string; frozen: (queue: string) => boolean; eventsRanBeforeCrash: boolean }[] = [
    { name: 'the event jobs were still waiting', frozen: () => true, eventsRanBeforeCrash: false },
    {
      name: 'the events were handled but their fan-out batches and QQ sends were still waiting',
      frozen: (q) => q === NOTIFY_FANOUT_QUEUE || q === NOTIFY_DELIVER_QUEUE,
      eventsRanBeforeCrash: true,
    },
  ];

  for (const c of cases) {
    describe(`when ${c.name}`, () => {
      let s: WorkerStack;
      let containers = 0;
      beforeAll(async () => {
        s = await startWorkerStack('in-process', {
          env: {
            XZ_QQ_APP_ID: fake.appId,
            XZ_QQ_APP_SECRET: fake.appSecret,
            XZ_QQ_API_BASE: fake.baseUrl,
            ...TEMPLATES,
          },
          startWorker: false,
          customize: (container) => {
            // The first container is the server that will die; later ones are the restarted server.
            if (containers++ > 0) return;
            const queue = new DoomedQueue(c.frozen);
            const backend: QueueBackend = {
              kind: 'in-process',
              queue,
              consumers: queue,
              takeTaskLease: async () => true,
              counts: async () => new Map(),
              close: () => queue.close(),
            };
            container.rebind(Background.Backend).toConstantValue(backend);
          },
        });
        await s.startWorker();
      }, 60_000);
      afterAll(() => s?.close());

      const about = async (who: Student, listingId: string) => {
        const res = await call(s.app, { method: 'GET', url: '/v1/me/notifications?limit=50', headers: s.auth(who) });
        return (res.body.items as { kind: string; listingId: string | null }[]).filter(
          (n) => n.listingId === listingId,
        );
      };
      const sent = (who: Student, listingId: string) =>
        fake.deliveredMessages.filter(
          (m) => m.touser === demoOpenId(who) && m.page === `pages/detail/index?id=${listingId}`,
        );

      it('a new worker on the same database delivers every notification exactly once', async () => {
        const cats = await categoryIds(s.app);
        const listing = await publishAs(
          s,
          'alice',
          itemBody(cats, { title: `崩溃 台灯 ${c.eventsRanBeforeCrash}`, price: 30_000, originalPrice: null }),
        );
        for (const who of ['bob', 'carol', 'dave'] as const) {
          expect(
            (await call(s.app, { method: 'PUT', url: `/v1/listings/${listing.id}/favorite`, headers: s.auth(who) }))
              .status,
          ).toBe(200);
        }
        for (const [who, template] of [
          ['alice', 'TPL-COMMENT'],
          ['carol', 'TPL-PRICE'],
          ['dave', 'TPL-PRICE'],
        ] as const) {
          expect(
            (
              await call(s.app, {
                method: 'POST',
                url: '/v1/me/notification-consents',
                headers: s.auth(who),
                payload: { templateIds: [template] },
              })
            ).status,
          ).toBe(200);
        }
        const comment = await call(s.app, {
          method: 'POST',
          url: `/v1/listings/${listing.id}/comments`,
          headers: s.auth('bob'),
          payload: { body: '还在吗？' },
        });
        expect(comment.status).toBe(201);
        const edit = await call(s.app, {
          method: 'PATCH',
          url: `/v1/listings/${listing.id}`,
          headers: s.auth('alice'),
          payload: { version: listing.version, price: 25_000 },
        });
        expect(edit.status, JSON.stringify(edit.body)).toBe(200);

        // The relay has published every event into the doomed process's memory.
        await eventually(async () => (await s.persistence.outbox.unpublished(1)).length === 0);
        if (c.eventsRanBeforeCrash) await eventually(async () => (await about('alice', listing.id)).length === 1);
        await new Promise((r) => setTimeout(r, 300));
        expect(await about('bob', listing.id)).toEqual([]);
        expect(sent('alice', listing.id)).toEqual([]);

        await s.stopWorker();
        await s.addWorker();

        const favoriters = ['bob', 'carol', 'dave'] as const;
        await eventually(async () => {
          for (const who of favoriters) if ((await about(who, listing.id)).length !== 1) return false;
          return (
            (await about('alice', listing.id)).length === 1 &&
            sent('alice', listing.id).length === 1 &&
            sent('carol', listing.id).length === 1 &&
            sent('dave', listing.id).length === 1
          );
        }, 15_000);
        // Time for a duplicate to show up, were one on its way.
        await new Promise((r) => setTimeout(r, 500));
        expect((await about('alice', listing.id)).map((n) => n.kind)).toEqual(['comment']);
        for (const who of favoriters) expect((await about(who, listing.id)).map((n) => n.kind)).toEqual(['price_drop']);
        expect(sent('alice', listing.id).map((m) => m.template_id)).toEqual(['TPL-COMMENT']);
        expect(sent('carol', listing.id).map((m) => m.template_id)).toEqual(['TPL-PRICE']);
        expect(sent('dave', listing.id).map((m) => m.template_id)).toEqual(['TPL-PRICE']);
        expect(sent('bob', listing.id)).toEqual([]);
      });
    });
  }
});
