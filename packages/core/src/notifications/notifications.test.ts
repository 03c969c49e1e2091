import { beforeEach, describe, expect, it } from 'vitest';
import { coreKit, itemInput, type CoreKit } from '../testing/kit.js';
import {
  InMemoryNotificationRepository,
  InMemoryNotificationSources,
  RecordingSubscriptionSender,
} from '../testing/in-memory-notifications.js';
import { SequentialIds } from '../testing/builders.js';
import { inMemoryPersistence } from '../testing/in-memory.js';
import { RetryJobLater, type JobQueue, type JobSpec } from '../shared/jobs.js';
import { DeliverNotification, BuryDelivery, RedeliverPending, SweepDeliveryLeases } from './delivery.js';
import {
  CountUnreadNotifications,
  GetNotificationSettings,
  ListDeadLetters,
  ListMyNotifications,
  MarkAllNotificationsRead,
  MarkNotificationRead,
  RecordNotificationConsents,
  RetryDeadLetter,
  UpdateNotificationSettings,
} from './inbox.js';
import {
  FanOutPriceDrop,
  NOTIFY_DELIVER_QUEUE,
  NOTIFY_FANOUT_QUEUE,
  NotificationRecorder,
  NotificationRules,
  NotifyExpiringListings,
  type DeliverJob,
  type FanOutJob,
} from './notify.js';
import { SendOutcomeUnknown } from './ports.js';
import { matchWords, shareWords } from './words.js';
import { aUser } from '../testing/builders.js';
import { LifecycleDeps } from '../listings/lifecycle.js';
import { HIDDEN_BY_REPORTS_REASON } from '../moderation/report-content.js';
import type { ListingStatusChanged } from '../shared/events.js';
import type { Notification } from './notification.js';
import { reviewNoticeRule } from './rules.js';

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

async function world() {
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
  const inboxOf = async (userId: string) => repo.inbox(userId, null, 100);
  return { k, repo, sources, queue, sender, recorder, rules, fanOut, deliver, drain, inboxOf };
}

type World = Awaited<ReturnType<typeof world>>;
let w: World;
let k: CoreKit;
let listingId: string;

beforeEach(async () => {
  w = await world();
  k = w.k;
  const r = await k.publish.execute({
    actor: k.actors.alice,
    kind: 'item',
    content: itemInput({ title: '九成新 iPhone 13' }),
  });
  if (!r.ok) throw new Error(r.error.code);
  listingId = r.value.id;
});

const comment = async (actor: CoreKit['actors']['bob'], body: string, replyToCommentId?: string) => {
  const r = await k.postComment.execute({ actor, listingId, body, ...(replyToCommentId ? { replyToCommentId } : {}) });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};

