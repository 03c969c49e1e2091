import { beforeEach, describe, expect, it } from 'vitest';
import { RetryJobLater } from '../shared/jobs.js';
import { aNotification } from '../testing/notification-fixtures.js';
import { RecordingSubscriptionSender } from '../testing/in-memory-notifications.js';
import { notificationsWorld, type NotificationsWorld } from '../testing/notifications-world.js';
import { DEFAULT_DELIVERY_POLICY, DeliverNotifications } from './delivery-batch.js';
import type { SendOutcome, SubscriptionMessage } from './ports.js';

let w: NotificationsWorld;
beforeEach(async () => {
  w = await notificationsWorld();
});

/** Price drops of listings L0…L(n-1) for these recipients, stored and pending. */
async function priceDrops(recipients: readonly string[]): Promise<string[]> {
  const stored = await w.repo.record(
    recipients.map((recipientId, i) =>
      aNotification({
        recipientId,
        kind: 'price_drop',
        listingId: `L${i}`,
        data: { listingTitle: `书${i}`, oldPrice: 1000, newPrice: 800 },
      }),
    ),
  );
  return stored.map((n) => n.id);
}

function batch(
  sender:
    RecordingSubscriptionSender | { supports: () => boolean; send: (m: SubscriptionMessage) => Promise<SendOutcome> },
  wave: number,
) {
  return new DeliverNotifications({
    notifications: w.repo,
    users: w.k.ports.users,
    sender,
    uow: w.k.ports.uow,
    clock: w.k.clock,
    policy: { ...DEFAULT_DELIVERY_POLICY, leaseMs: LEASE_MS },
    wave,
  });
}

const LEASE_MS = 20_000;

