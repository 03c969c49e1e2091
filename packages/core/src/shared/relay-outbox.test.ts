import { describe, expect, it } from 'vitest';
import { inMemoryPersistence, SequentialIds, TestClock } from '../testing/index.js';
import { EventFactory, type DomainEvent, type Outbox } from './events.js';
import type { EventSubscriber, JobQueue, JobSpec, ReceivedJob } from './jobs.js';
import { DispatchEvent, EVENTS_QUEUE, RelayOutbox, type EventJob } from './relay-outbox.js';

const clock = new TestClock();
const events = new EventFactory(new SequentialIds('evt'), clock);
const comment = (listingId: string) =>
  events.create('CommentPosted', `c-${listingId}`, {
    commentId: `c-${listingId}`,
    listingId,
    listingOwnerId: 'owner',
    authorId: 'author',
  });
const favorited = (listingId: string) => events.create('ListingFavorited', listingId, { listingId, userId: 'fan' });

class RecordingQueue implements JobQueue {
  readonly jobs: JobSpec[] = [];
  down = false;
  async enqueue(jobs: readonly JobSpec[]): Promise<void> {
    await Promise.resolve();
    if (this.down) throw new Error('Redis is down');
    this.jobs.push(...jobs);
  }
}

class Recorder implements EventSubscriber {
  readonly seen: DomainEvent[] = [];
  constructor(
    readonly name: string,
    private readonly types: readonly DomainEvent['type'][],
  ) {}
  wants(event: DomainEvent): boolean {
    return this.types.includes(event.type);
  }
  async handle(event: DomainEvent): Promise<void> {
    this.seen.push(event);
  }
}

/** The in-memory outbox, with its database able to go away: every call fails while `down`. */
class OutageOutbox implements Outbox {
  down = false;
  constructor(private readonly inner: Outbox) {}
  private async check(): Promise<void> {
    await Promise.resolve();
    if (this.down) throw new Error('connect ECONNREFUSED');
  }
  append = async (events: readonly DomainEvent[]) => (await this.check(), this.inner.append(events));
  unpublished = async (limit: number) => (await this.check(), this.inner.unpublished(limit));
  markPublished = async (ids: readonly string[], at: Date) => (await this.check(), this.inner.markPublished(ids, at));
  claim = async (claim: string, limit: number, now: Date, leaseMs: number) => (
    await this.check(),
    this.inner.claim(claim, limit, now, leaseMs)
  );
  release = async (claim: string) => (await this.check(), this.inner.release(claim));
  unpublishRecent = async (windowMs: number) => (await this.check(), this.inner.unpublishRecent(windowMs));
}

const setup = (batchSize = 100) => {
  const ports = inMemoryPersistence();
  const queue = new RecordingQueue();
  const notify = new Recorder('notify', ['CommentPosted']);
  const recs = new Recorder('recs', ['CommentPosted', 'ListingFavorited']);
  const relay = new RelayOutbox({
    outbox: ports.outbox,
    queue,
    subscribers: [notify, recs],
    ids: new SequentialIds('claim'),
    clock,
    options: {
      batchSize,
      leaseMs: 60_000,
    },
  });
  return { ports, queue, notify, recs, relay };
};

