import { beforeEach, describe, expect, it } from 'vitest';
import type { CoreKit } from '../testing/kit.js';
import { notificationsWorld, type NotificationsWorld } from '../testing/notifications-world.js';
import { RetryJobLater } from '../shared/jobs.js';
import { BuryDelivery, SweepDeliveryLeases } from './delivery.js';
import { SendOutcomeUnknown } from './ports.js';

let w: NotificationsWorld;
let k: CoreKit;
let listingId: string;
beforeEach(async () => {
  w = await notificationsWorld();
  ({ k, listingId } = w);
});
const comment: NotificationsWorld['comment'] = (...args) => w.comment(...args);

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

    k.clock.advance(2 * 3600_000);
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
