import { describe, expect, it } from 'vitest';
import type { NotificationRepository } from '../notifications/ports.js';
import { aNotification } from './notification-fixtures.js';

const T0 = new Date('2026-09-01T02:00:00.000Z');
const MIN = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

/**
 * The batch operations of the delivery store: each row of a batch moves exactly as its single-row
 * twin would, and racing batches over the same rows never claim a row or spend a consent twice.
 */
export function notificationBatchContract(
  adapterName: string,
  setup: () => Promise<{ notifications: NotificationRepository }>,
): void {
  describe(`${adapterName}: NotificationRepository batches`, () => {
    it('claims each pending row for exactly one of racing batches, with its notification', async () => {
      const { notifications: repo } = await setup();
      const rows = Array.from({ length: 12 }, (_, i) => aNotification({ recipientId: `user-${i}` }));
      await repo.record(rows);
      const ids = rows.map((n) => n.id);
      // Overlapping batches in different orders, at once.
      const batches = [ids, [...ids].reverse(), ids.slice(3, 9), ids.filter((_, i) => i % 2 === 0)];
      const claimed = await Promise.all(batches.map((b) => repo.claimMany(b, at(0), at(MIN))));
      const all = claimed.flat().map((c) => c.notification.id);
      expect(all.sort()).toEqual([...ids].sort());
      const one = claimed.flat().find((c) => c.notification.id === rows[4]!.id)!;
      expect(one.notification).toEqual(rows[4]);
      expect(one.delivery).toMatchObject({ state: 'sending', attempts: 1, leaseUntil: at(MIN), prepared: false });
      expect(await repo.claimMany(ids, at(1000), at(MIN))).toEqual([]);
      expect(await repo.claimMany([], at(1000), at(MIN))).toEqual([]);
      expect(await repo.claimMany(['NOPE'], at(1000), at(MIN))).toEqual([]);
    });

    it('marks and settles only the rows still sending, each with its own outcome', async () => {
      const { notifications: repo } = await setup();
      const [a, b, c, d, e] = Array.from({ length: 5 }, () => aNotification());
      await repo.record([a!, b!, c!, d!, e!]);
      expect(await repo.claimMany([a!.id, b!.id, c!.id, d!.id], at(0), at(MIN))).toHaveLength(4);
      await repo.markPreparedMany([a!.id, b!.id, c!.id, e!.id]);
      await repo.markRequestedMany([a!.id, b!.id, e!.id]);
      expect(await repo.delivery(a!.id)).toMatchObject({ prepared: true, requested: true });
      expect(await repo.delivery(c!.id)).toMatchObject({ prepared: true, requested: false });
      expect(await repo.delivery(d!.id)).toMatchObject({ prepared: false, requested: false });
      // e was never claimed: the marks leave a pending row alone.
      expect(await repo.delivery(e!.id)).toMatchObject({ state: 'pending', prepared: false, requested: false });
      await repo.finishMany(
        [
          { notificationId: a!.id, state: 'sent', reason: null },
          { notificationId: b!.id, state: 'unknown', reason: null },
          { notificationId: d!.id, state: 'skipped', reason: 'no_consent' },
          { notificationId: e!.id, state: 'sent', reason: null },
        ],
        at(1000),
      );
      expect(await repo.delivery(a!.id)).toMatchObject({ state: 'sent', reason: null, leaseUntil: null });
      expect(await repo.delivery(b!.id)).toMatchObject({ state: 'unknown', updatedAt: at(1000) });
      expect(await repo.delivery(d!.id)).toMatchObject({ state: 'skipped', reason: 'no_consent' });
      expect(await repo.delivery(e!.id)).toMatchObject({ state: 'pending' });
      // c's lease runs out: prepared but not requested, so it goes back to pending; a late batch
      // settlement from its worker then changes nothing.
      expect(await repo.expireLeases(at(MIN), 10)).toEqual({ retried: [c!.id], unknown: [] });
      await repo.finishMany([{ notificationId: c!.id, state: 'sent', reason: null }], at(MIN + 1));
      expect(await repo.delivery(c!.id)).toMatchObject({ state: 'pending', prepared: true, requested: false });
      await repo.finishMany([], at(MIN + 2));
    });

    it("renews the lease of the rows still held under the caller's last lease, and only those", async () => {
      const { notifications: repo } = await setup();
      const [a, b, c, d] = Array.from({ length: 4 }, () => aNotification());
      await repo.record([a!, b!, c!, d!]);
      await repo.claimMany([a!.id, b!.id, c!.id], at(0), at(MIN));
      await repo.finishMany([{ notificationId: c!.id, state: 'sent', reason: null }], at(1000));
      // c is settled and d was never claimed: neither is held.
      const renewed = await repo.renewLeases([a!.id, b!.id, c!.id, d!.id, a!.id], at(MIN), at(2 * MIN));
      expect(renewed.sort()).toEqual([a!.id, b!.id].sort());
      expect(await repo.delivery(a!.id)).toMatchObject({ state: 'sending', leaseUntil: at(2 * MIN) });
      expect(await repo.delivery(d!.id)).toMatchObject({ state: 'pending', leaseUntil: null });
      // A caller holding an older lease holds nothing any more.
      expect(await repo.renewLeases([a!.id], at(MIN), at(3 * MIN))).toEqual([]);
      expect(await repo.expireLeases(at(MIN), 10)).toEqual({ retried: [], unknown: [] });
      expect((await repo.expireLeases(at(2 * MIN), 10)).retried.sort()).toEqual([a!.id, b!.id].sort());
      // Swept and claimed again by another caller: the first one's renewal takes nothing.
      await repo.claimMany([a!.id], at(2 * MIN), at(4 * MIN));
      expect(await repo.renewLeases([a!.id, b!.id], at(2 * MIN), at(5 * MIN))).toEqual([]);
      expect(await repo.delivery(a!.id)).toMatchObject({ state: 'sending', leaseUntil: at(4 * MIN) });
      expect(await repo.renewLeases([], at(0), at(MIN))).toEqual([]);
    });

    it('reads the mutes and balances of many users at once', async () => {
      const { notifications: repo } = await setup();
      await repo.setMutedKinds('user-a', ['price_drop', 'comment']);
      await repo.grantConsents('user-a', 'reply', 2, 3, at(0));
      await repo.grantConsents('user-b', 'price_drop', 1, 3, at(0));
      const s = await repo.deliverySettings(['user-a', 'user-b', 'user-none', 'user-a']);
      expect(s.get('user-a')).toEqual({ muted: ['comment', 'price_drop'], balances: { reply: 2 } });
      expect(s.get('user-b')).toEqual({ muted: [], balances: { price_drop: 1 } });
      expect(s.has('user-none')).toBe(false);
      expect((await repo.deliverySettings([])).size).toBe(0);
    });

    it('spends one consent per user for one of racing batches, never below zero', async () => {
      const { notifications: repo } = await setup();
      const users = Array.from({ length: 10 }, (_, i) => `user-${i}`);
      for (const u of users.slice(0, 8)) await repo.grantConsents(u, 'price_drop', 1, 3, at(0));
      await repo.grantConsents('user-0', 'price_drop', 1, 3, at(0));
      await repo.grantConsents('user-9', 'comment', 1, 3, at(0));
      const spent = await Promise.all(
        [users, [...users].reverse(), users.slice(2, 6)].map((b) => repo.spendConsents(b, 'price_drop', at(1000))),
      );
      const counts = new Map<string, number>();
      for (const u of spent.flat()) counts.set(u, (counts.get(u) ?? 0) + 1);
      expect([...counts.keys()].sort()).toEqual(users.slice(0, 8).sort());
      expect(counts.get('user-0')).toBe(2);
      expect([...counts.entries()].filter(([u, n]) => u !== 'user-0' && n !== 1)).toEqual([]);
      for (const u of users.slice(0, 8)) expect((await repo.consentBalances(u))['price_drop']).toBe(0);
      expect(await repo.consentBalances('user-9')).toEqual({ comment: 1 });
      expect(await repo.spendConsents(users, 'price_drop', at(2000))).toEqual([]);
    });
  });
}
