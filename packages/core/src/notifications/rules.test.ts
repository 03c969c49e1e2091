import { beforeEach, describe, expect, it } from 'vitest';
import { itemInput, type CoreKit } from '../testing/kit.js';
import { notificationsWorld, type NotificationsWorld } from '../testing/notifications-world.js';
import { NotifyExpiringListings } from './notify.js';
import { matchWords, shareWords } from './words.js';
import { aUser } from '../testing/builders.js';
import { LifecycleDeps } from '../listings/lifecycle.js';
import { HIDDEN_BY_REPORTS_REASON } from '../moderation/report-content.js';
import type { ListingStatusChanged } from '../shared/events.js';
import { feedbackReplyRule, reviewNoticeRule } from './rules.js';
import { FEEDBACK_PAGE, isInboxOnly, messageFor } from './notification.js';

let w: NotificationsWorld;
let k: CoreKit;
let listingId: string;
beforeEach(async () => {
  w = await notificationsWorld();
  ({ k, listingId } = w);
});
const comment: NotificationsWorld['comment'] = (...args) => w.comment(...args);

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
    const changed = (from: string, to: string, by: string | null): ListingStatusChanged => ({
      id: `ev-${from}-${to}-${by}`,
      type: 'ListingStatusChanged',
      aggregateId: 'l1',
      occurredAt: new Date(0),
      payload: { listingId: 'l1', campusId: 'c1', ownerId: 'alice', from, to, reason: null, by },
    });
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
    // An admin taking back a removal: the owner hears of it, whatever status it returns to.
    expect(kinds(changed('removed', 'sold', 'adm-1'))).toEqual([['restored', 'alice', 'ev-removed-sold-adm-1']]);
    expect(kinds(changed('removed', 'active', null))).toEqual([]);
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

describe('rules: feedback replies', () => {
  it('tell the feedback’s author once per reply event, inbox only, keyed by the event', async () => {
    const event = k.events.create('FeedbackReplied', 'fb-1', {
      feedbackId: 'fb-1',
      replyId: 'r-1',
      campusId: 'demo',
      authorId: 'bob',
      text: '已经修好了',
    });
    const [draft] = feedbackReplyRule(event);
    expect(draft).toMatchObject({ eventKey: event.id, recipientId: 'bob', kind: 'feedback_reply', listingId: null });
    expect(isInboxOnly('feedback_reply')).toBe(true);
    await w.rules.handle(event);
    await w.rules.handle(event);
    const inbox = await w.inboxOf('bob');
    expect(inbox).toHaveLength(1);
    expect(messageFor(inbox[0]!)).toEqual({ page: FEEDBACK_PAGE, fields: ['意见反馈有回复', '已经修好了'] });
  });
});