describe('rules: who is told what', () => {
  it('tells the owner of a new comment, never the commenter about their own', async () => {
    await comment(k.actors.bob, '还在吗？能便宜点吗');
    await comment(k.actors.alice, '在的');
    await w.drain();
    const inbox = await w.inboxOf('alice');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      recipientId: 'alice',
      kind: 'comment',
      listingId,
      campusId: 'demo',
      readAt: null,
      data: { listingTitle: '九成新 iPhone 13', actorNickname: '鲍勃', excerpt: '还在吗？能便宜点吗' },
    });
    expect(await w.inboxOf('bob')).toEqual([]);
  });

  it('tells whom a reply answers, and the owner when that is someone else', async () => {
    const top = await comment(k.actors.bob, '多少钱');
    await k.ports.users.save(aUser({ id: 'dave', nickname: '戴夫' }));
    const dave = k.as((await k.ports.users.byId('dave'))!);
    await comment(dave, '我也想要', top.id);
    await w.drain();
    expect((await w.inboxOf('bob')).map((n) => [n.kind, n.data['actorNickname']])).toEqual([['reply', '戴夫']]);
    expect((await w.inboxOf('alice')).map((n) => n.kind).sort()).toEqual(['comment', 'comment']);
    expect(await w.inboxOf('dave')).toEqual([]);
    // The owner answering bob: bob hears it, the owner does not hear of their own reply.
    await comment(k.actors.alice, '250 不刀', top.id);
    await w.drain();
    expect((await w.inboxOf('bob')).map((n) => n.kind)).toEqual(['reply', 'reply']);
    expect(await w.inboxOf('alice')).toHaveLength(2);
  });

  it('fans a price drop out to every favoriter in keyed batches, with old and new price, once', async () => {
    const fans = ['f1', 'f2', 'f3', 'f4', 'f5'];
    for (const id of fans) {
      await k.ports.users.save(aUser({ id }));
      await k.setFavorite.execute({ actor: k.as((await k.ports.users.byId(id))!), listingId, favorited: true });
    }
    const edit = await k.edit.execute({ actor: k.actors.alice, listingId, version: 1, changes: { price: 200_000 } });
    expect(edit.ok).toBe(true);
    await w.drain();
    const dropId = (await k.ports.outbox.unpublished(100)).find((e) => e.type === 'ListingPriceDropped')!.id;
    expect([...w.queue.seen].filter((key) => key.startsWith('fanout:'))).toEqual([
      `fanout:${dropId}:start`,
      `fanout:${dropId}:f2`,
      `fanout:${dropId}:f4`,
    ]);
    for (const id of fans) {
      const inbox = await w.inboxOf(id);
      expect(inbox).toHaveLength(1);
      expect(inbox[0]).toMatchObject({
        kind: 'price_drop',
        data: { oldPrice: 250_000, newPrice: 200_000, listingTitle: '九成新 iPhone 13' },
      });
    }
    // A re-run of every batch (a crashed worker's jobs run again) creates nothing new.
    const drop = (await k.ports.outbox.unpublished(100)).find((e) => e.type === 'ListingPriceDropped')!;
    w.queue.seen.clear();
    await w.rules.handle(drop);
    await w.drain();
    for (const id of fans) expect(await w.inboxOf(id)).toHaveLength(1);
  });

  it('tells a wanter when a new listing fits: same category, a word in common, within budget or 面议', async () => {
    const want = async (title: string, price: number | null, categoryId = 'demo-phones') => {
      const r = await k.publish.execute({
        actor: k.actors.bob,
        kind: 'wanted',
        content: { title, description: '求', price, categoryId, tradeMethods: ['face_to_face'] },
      });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    };
    await w.drain();
    await want('求购 iphone 手机', 300_000);
    await want('求购 iPhone 电脑', null, 'demo-computers');
    await w.drain();
    const fits = await k.publish.execute({
      actor: k.actors.alice,
      kind: 'item',
      content: itemInput({ title: 'iPhone 12 蓝色', price: 280_000 }),
    });
    const tooDear = await k.publish.execute({
      actor: k.actors.alice,
      kind: 'item',
      content: itemInput({ title: 'iPhone 14 Pro', price: 500_000, originalPrice: null }),
    });
    const noWords = await k.publish.execute({
      actor: k.actors.alice,
      kind: 'item',
      content: itemInput({ title: '华为 Mate', price: 100_000 }),
    });
    const negotiable = await k.publish.execute({
      actor: k.actors.alice,
      kind: 'item',
      content: itemInput({ title: 'iPhone 转接头', price: 900_000, originalPrice: null, categoryId: 'demo-computers' }),
    });
    for (const r of [fits, tooDear, noWords, negotiable]) expect(r.ok ? 'ok' : JSON.stringify(r.error)).toBe('ok');
    await w.drain();
    const inbox = await w.inboxOf('bob');
    expect(inbox.map((n) => n.data['listingTitle'])).toEqual(['iPhone 转接头', 'iPhone 12 蓝色']);
    expect(inbox[1]).toMatchObject({ kind: 'wanted_match', data: { price: 280_000, wantedTitle: '求购 iphone 手机' } });
    // Her own wanted post never matches her own listing.
    expect(await w.inboxOf('alice')).toEqual([]);
  });

  it('matches CJK words by character pairs and ignores filler words', () => {
    expect(shareWords('求购二手自行车', '捷安特自行车 九成新')).toBe(true);
    expect(shareWords('求购 二手 台灯', '二手 书桌')).toBe(false);
    expect(shareWords('高数 教材', '同济高数第七版')).toBe(true);
    expect([...matchWords('MacBook Air M1')].sort()).toEqual(['air', 'm1', 'macbook']);
  });

  it('tells the owner why an admin removed the listing', async () => {
    const r = await k.remove.execute({ actor: k.actors.admin, listingId, reason: '疑似虚假信息' });
    expect(r.ok).toBe(true);
    await k.withdraw.execute({ actor: k.actors.alice, listingId });
    await w.drain();
    expect((await w.inboxOf('alice')).map((n) => [n.kind, n.data['reason']])).toEqual([['removed', '疑似虚假信息']]);
  });

  it('tells the owner in the inbox when reports hide the listing and when an admin restores it', async () => {
    const lifecycle = new LifecycleDeps({
      listings: k.ports.listings,
      outbox: k.ports.outbox,
      uow: k.ports.uow,
      clock: k.clock,
      events: k.events,
    });
    const listing = (await k.ports.listings.byId(listingId))!;
    expect(listing.hide(k.clock.now()).ok).toBe(true);
    await lifecycle.record(listing, 'active', HIDDEN_BY_REPORTS_REASON, null);
    await w.repo.grantConsents('alice', 'removed', 5, 50, k.clock.now());
    expect(await w.drain()).toEqual(['skipped:no_template']);
    k.clock.advance(60_000);
    expect(listing.unhide('reserved', k.clock.now()).ok).toBe(true);
    await lifecycle.record(listing, 'hidden', null, 'adm-campus');
    expect(await w.drain()).toEqual(['skipped:no_template']);
    expect((await w.inboxOf('alice')).map((n) => [n.kind, n.listingId, n.data['listingTitle']])).toEqual([
      ['restored', listingId, '九成新 iPhone 13'],
      ['hidden', listingId, '九成新 iPhone 13'],
    ]);
    // Inbox only: nothing went to QQ, and no consent of any kind was spent on them.
    expect(w.sender.sent).toEqual([]);
    expect((await w.repo.consentBalances('alice'))['removed']).toBe(5);
  });

  it('tells of a hide whoever did it, of a return only from hidden and by someone other than the owner', () => {
    const changed = (from: string, to: string, by: string | null): ListingStatusChanged =>
      ({
        id: `ev-${from}-${to}-${by}`,
        type: 'ListingStatusChanged',
        aggregateId: 'l1',
        occurredAt: new Date(0),
        payload: { listingId: 'l1', campusId: 'c1', ownerId: 'alice', from, to, reason: null, by },
      }) as ListingStatusChanged;
    const kinds = (e: ListingStatusChanged) =>
      reviewNoticeRule(e, '台灯').map((d) => [d.kind, d.recipientId, d.eventKey]);
    expect(kinds(changed('reserved', 'hidden', null))).toEqual([['hidden', 'alice', 'ev-reserved-hidden-null']]);
    expect(kinds(changed('hidden', 'active', 'adm-1'))).toEqual([['restored', 'alice', 'ev-hidden-active-adm-1']]);
    expect(kinds(changed('hidden', 'reserved', 'adm-1'))).toEqual([['restored', 'alice', 'ev-hidden-reserved-adm-1']]);
    expect(kinds(changed('hidden', 'active', null))).toEqual([]);
    expect(kinds(changed('hidden', 'active', 'alice'))).toEqual([]);
    expect(kinds(changed('hidden', 'removed', 'adm-1'))).toEqual([]);
    expect(kinds(changed('active', 'reserved', 'alice'))).toEqual([]);
    expect(kinds(changed('reserved', 'active', 'adm-1'))).toEqual([]);
  });

  it('tells an owner once per expiry time when the listing ends within a day', async () => {
    const expiring = new NotifyExpiringListings(w.sources, w.recorder, k.clock);
    expect((await expiring.execute()).considered).toBe(0);
    const listing = (await k.ports.listings.byId(listingId))!;
    k.clock.set(new Date(listing.expiresAt.getTime() - 23 * 3600_000));
    await expiring.execute();
    k.clock.advance(3600_000);
    await expiring.execute();
    await w.drain();
    const inbox = await w.inboxOf('alice');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ kind: 'expiring', data: { expiresAt: listing.expiresAt.toISOString() } });
    expect(inbox[0]!.key).toBe(`expiring-${listingId}-${listing.expiresAt.getTime()}:alice`);
  });
});

