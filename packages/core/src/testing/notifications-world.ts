import type { JobQueue, JobSpec } from '../shared/jobs.js';
import { DeliverNotification } from '../notifications/delivery.js';
import {
  FanOutPriceDrop,
  NOTIFY_DELIVER_QUEUE,
  NOTIFY_FANOUT_QUEUE,
  NotificationRecorder,
  NotificationRules,
  type DeliverJob,
  type FanOutJob,
} from '../notifications/notify.js';
import { SequentialIds } from './builders.js';
import { inMemoryPersistence } from './in-memory.js';
import {
  InMemoryNotificationRepository,
  InMemoryNotificationSources,
  RecordingSubscriptionSender,
} from './in-memory-notifications.js';
import { coreKit, itemInput, type CoreKit } from './kit.js';

/** Keeps jobs in order, drops a key already seen (as the real queues do for recent keys). */
class CollectingQueue implements JobQueue {
  readonly jobs: JobSpec[] = [];
  readonly seen = new Set<string>();
  async enqueue(jobs: readonly JobSpec[]): Promise<void> {
    for (const j of jobs) {
      if (this.seen.has(j.key)) continue;
      this.seen.add(j.key);
      this.jobs.push(j);
    }
  }
}

/**
 * The notification use cases on in-memory adapters, over coreKit's world with one listing of alice's
 * published: `drain` plays the worker (rules, fan-out, delivery) until nothing is left to do.
 */
export async function notificationsWorld() {
  const persistence = inMemoryPersistence();
  const k = await coreKit(persistence);
  const repo = new InMemoryNotificationRepository();
  const sources = new InMemoryNotificationSources(persistence.store);
  const queue = new CollectingQueue();
  const sender = new RecordingSubscriptionSender();
  const recorder = new NotificationRecorder({
    notifications: repo,
    users: k.ports.users,
    queue,
    ids: new SequentialIds('ntf'),
    clock: k.clock,
  });
  const rules = new NotificationRules({
    recorder,
    listings: k.ports.listings,
    comments: k.ports.comments,
    users: k.ports.users,
    queue,
    clock: k.clock,
  });
  const fanOut = new FanOutPriceDrop(sources, recorder, queue, 2);
  const deliver = new DeliverNotification({
    notifications: repo,
    users: k.ports.users,
    sender,
    uow: k.ports.uow,
    clock: k.clock,
  });
  const handled = new Set<string>();
  /** Hands new outbox events to the rules, then runs queued jobs until none is left. */
  async function drain(): Promise<string[]> {
    const results: string[] = [];
    for (const e of await k.ports.outbox.unpublished(1000)) {
      if (handled.has(e.id)) continue;
      handled.add(e.id);
      if (rules.wants(e)) await rules.handle(e);
    }
    while (queue.jobs.length) {
      const job = queue.jobs.shift()!;
      if (job.queue === NOTIFY_FANOUT_QUEUE) await fanOut.execute(job.payload as FanOutJob);
      if (job.queue === NOTIFY_DELIVER_QUEUE) results.push(await deliver.execute(job.payload as DeliverJob));
    }
    return results;
  }
  // Every notice told to the user, one by one: the inbox itself folds comments of a listing (inbox.test.ts).
  const inboxOf = async (userId: string) => repo.noticesOf(userId);
  const published = await k.publish.execute({
    actor: k.actors.alice,
    kind: 'item',
    content: itemInput({ title: '九成新 iPhone 13' }),
  });
  if (!published.ok) throw new Error(published.error.code);
  const listingId = published.value.id;
  const comment = async (actor: CoreKit['actors']['bob'], body: string, replyToCommentId?: string) => {
    const r = await k.postComment.execute({
      actor,
      listingId,
      body,
      ...(replyToCommentId ? { replyToCommentId } : {}),
    });
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  };
  return {
    k,
    persistence,
    repo,
    sources,
    queue,
    sender,
    recorder,
    rules,
    fanOut,
    deliver,
    drain,
    inboxOf,
    listingId,
    comment,
  };
}

export type NotificationsWorld = Awaited<ReturnType<typeof notificationsWorld>>;
