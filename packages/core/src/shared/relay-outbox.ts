import type { Clock } from './clock.js';
import type { DomainEvent, Outbox } from './events.js';
import type { IdGenerator } from './ids.js';
import type { EventSubscriber, JobQueue, JobSpec, ReceivedJob } from './jobs.js';

/** The queue the relay feeds: one job per event and interested subscriber. */
export const EVENTS_QUEUE = 'events';

/** An event as it travels through the queue: plain JSON, the time as an ISO string. */
export type EventOnTheWire = Omit<DomainEvent, 'occurredAt'> & { readonly occurredAt: string };

export interface EventJob {
  readonly subscriber: string;
  readonly event: EventOnTheWire;
}

export function eventJobKey(eventId: string, subscriber: string): string {
  return `event:${eventId}:${subscriber}`;
}

export interface RelayOptions {
  /** Events claimed per run. */
  readonly batchSize: number;
  /** How long a claim holds its events; a relay that dies mid-batch lets go after this. */
  readonly leaseMs: number;
}

export interface RelayResult {
  /** Events marked published this run (some may have interested no subscriber). */
  readonly published: number;
  readonly jobs: number;
}

export interface RelayOutboxDeps {
  readonly outbox: Outbox;
  readonly queue: JobQueue;
  readonly subscribers: readonly EventSubscriber[];
  readonly ids: IdGenerator;
  readonly clock: Clock;
  /** Defaults to batches of 200 and a 60 s lease. */
  readonly options?: RelayOptions;
}

/**
 * Moves committed events from the outbox to the queue: claims a batch oldest first, enqueues one job
 * per (event, interested subscriber) keyed `event:<eventId>:<subscriber>`, then marks the batch
 * published. Several relays may run at once: a claim gives each event to one of them, and should a
 * lease run out mid-batch the job keys and idempotent subscribers absorb the second enqueue. When the
 * queue is down, enqueue throws, the claim is let go and the events stay unpublished for the next run.
 * When the database goes away mid-run, whatever the run could not finish (the mark or the let-go) is
 * finished first by the next run, so the events move on as soon as it is back rather than after the lease.
 */
export class RelayOutbox {
  private readonly deps: Required<RelayOutboxDeps>;
  private leftover: { readonly release: string } | { readonly markPublished: readonly string[] } | null = null;

  constructor({ options = { batchSize: 200, leaseMs: 60_000 }, ...deps }: RelayOutboxDeps) {
    this.deps = { ...deps, options };
    const names = deps.subscribers.map((s) => s.name);
    const bad = names.find((n, i) => names.indexOf(n) !== i || !/^[A-Za-z0-9_.-]+$/.test(n));
    if (bad !== undefined)
      throw new Error(`event subscriber names must be unique and made of letters, digits, "_", "." or "-": "${bad}"`);
  }

  async execute(): Promise<RelayResult> {
    const finished = await this.finishLeftover();
    const claim = this.deps.ids.next();
    const events = await this.deps.outbox.claim(
      claim,
      this.deps.options.batchSize,
      this.deps.clock.now(),
      this.deps.options.leaseMs,
    );
    if (events.length === 0) return { published: finished, jobs: 0 };
    const jobs: JobSpec<EventJob>[] = events.flatMap((event) =>
      this.deps.subscribers
        .filter((s) => s.wants(event))
        .map((s) => ({
          queue: EVENTS_QUEUE,
          key: eventJobKey(event.id, s.name),
          payload: { subscriber: s.name, event: onTheWire(event) },
        })),
    );
    try {
      if (jobs.length > 0) await this.deps.queue.enqueue(jobs);
    } catch (error) {
      await this.deps.outbox.release(claim).catch(() => {
        this.leftover = { release: claim };
      });
      throw error;
    }
    const ids = events.map((e) => e.id);
    try {
      await this.deps.outbox.markPublished(ids, this.deps.clock.now());
    } catch (error) {
      // Enqueued already: only the mark is missing. Without this the events would wait out their lease.
      this.leftover = { markPublished: ids };
      throw error;
    }
    return { published: finished + events.length, jobs: jobs.length };
  }

  /**
   * What the last run could not finish because the outbox itself failed (the database went away
   * between claiming and marking): done before anything else, so the events it holds go on as soon
   * as the database is back instead of after their lease. Throws while the database is still away.
   */
  private async finishLeftover(): Promise<number> {
    const leftover = this.leftover;
    if (!leftover) return 0;
    if ('release' in leftover) await this.deps.outbox.release(leftover.release);
    else await this.deps.outbox.markPublished(leftover.markPublished, this.deps.clock.now());
    this.leftover = null;
    return 'release' in leftover ? 0 : leftover.markPublished.length;
  }

  /**
   * For a queue that lives in process memory: the events published within `windowMs` of the last
   * publication go out again, since what the previous process held of them (their event jobs and
   * the jobs those queue, such as fan-out batches and QQ sends) died with it. Safe because every
   * subscriber is idempotent (notification keys, delivery claims); returns how many were replayed.
   */
  replayRecent(windowMs: number): Promise<number> {
    return this.deps.outbox.unpublishRecent(windowMs);
  }
}

export type DispatchOutcome = 'handled' | 'unknown-subscriber';

/** The `events` queue's handler: hands each job's event to the subscriber it was enqueued for. */
export class DispatchEvent {
  private readonly byName: ReadonlyMap<string, EventSubscriber>;

  constructor(subscribers: readonly EventSubscriber[]) {
    this.byName = new Map(subscribers.map((s) => [s.name, s]));
  }

  /** A subscriber that no longer exists (renamed or removed in a deploy) has nothing left to do. */
  async execute(job: ReceivedJob<EventJob>): Promise<DispatchOutcome> {
    const subscriber = this.byName.get(job.payload.subscriber);
    if (!subscriber) return 'unknown-subscriber';
    await subscriber.handle(fromTheWire(job.payload.event));
    return 'handled';
  }
}

export function onTheWire(event: DomainEvent): EventOnTheWire {
  return { ...event, occurredAt: event.occurredAt.toISOString() };
}

export function fromTheWire(event: EventOnTheWire): DomainEvent {
  return { ...event, occurredAt: new Date(event.occurredAt) } as DomainEvent;
}