describe('QQ delivery', () => {
  const commentOnce = async (body = '在吗') => {
    await comment(k.actors.bob, body);
    return w.drain();
  };
  const onlyDelivery = async (userId = 'alice') => w.repo.delivery((await w.inboxOf(userId))[0]!.id);

  it('keeps a notification in the inbox only when there is no consent', async () => {
    expect(await commentOnce()).toEqual(['skipped:no_consent']);
    expect(w.sender.sent).toEqual([]);
    expect(await onlyDelivery()).toMatchObject({ state: 'skipped', reason: 'no_consent' });
  });

  it('sends with a consent, spends it, and sends each notification once however often its job runs', async () => {
    await w.repo.grantConsents('alice', 'comment', 2, 50, k.clock.now());
    expect(await commentOnce()).toEqual(['sent']);
    expect(w.sender.sent).toEqual([
      {
        openId: 'OPENID-ALICE',
        kind: 'comment',
        page: `pages/detail/index?id=${listingId}`,
        fields: ['九成新 iPhone 13', '鲍勃：在吗'],
      },
    ]);
    expect((await w.repo.consentBalances('alice'))['comment']).toBe(1);
    const id = (await w.inboxOf('alice'))[0]!.id;
    expect(
      await Promise.all([w.deliver.execute({ notificationId: id }), w.deliver.execute({ notificationId: id })]),
    ).toEqual(['not_pending', 'not_pending']);
    expect(w.sender.sent).toHaveLength(1);
  });

  it('lets two racing workers send a fresh delivery exactly once', async () => {
    await w.repo.grantConsents('alice', 'comment', 5, 50, k.clock.now());
    await comment(k.actors.bob, '在吗');
    for (const e of await k.ports.outbox.unpublished(100)) if (w.rules.wants(e)) await w.rules.handle(e);
    const id = (await w.inboxOf('alice'))[0]!.id;
    const results = await Promise.all([1, 2, 3].map(() => w.deliver.execute({ notificationId: id })));
    expect(results.filter((r) => r === 'sent')).toHaveLength(1);
    expect(w.sender.sent).toHaveLength(1);
    expect((await w.repo.consentBalances('alice'))['comment']).toBe(4);
  });

  it('tells a banned user only what moderation did, in the inbox and never on QQ', async () => {
    const ban = async (id: string) => {
      const user = (await k.ports.users.byId(id))!;
      user.status = 'banned';
      await k.ports.users.save(user);
    };
    await w.repo.grantConsents('alice', 'comment', 5, 50, k.clock.now());
    await w.repo.grantConsents('alice', 'removed', 5, 50, k.clock.now());
    await ban('alice');
    expect(await commentOnce('还在吗')).toEqual([]);
    expect(await w.inboxOf('alice')).toEqual([]);
    expect((await k.remove.execute({ actor: k.actors.admin, listingId, reason: '违规引流' })).ok).toBe(true);
    expect(await w.drain()).toEqual(['skipped:banned']);
    expect((await w.inboxOf('alice')).map((n) => [n.kind, n.data['reason']])).toEqual([['removed', '违规引流']]);
    expect(w.sender.sent).toEqual([]);
    expect(await w.repo.consentBalances('alice')).toEqual({ comment: 5, removed: 5 });
  });

  it('skips the QQ message of a recipient banned after the notification was stored, keeping it in the inbox', async () => {
    await w.repo.grantConsents('alice', 'comment', 5, 50, k.clock.now());
    await comment(k.actors.bob, '在吗');
    for (const e of await k.ports.outbox.unpublished(100)) if (w.rules.wants(e)) await w.rules.handle(e);
    const alice = (await k.ports.users.byId('alice'))!;
    alice.status = 'banned';
    await k.ports.users.save(alice);
    expect(await w.drain()).toEqual(['skipped:banned']);
    expect(await onlyDelivery()).toMatchObject({ state: 'skipped', reason: 'banned' });
    expect(w.sender.sent).toEqual([]);
    expect((await w.repo.consentBalances('alice'))['comment']).toBe(5);
  });

  it('skips muted kinds without spending a consent', async () => {
    await w.repo.grantConsents('alice', 'comment', 1, 50, k.clock.now());
    await w.repo.setMutedKinds('alice', ['comment']);
    expect(await commentOnce()).toEqual(['skipped:muted']);
    expect((await w.repo.consentBalances('alice'))['comment']).toBe(1);
    expect(await w.inboxOf('alice')).toHaveLength(1);
  });

  it('sends at most one comment message per user and listing per hour', async () => {
    await w.repo.grantConsents('alice', 'comment', 5, 50, k.clock.now());
    expect(await commentOnce('一')).toEqual(['sent']);
    k.clock.advance(30 * 60_000);
    expect(await commentOnce('二')).toEqual(['skipped:rate_limited']);
    k.clock.advance(31 * 60_000);
    expect(await commentOnce('三')).toEqual(['sent']);
    expect(w.sender.sent.map((m) => m.fields[1])).toEqual(['鲍勃：一', '鲍勃：三']);
    expect((await w.repo.consentBalances('alice'))['comment']).toBe(3);
    expect(await w.inboxOf('alice')).toHaveLength(3);
  });

  it('zeroes the consent when QQ says it is gone, and stops at the quota', async () => {
    await w.repo.grantConsents('alice', 'comment', 5, 50, k.clock.now());
    w.sender.answer('consent_revoked');
    expect(await commentOnce()).toEqual(['skipped:consent_revoked']);
    expect((await w.repo.consentBalances('alice'))['comment']).toBe(0);
    await w.repo.grantConsents('alice', 'comment', 1, 50, k.clock.now());
    k.clock.advance(2 * 3600_000);
    w.sender.answer('quota_exceeded');
    expect(await commentOnce()).toEqual(['skipped:quota']);
  });

  it('gives the delivery back on a failure, retries without spending again, and buries it when attempts run out', async () => {
    await w.repo.grantConsents('alice', 'comment', 1, 50, k.clock.now());
    w.sender.answer(new RetryJobLater(2000, 'QQ 41030'), new Error('QQ 40037'));
    await expect(commentOnce()).rejects.toBeInstanceOf(RetryJobLater);
    const id = (await w.inboxOf('alice'))[0]!.id;
    expect(await w.repo.delivery(id)).toMatchObject({ state: 'pending', prepared: true, attempts: 1 });
    await expect(w.deliver.execute({ notificationId: id })).rejects.toThrow('QQ 40037');
    expect((await w.repo.consentBalances('alice'))['comment']).toBe(0);
    expect(await w.deliver.execute({ notificationId: id })).toBe('sent');
    expect(w.sender.sent).toHaveLength(1);

    await k.clock.advance(2 * 3600_000);
    await w.repo.grantConsents('alice', 'comment', 1, 50, k.clock.now());
    w.sender.answer(new Error('QQ 47001'));
    await expect(commentOnce()).rejects.toThrow('47001');
    const second = (await w.inboxOf('alice'))[0]!.id;
    expect(
      await new BuryDelivery(w.repo, k.clock).execute({ notificationId: second, error: new Error('QQ 47001') }),
    ).toBe(true);
    expect(await w.repo.delivery(second)).toMatchObject({ state: 'dead', lastError: 'Error: QQ 47001' });
  });

  it('never resends when the outcome is unknown: a timeout or a worker that died mid-send', async () => {
    await w.repo.grantConsents('alice', 'comment', 5, 50, k.clock.now());
    w.sender.answer(new SendOutcomeUnknown('timeout'));
    expect(await commentOnce()).toEqual(['unknown']);
    const first = (await w.inboxOf('alice'))[0]!.id;
    expect((await w.repo.delivery(first))!.state).toBe('unknown');
    expect(await w.deliver.execute({ notificationId: first })).toBe('not_pending');

    k.clock.advance(2 * 3600_000);
    await comment(k.actors.bob, '再问一次');
    for (const e of await k.ports.outbox.unpublished(100)) if (w.rules.wants(e)) await w.rules.handle(e);
    const second = (await w.inboxOf('alice'))[0]!.id;
    // The worker claimed it, started the request and died: no finish ever comes.
    expect(await w.repo.claim(second, k.clock.now(), new Date(k.clock.now().getTime() + 60_000))).toBe(true);
    await w.repo.markRequested(second);
    expect(await w.deliver.execute({ notificationId: second })).toBe('not_pending');
    k.clock.advance(61_000);
    const sweep = new SweepDeliveryLeases(w.repo, w.queue, k.clock);
    expect(await sweep.execute()).toEqual({ retried: 0, unknown: 1 });
    expect(await w.deliver.execute({ notificationId: second })).toBe('not_pending');
    expect(w.sender.sent).toEqual([]);

    // A worker that died after its claim but before the request: surely nothing sent, so it goes again.
    k.clock.advance(2 * 3600_000);
    await comment(k.actors.bob, '第三次');
    for (const e of await k.ports.outbox.unpublished(100)) if (w.rules.wants(e)) await w.rules.handle(e);
    w.queue.jobs.length = 0;
    const third = (await w.inboxOf('alice'))[0]!.id;
    expect(await w.repo.claim(third, k.clock.now(), new Date(k.clock.now().getTime() + 60_000))).toBe(true);
    k.clock.advance(61_000);
    expect(await sweep.execute()).toEqual({ retried: 1, unknown: 0 });
    expect(await w.drain()).toEqual(['sent']);
    expect(w.sender.sent.map((m) => m.fields[1])).toEqual(['鲍勃：第三次']);
  });
});