describe('RelayOutbox', () => {
  it('enqueues one job per event and interested subscriber, keyed by both, then marks the events published', async () => {
    const { ports, queue, relay } = setup();
    const [a, b, c] = [
      comment('L1'),
      favorited('L2'),
      events.create('ListingRenewed', 'L3', { listingId: 'L3', campusId: 'demo', expiresAt: 'x' }),
    ];
    await ports.outbox.append([a, b, c]);
    expect(await relay.execute()).toEqual({ published: 3, jobs: 3 });
    expect(queue.jobs.map((j) => [j.queue, j.key])).toEqual([
      [EVENTS_QUEUE, `event:${a.id}:notify`],
      [EVENTS_QUEUE, `event:${a.id}:recs`],
      [EVENTS_QUEUE, `event:${b.id}:recs`],
    ]);
    expect(queue.jobs[0]!.payload).toEqual({
      subscriber: 'notify',
      event: { ...a, occurredAt: a.occurredAt.toISOString() },
    });
    expect(await ports.outbox.unpublished(10)).toEqual([]);
    expect(await relay.execute()).toEqual({ published: 0, jobs: 0 });
  });

  it('takes the oldest events first, a batch at a time', async () => {
    const { ports, queue, relay } = setup(2);
    const all = ['L1', 'L2', 'L3'].map(comment);
    await ports.outbox.append(all);
    expect(await relay.execute()).toMatchObject({ published: 2 });
    expect((await ports.outbox.unpublished(10)).map((e) => e.id)).toEqual([all[2]!.id]);
    await relay.execute();
    expect([...new Set(queue.jobs.map((j) => (j.payload as EventJob).event.id))]).toEqual(all.map((e) => e.id));
  });

  it('keeps the events unpublished and lets go of them when the queue is down, so the next run sends them', async () => {
    const { ports, queue, relay } = setup();
    const e = comment('L1');
    await ports.outbox.append([e]);
    queue.down = true;
    await expect(relay.execute()).rejects.toThrow('Redis is down');
    expect((await ports.outbox.unpublished(10)).map((x) => x.id)).toEqual([e.id]);
    queue.down = false;
    expect(await relay.execute()).toEqual({ published: 1, jobs: 2 });
  });

  it('marks a batch the database lost between enqueue and mark as soon as it is back, not after the lease', async () => {
    const { ports, queue, notify, recs } = setup();
    const outbox = new OutageOutbox(ports.outbox);
    const relay = new RelayOutbox({ outbox, queue, subscribers: [notify, recs], ids: new SequentialIds('c'), clock });
    const e = comment('L1');
    await ports.outbox.append([e]);
    const markPublished = outbox.markPublished;
    outbox.markPublished = async (ids, at) => {
      outbox.down = true;
      return markPublished(ids, at);
    };
    await expect(relay.execute()).rejects.toThrow('ECONNREFUSED');
    outbox.markPublished = markPublished;
    expect(queue.jobs).toHaveLength(2);
    await expect(relay.execute()).rejects.toThrow('ECONNREFUSED');
    outbox.down = false;
    // Still within the lease: only the remembered mark can publish it.
    expect(await relay.execute()).toEqual({ published: 1, jobs: 0 });
    expect(await ports.outbox.unpublished(10)).toEqual([]);
    expect(queue.jobs).toHaveLength(2);
  });

  it('lets go of a claim the database lost while the queue was down too, as soon as the database is back', async () => {
    const { ports, queue, notify, recs } = setup();
    const outbox = new OutageOutbox(ports.outbox);
    const relay = new RelayOutbox({ outbox, queue, subscribers: [notify, recs], ids: new SequentialIds('c'), clock });
    await ports.outbox.append([comment('L1')]);
    queue.down = true;
    const enqueue = queue.enqueue.bind(queue);
    queue.enqueue = async (jobs) => {
      outbox.down = true;
      return enqueue(jobs);
    };
    await expect(relay.execute()).rejects.toThrow('Redis is down');
    queue.enqueue = enqueue;
    queue.down = false;
    outbox.down = false;
    expect(await relay.execute()).toEqual({ published: 1, jobs: 2 });
  });

  it('two relays at once hand each event on once', async () => {
    const { ports, queue, notify, recs } = setup();
    const relays = [1, 2].map(
      (n) =>
        new RelayOutbox({
          outbox: ports.outbox,
          queue,
          subscribers: [notify, recs],
          ids: new SequentialIds(`claim${n}`),
          clock,
          options: {
            batchSize: 3,
            leaseMs: 60_000,
          },
        }),
    );
    await ports.outbox.append(Array.from({ length: 20 }, (_, i) => comment(`L${i}`)));
    const drain = async (relay: RelayOutbox) => {
      while ((await relay.execute()).published > 0) {
        /* next batch */
      }
    };
    await Promise.all(relays.map(drain));
    const keys = queue.jobs.map((j) => j.key);
    expect(keys).toHaveLength(40);
    expect(new Set(keys).size).toBe(40);
  });

  it('refuses subscriber names that would make ambiguous job keys', () => {
    const { ports, queue } = setup();
    const make =
      (...names: string[]) =>
      () =>
        new RelayOutbox({
          outbox: ports.outbox,
          queue,
          subscribers: names.map((n) => new Recorder(n, [])),
          ids: new SequentialIds(),
          clock,
        });
    expect(make('a', 'a')).toThrow(/unique/);
    expect(make('has space')).toThrow(/letters/);
    expect(make('a:b')).toThrow(/letters/);
    expect(make('notify', 'search-index')).not.toThrow();
  });
});

describe('DispatchEvent', () => {
  it('hands the event, with its time as a Date again, to the subscriber the job names', async () => {
    const notify = new Recorder('notify', ['CommentPosted']);
    const other = new Recorder('other', ['CommentPosted']);
    const e = comment('L1');
    const job: ReceivedJob<EventJob> = {
      queue: EVENTS_QUEUE,
      key: `event:${e.id}:notify`,
      attempt: 1,
      payload: JSON.parse(JSON.stringify({ subscriber: 'notify', event: e })) as EventJob,
    };
    expect(await new DispatchEvent([other, notify]).execute(job)).toBe('handled');
    expect(notify.seen).toEqual([e]);
    expect(other.seen).toEqual([]);
  });

  it('drops a job for a subscriber that no longer exists, and lets a failing subscriber throw for a retry', async () => {
    const e = comment('L1');
    const job = (subscriber: string): ReceivedJob<EventJob> => ({
      queue: EVENTS_QUEUE,
      key: 'k',
      attempt: 1,
      payload: { subscriber, event: { ...e, occurredAt: e.occurredAt.toISOString() } },
    });
    expect(await new DispatchEvent([]).execute(job('gone'))).toBe('unknown-subscriber');
    const failing: EventSubscriber = {
      name: 'flaky',
      wants: () => true,
      handle: async () => {
        throw new Error('try later');
      },
    };
    await expect(new DispatchEvent([failing]).execute(job('flaky'))).rejects.toThrow('try later');
  });
});