describe('QQ delivery in batches', () => {
  it('never has more requests marked and unsettled than one wave, and spends one consent per message', async () => {
    const ids = await priceDrops(['alice', 'alice', 'bob', 'alice', 'bob', 'alice', 'alice']);
    await w.repo.grantConsents('alice', 'price_drop', 4, 50, w.k.clock.now());
    await w.repo.grantConsents('bob', 'price_drop', 2, 50, w.k.clock.now());
    const seen: number[] = [];
    const sender = {
      supports: () => true,
      send: async () => {
        const rows = await Promise.all(ids.map((id) => w.repo.delivery(id)));
        seen.push(rows.filter((d) => d?.state === 'sending' && d.requested).length);
        return 'sent' as const;
      },
    };
    const results = await batch(sender, 2).execute({ notificationIds: ids });
    expect(Math.max(...seen)).toBe(2);
    expect(seen).toHaveLength(6);
    // alice has 5 messages and 4 consents: the batch's first of hers and then one by one.
    expect([...results.values()].filter((r) => r === 'sent')).toHaveLength(6);
    expect([...results.values()].filter((r) => r === 'skipped:no_consent')).toHaveLength(1);
    expect(await w.repo.consentBalances('alice')).toMatchObject({ price_drop: 0 });
    expect(await w.repo.consentBalances('bob')).toMatchObject({ price_drop: 0 });
    for (const id of ids) expect((await w.repo.delivery(id))!.state).not.toBe('sending');
    expect(await batch(sender, 2).execute({ notificationIds: ids })).toEqual(
      new Map(ids.map((id) => [id, 'not_pending'])),
    );
    expect(seen).toHaveLength(6);
  });

  it('settles the others, gives a failed send back and throws; the retry sends only that one', async () => {
    const ids = await priceDrops(['alice', 'bob', 'alice']);
    await w.repo.grantConsents('alice', 'price_drop', 2, 50, w.k.clock.now());
    await w.repo.grantConsents('bob', 'price_drop', 1, 50, w.k.clock.now());
    const sender = new RecordingSubscriptionSender().answer('sent', new Error('QQ 40037'), 'sent');
    await expect(batch(sender, 2).execute({ notificationIds: ids })).rejects.toThrow('QQ 40037');
    expect(sender.sent).toHaveLength(2);
    expect(await w.repo.delivery(ids[1]!)).toMatchObject({ state: 'pending', prepared: true, requested: false });
    expect((await w.repo.delivery(ids[0]!))!.state).toBe('sent');
    expect((await w.repo.delivery(ids[2]!))!.state).toBe('sent');
    const again = await batch(sender, 2).execute({ notificationIds: ids });
    expect(again.get(ids[1]!)).toBe('sent');
    expect(sender.sent.map((m) => m.openId)).toEqual(['OPENID-ALICE', 'OPENID-ALICE', 'OPENID-BOB']);
    // Its consent was spent by the first attempt, not again.
    expect(await w.repo.consentBalances('bob')).toMatchObject({ price_drop: 0 });
  });

  it('stops after the wave QQ told to slow down and gives the untried rest back untouched', async () => {
    const ids = await priceDrops(['alice', 'bob', 'alice', 'bob']);
    await w.repo.grantConsents('alice', 'price_drop', 2, 50, w.k.clock.now());
    await w.repo.grantConsents('bob', 'price_drop', 2, 50, w.k.clock.now());
    const sender = new RecordingSubscriptionSender().answer(new RetryJobLater(60_000, 'QQ 41030'), 'sent');
    await expect(batch(sender, 2).execute({ notificationIds: ids })).rejects.toBeInstanceOf(RetryJobLater);
    expect(sender.sent).toHaveLength(1);
    for (const id of [ids[0]!, ids[2]!, ids[3]!])
      expect(await w.repo.delivery(id)).toMatchObject({ state: 'pending', prepared: true, requested: false });
    expect((await w.repo.delivery(ids[1]!))!.state).toBe('sent');
    await batch(sender, 2).execute({ notificationIds: ids });
    expect(sender.sent).toHaveLength(4);
    expect(await w.repo.consentBalances('alice')).toMatchObject({ price_drop: 0 });
  });

  it('keeps the claim of a batch slower than its lease: no sweep meanwhile takes a row back', async () => {
    const ids = await priceDrops(['alice', 'bob', 'alice', 'bob']);
    await w.repo.grantConsents('alice', 'price_drop', 2, 50, w.k.clock.now());
    await w.repo.grantConsents('bob', 'price_drop', 2, 50, w.k.clock.now());
    const swept: unknown[] = [];
    const sender = {
      supports: () => true,
      // Each send takes 0.4 of the lease, and the sweep of another worker runs right after it.
      send: async () => {
        w.k.clock.advance(0.4 * LEASE_MS);
        const lost = await w.repo.expireLeases(w.k.clock.now(), 100);
        if (lost.retried.length + lost.unknown.length) swept.push(lost);
        return 'sent' as const;
      },
    };
    const results = await batch(sender, 1).execute({ notificationIds: ids });
    expect(swept).toEqual([]);
    expect([...results.values()]).toEqual(['sent', 'sent', 'sent', 'sent']);
    for (const id of ids) expect((await w.repo.delivery(id))!.state).toBe('sent');
  });

  it('renews nothing for a batch that ends well within its lease, and renews once half of it is gone', async () => {
    const ids = await priceDrops(['alice', 'bob', 'alice', 'bob']);
    await w.repo.grantConsents('alice', 'price_drop', 2, 50, w.k.clock.now());
    await w.repo.grantConsents('bob', 'price_drop', 2, 50, w.k.clock.now());
    const renewals: number[] = [];
    const renew = w.repo.renewLeases.bind(w.repo);
    w.repo.renewLeases = async (rest, held, until) => {
      renewals.push(rest.length);
      return renew(rest, held, until);
    };
    let slow = false;
    const sender = {
      supports: () => true,
      send: async () => {
        if (slow) w.k.clock.advance(0.3 * LEASE_MS);
        return 'sent' as const;
      },
    };
    await batch(sender, 1).execute({ notificationIds: ids.slice(0, 2) });
    expect(renewals).toEqual([]);
    // 0.3 of the lease a send: two waves leave 0.4 of it, still more than half at the second wave's start.
    slow = true;
    await batch(sender, 1).execute({ notificationIds: ids.slice(2) });
    expect(renewals).toEqual([]);
    const more = await priceDrops(['alice', 'bob', 'alice']);
    await w.repo.grantConsents('alice', 'price_drop', 2, 50, w.k.clock.now());
    await w.repo.grantConsents('bob', 'price_drop', 1, 50, w.k.clock.now());
    // Three waves: the third starts with 0.4 of the lease left and renews the one row still to send.
    await batch(sender, 1).execute({ notificationIds: more });
    expect(renewals).toEqual([1]);
  });

  it('sends none of the rows the sweep took back while it stalled past the lease', async () => {
    const ids = await priceDrops(['alice', 'bob', 'carol']);
    for (const who of ['alice', 'bob', 'carol']) await w.repo.grantConsents(who, 'price_drop', 1, 50, w.k.clock.now());
    const sent: string[] = [];
    const sender = {
      supports: () => true,
      send: async (m: SubscriptionMessage) => {
        sent.push(m.openId);
        if (sent.length === 1) {
          // The process stalls past the lease: the sweep takes the batch back and another worker claims one row.
          w.k.clock.advance(LEASE_MS + 1000);
          const now = w.k.clock.now();
          expect(await w.repo.expireLeases(now, 100)).toEqual({ retried: [ids[1], ids[2]], unknown: [ids[0]] });
          expect(await w.repo.claimMany([ids[1]!], now, new Date(now.getTime() + LEASE_MS))).toHaveLength(1);
        }
        return 'sent' as const;
      },
    };
    await batch(sender, 1).execute({ notificationIds: ids });
    expect(sent).toEqual(['OPENID-ALICE']);
    expect((await w.repo.delivery(ids[0]!))!.state).toBe('unknown');
    expect(await w.repo.delivery(ids[1]!)).toMatchObject({ state: 'sending', requested: false });
    expect(await w.repo.delivery(ids[2]!)).toMatchObject({ state: 'pending', requested: false });
  });
});