describe('inbox, settings and dead letters', () => {
  let mine: Notification[];
  beforeEach(async () => {
    await comment(k.actors.bob, '一');
    await comment(k.actors.bob, '二');
    await w.drain();
    mine = await w.inboxOf('alice');
  });

  it("pages my notifications newest first, counts and marks read; another user's id is not found", async () => {
    const list = new ListMyNotifications(w.repo);
    const page = await list.execute({ actor: k.actors.alice, limit: 1 });
    if (!page.ok) throw new Error();
    expect(page.value.items.map((n) => n.data['excerpt'])).toEqual(['二']);
    const next = await list.execute({ actor: k.actors.alice, limit: 1, cursor: page.value.nextCursor! });
    expect(next.ok && next.value.items.map((n) => n.data['excerpt'])).toEqual(['一']);
    expect(next.ok && next.value.nextCursor).toBeNull();
    expect((await list.execute({ actor: k.actors.alice, cursor: 'bad!' })).ok).toBe(false);
    expect(await list.execute({ actor: k.actors.bob })).toEqual({ ok: true, value: { items: [], nextCursor: null } });
    expect((await list.execute({ actor: k.anonymous })).ok).toBe(false);

    const count = new CountUnreadNotifications(w.repo);
    const read = new MarkNotificationRead(w.repo, k.clock);
    expect(await count.execute({ actor: k.actors.alice })).toEqual({ ok: true, value: { unread: 2 } });
    const stolen = await read.execute({ actor: k.actors.bob, notificationId: mine[0]!.id });
    expect(!stolen.ok && stolen.error.code).toBe('NOTIFICATION_NOT_FOUND');
    expect((await read.execute({ actor: k.actors.alice, notificationId: mine[0]!.id })).ok).toBe(true);
    expect(await count.execute({ actor: k.actors.alice })).toEqual({ ok: true, value: { unread: 1 } });
    expect(await new MarkAllNotificationsRead(w.repo, k.clock).execute({ actor: k.actors.alice })).toEqual({
      ok: true,
      value: { marked: 1 },
    });
    expect(await count.execute({ actor: k.actors.alice })).toEqual({ ok: true, value: { unread: 0 } });
  });

  it('mutes kinds, refuses unknown ones, and counts reported consents up to a cap', async () => {
    const update = new UpdateNotificationSettings(w.repo);
    expect(await update.execute({ actor: k.actors.alice, muted: ['price_drop', 'comment'] })).toEqual({
      ok: true,
      value: { muted: ['comment', 'price_drop'], consents: {} },
    });
    const bad = await update.execute({ actor: k.actors.alice, muted: ['spam'] });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION_FAILED');
    // Review notices are inbox-only: there is no QQ message to mute.
    const fixed = await update.execute({ actor: k.actors.alice, muted: ['comment', 'hidden'] });
    expect(!fixed.ok && fixed.error.code).toBe('VALIDATION_FAILED');
    expect((await w.repo.mutedKinds('alice')).sort()).toEqual(['comment', 'price_drop']);
    const consents = new RecordNotificationConsents(w.repo, k.clock);
    for (let i = 0; i < 60; i++) await consents.execute({ actor: k.actors.alice, kinds: ['reply', 'reply'] });
    expect(await new GetNotificationSettings(w.repo).execute({ actor: k.actors.alice })).toEqual({
      ok: true,
      value: { muted: ['comment', 'price_drop'], consents: { reply: RecordNotificationConsents.CAP } },
    });
    expect((await consents.execute({ actor: k.actors.mallory, kinds: ['reply'] })).ok).toBe(false);
  });

  it('shows dead letters to admins of their campus and lets them retry, audited', async () => {
    const id = mine[0]!.id;
    await w.repo.requeue(id, k.clock.now());
    await w.repo.grantConsents('alice', 'comment', 1, 50, k.clock.now());
    // Both were skipped (no consent); make one dead as a failed job would.
    const other = mine[1]!.id;
    expect(await w.repo.delivery(other)).toMatchObject({ state: 'skipped' });
    const fresh = await w.recorder.record([
      {
        eventKey: 'manual',
        recipientId: 'alice',
        campusId: 'demo',
        kind: 'comment',
        listingId,
        data: { listingTitle: 'x' },
      },
    ]);
    const deadId = fresh[0]!.id;
    await w.repo.markDead(deadId, 'Error: QQ 40037', k.clock.now());

    const list = new ListDeadLetters(w.repo);
    const forAdmin = await list.execute({ actor: k.actors.admin });
    expect(forAdmin.ok && forAdmin.value.items.map((d) => d.notification.id)).toEqual([deadId]);
    const forOther = await list.execute({ actor: k.actors.otherCampusAdmin });
    expect(forOther.ok && forOther.value.items).toEqual([]);
    expect((await list.execute({ actor: k.actors.alice })).ok).toBe(false);

    const retry = new RetryDeadLetter(w.repo, k.ports.auditLog, k.clock);
    const scoped = await retry.execute({ actor: k.actors.otherCampusAdmin, notificationId: deadId });
    expect(!scoped.ok && scoped.error.code).toBe('ADMIN_SCOPE');
    const notDead = await retry.execute({ actor: k.actors.admin, notificationId: other });
    expect(!notDead.ok && notDead.error.code).toBe('DEAD_LETTER_NOT_FOUND');
    expect((await retry.execute({ actor: k.actors.admin, notificationId: deadId })).ok).toBe(true);
    const redeliver = new RedeliverPending(w.repo, w.queue, k.clock);
    expect(await redeliver.execute()).toEqual({ requeued: 0 });
    k.clock.advance(RedeliverPending.STALE_MS);
    expect(await redeliver.execute()).toEqual({ requeued: 1 });
    expect(await redeliver.execute()).toEqual({ requeued: 1 });
    expect((await w.drain()).filter((r) => r === 'sent')).toEqual(['sent']);
    expect(w.sender.sent).toHaveLength(1);
    const audit = await k.ports.auditLog.list({ limit: 10, action: 'notification.retry' });
    expect(audit).toMatchObject([
      { actor: { kind: 'admin', id: 'adm-campus' }, targetId: deadId, details: { previousState: 'dead' } },
    ]);
    expect(id).toBeTruthy();
  });
});
