import { describe, expect, it } from 'vitest';
import type { FavoriteRepository } from '../engagement/ports.js';
import type { CampusRepository, UserRepository } from '../identity/ports.js';
import type { CategoryRepository } from '../catalog/ports.js';
import type { ListingRepository } from '../listings/ports.js';
import { notificationKey, type Notification } from '../notifications/notification.js';
import type { NotificationRepository, NotificationSources } from '../notifications/ports.js';
import { aCampus, aCategoryTree, aListing, aUser } from './builders.js';

const T0 = new Date('2026-09-01T02:00:00.000Z');
const MIN = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

export interface NotificationContractPorts {
  readonly notifications: NotificationRepository;
  readonly sources: NotificationSources;
  readonly listings: ListingRepository;
  readonly users: UserRepository;
  readonly campuses: CampusRepository;
  readonly categories: CategoryRepository;
  readonly favorites: FavoriteRepository;
}

let seq = 0;
export function aNotification(overrides: Partial<Notification> = {}): Notification {
  const n = ++seq;
  const recipientId = overrides.recipientId ?? 'user-a';
  const id = overrides.id ?? `NTF${String(Date.now()).slice(-8)}${String(n).padStart(15, '0')}`.slice(0, 26);
  return {
    id,
    key: overrides.key ?? notificationKey(`evt-${n}`, recipientId),
    recipientId,
    campusId: 'demo',
    kind: 'comment',
    // A listing of its own: comments on one listing fold into one inbox entry, which tests ask for by name.
    listingId: `listing-${n}`,
    data: { listingTitle: '二手自行车', oldPrice: 1000, reason: null },
    createdAt: T0,
    readAt: null,
    ...overrides,
  };
}

/**
 * The notification store, one contract for every adapter. Races are real races on a database:
 * the claim and the consent spend must hold with concurrent callers, not only one after another.
 */
export function notificationContract(adapterName: string, setup: () => Promise<NotificationContractPorts>): void {
  describe(`${adapterName}: NotificationRepository`, () => {
    it('records once per key and keeps the first; returns every key whose delivery is pending', async () => {
      const { notifications: repo } = await setup();
      const first = aNotification({ key: 'e1:user-a' });
      expect((await repo.record([first])).map((n) => n.id)).toEqual([first.id]);
      const again = aNotification({ key: 'e1:user-a', data: { listingTitle: '别的' } });
      const other = aNotification({ key: 'e1:user-b', recipientId: 'user-b' });
      const stored = await repo.record([again, other]);
      expect(stored.map((n) => n.id).sort()).toEqual([first.id, other.id].sort());
      expect(await repo.byId(again.id)).toBeNull();
      expect(await repo.byId(first.id)).toEqual(first);
      const d = await repo.delivery(first.id);
      expect(d).toMatchObject({
        notificationId: first.id,
        key: `${first.id}:qq`,
        channel: 'qq',
        state: 'pending',
        prepared: false,
        attempts: 0,
        recipientId: 'user-a',
        kind: 'comment',
        campusId: 'demo',
      });

      expect(await repo.claim(first.id, at(0), at(MIN))).toBe(true);
      await repo.finish(first.id, 'sent', null, at(1000));
      expect((await repo.record([again])).length).toBe(0);
    });

    it("lists an inbox newest first with a keyset cursor, counts unread and marks only the owner's", async () => {
      const { notifications: repo } = await setup();
      const mine = [0, 1, 2, 3].map((i) =>
        aNotification({ recipientId: 'user-a', createdAt: at(i === 3 ? 2 * MIN : i * MIN) }),
      );
      const theirs = aNotification({ recipientId: 'user-b', createdAt: at(5 * MIN) });
      await repo.record([...mine, theirs]);
      const page1 = await repo.inbox('user-a', null, 2);
      const tieFirst = [mine[2]!, mine[3]!].sort((a, b) => (a.id < b.id ? 1 : -1));
      expect(page1.map((n) => n.id)).toEqual(tieFirst.map((n) => n.id));
      const last = page1.at(-1)!;
      const page2 = await repo.inbox('user-a', { createdAt: last.createdAt, id: last.id }, 5);
      expect(page2.map((n) => n.id)).toEqual([mine[1]!.id, mine[0]!.id]);
      expect(await repo.unreadCount('user-a')).toBe(4);

      expect(await repo.markRead('user-b', mine[0]!.id, at(10 * MIN))).toBe(false);
      expect(await repo.markRead('user-a', mine[0]!.id, at(10 * MIN))).toBe(true);
      expect(await repo.markRead('user-a', mine[0]!.id, at(20 * MIN))).toBe(true);
      expect((await repo.byId(mine[0]!.id))!.readAt).toEqual(at(10 * MIN));
      expect(await repo.markRead('user-a', 'NOPE', at(10 * MIN))).toBe(false);
      expect(await repo.unreadCount('user-a')).toBe(3);
      expect(await repo.markAllRead('user-a', at(11 * MIN))).toBe(3);
      expect(await repo.unreadCount('user-a')).toBe(0);
      expect(await repo.unreadCount('user-b')).toBe(1);
    });

    it('folds unread comments (and replies) of one listing into one entry, newest first, each still delivered', async () => {
      const { notifications: repo } = await setup();
      const note = (kind: 'comment' | 'reply' | 'price_drop', listingId: string, minute: number, nick = '鲍勃') =>
        aNotification({
          recipientId: 'user-a',
          kind,
          listingId,
          createdAt: at(minute * MIN),
          data: { actorNickname: nick },
        });
      const comments = [0, 1, 2].map((m) => note('comment', 'L1', m, `同学${m}`));
      const replies = [note('reply', 'L1', 0.5), note('reply', 'L1', 2.5)];
      const drop = note('price_drop', 'L1', 1.5);
      const elsewhere = note('comment', 'L2', 3);
      const toOther = aNotification({ recipientId: 'user-b', kind: 'comment', listingId: 'L1', createdAt: at(MIN) });
      // One by one, as events arrive, and one batch holding two of a kind.
      for (const n of [comments[0]!, replies[0]!, comments[1]!, drop]) await repo.record([n]);
      await repo.record([comments[2]!, replies[1]!, elsewhere, toOther]);
      const entries = await repo.inbox('user-a', null, 10);
      expect(entries.map((e) => [e.id, e.kind, e.listingId, e.count])).toEqual([
        [elsewhere.id, 'comment', 'L2', 1],
        [replies[1]!.id, 'reply', 'L1', 2],
        [comments[2]!.id, 'comment', 'L1', 3],
        [drop.id, 'price_drop', 'L1', 1],
      ]);
      // The entry shows its newest notice: who wrote last, and when.
      expect(entries[2]).toMatchObject({ data: { actorNickname: '同学2' }, createdAt: at(2 * MIN), readAt: null });
      expect(await repo.unreadCount('user-a')).toBe(4);
      expect(await repo.unreadCount('user-b')).toBe(1);
      // Paged by the entries' newest notices.
      const first = await repo.inbox('user-a', null, 2);
      const rest = await repo.inbox('user-a', { createdAt: first[1]!.createdAt, id: first[1]!.id }, 10);
      expect([...first, ...rest].map((e) => e.id)).toEqual(entries.map((e) => e.id));
      // Folding is the inbox's alone: every notice keeps its QQ delivery.
      for (const n of [...comments, ...replies])
        expect(await repo.delivery(n.id)).toMatchObject({ notificationId: n.id, state: 'pending' });

      // Opening the entry (by any of its notices) reads all of it; the other entries stay unread.
      expect(await repo.markRead('user-a', comments[0]!.id, at(10 * MIN))).toBe(true);
      for (const n of comments) expect((await repo.byId(n.id))!.readAt).toEqual(at(10 * MIN));
      expect(await repo.unreadCount('user-a')).toBe(3);
      expect((await repo.byId(toOther.id))!.readAt).toBeNull();

      // What comes after reading is a new entry: the read ones stay apart.
      const later = [11, 12].map((m) => note('comment', 'L1', m, `新同学${m}`));
      await repo.record([later[0]!]);
      await repo.record([later[1]!]);
      await repo.record([aNotification({ ...later[1]!, id: 'NTF-SAME-KEY-AGAIN' })]);
      const after = await repo.inbox('user-a', null, 10);
      expect(after.map((e) => [e.id, e.count, e.readAt])).toEqual([
        [later[1]!.id, 2, null],
        [elsewhere.id, 1, null],
        [replies[1]!.id, 2, null],
        [comments[2]!.id, 3, at(10 * MIN)],
        [drop.id, 1, null],
      ]);
      expect(await repo.unreadCount('user-a')).toBe(4);
      expect(await repo.markAllRead('user-a', at(20 * MIN))).toBe(6);
      expect(await repo.unreadCount('user-a')).toBe(0);
    });

    it('makes one entry of comments recorded at once by racing workers', async () => {
      const { notifications: repo } = await setup();
      const burst = Array.from({ length: 12 }, (_, i) =>
        aNotification({ recipientId: 'user-a', kind: 'comment', listingId: 'L-BURST', createdAt: at(i) }),
      );
      await Promise.all(burst.map((n) => repo.record([n])));
      expect((await repo.inbox('user-a', null, 10)).map((e) => [e.id, e.count])).toEqual([[burst[11]!.id, 12]]);
      expect(await repo.unreadCount('user-a')).toBe(1);
    });

    it('lets exactly one of many racing callers claim a delivery', async () => {
      const { notifications: repo } = await setup();
      const n = aNotification();
      await repo.record([n]);
      const claims = await Promise.all(Array.from({ length: 8 }, () => repo.claim(n.id, at(0), at(MIN))));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await repo.delivery(n.id)).toMatchObject({ state: 'sending', attempts: 1, leaseUntil: at(MIN) });
    });

    it('moves deliveries through release, prepared, dead, unknown and requeue', async () => {
      const { notifications: repo } = await setup();
      const [a, b, c] = [
        aNotification({ campusId: 'demo' }),
        aNotification({ campusId: 'other' }),
        aNotification({ campusId: 'demo' }),
      ];
      await repo.record([a, b, c]);
      expect(await repo.claim(a.id, at(0), at(MIN))).toBe(true);
      await repo.markPrepared(a.id);
      await repo.release(a.id, 'Error: 40037', at(1000));
      expect(await repo.delivery(a.id)).toMatchObject({
        state: 'pending',
        prepared: true,
        lastError: 'Error: 40037',
        attempts: 1,
        leaseUntil: null,
      });
      expect(await repo.claim(a.id, at(2000), at(MIN))).toBe(true);
      await repo.markRequested(a.id);
      await repo.release(a.id, 'Error: again', at(3000));
      expect(await repo.delivery(a.id)).toMatchObject({ state: 'pending', prepared: true, requested: false });
      expect(await repo.markDead(a.id, 'Error: gave up', at(4000))).toBe(true);
      expect(await repo.markDead(a.id, 'Error: twice', at(5000))).toBe(false);

      expect(await repo.claim(b.id, at(0), at(MIN))).toBe(true);
      await repo.markRequested(b.id);
      expect(await repo.delivery(b.id)).toMatchObject({ state: 'sending', prepared: true, requested: true });
      const lostEarly = aNotification({ campusId: 'demo' });
      await repo.record([lostEarly]);
      expect(await repo.claim(lostEarly.id, at(0), at(MIN))).toBe(true);
      await repo.markPrepared(lostEarly.id);
      expect(await repo.expireLeases(at(MIN - 1), 10)).toEqual({ retried: [], unknown: [] });
      expect(await repo.expireLeases(at(MIN), 10)).toEqual({ retried: [lostEarly.id], unknown: [b.id] });
      expect(await repo.delivery(b.id)).toMatchObject({ state: 'unknown' });
      // Claimed but never requested: surely not sent, so back to pending with its consent still spent.
      expect(await repo.delivery(lostEarly.id)).toMatchObject({
        state: 'pending',
        prepared: true,
        requested: false,
        leaseUntil: null,
      });
      // A late finish from the dead worker's twin cannot turn unknown into sent.
      await repo.finish(b.id, 'sent', null, at(MIN + 1));
      expect((await repo.delivery(b.id))!.state).toBe('unknown');

      expect(await repo.claim(c.id, at(0), at(MIN))).toBe(true);
      await repo.finish(c.id, 'skipped', 'no_consent', at(6000));
      expect(await repo.delivery(c.id)).toMatchObject({ state: 'skipped', reason: 'no_consent' });
      expect(await repo.requeue(c.id, at(7000))).toBe(false);

      const all = await repo.deadLetters({ before: null, limit: 10 });
      expect(all.map((x) => x.delivery.notificationId)).toEqual([b.id, a.id]);
      expect(all[1]).toMatchObject({
        delivery: { state: 'dead', lastError: 'Error: gave up', attempts: 2 },
        notification: { id: a.id, data: a.data },
      });
      expect(
        (await repo.deadLetters({ campusId: 'demo', before: null, limit: 10 })).map((x) => x.notification.id),
      ).toEqual([a.id]);
      const cursor = { updatedAt: all[0]!.delivery.updatedAt, id: b.id };
      expect((await repo.deadLetters({ before: cursor, limit: 10 })).map((x) => x.notification.id)).toEqual([a.id]);

      expect(await repo.pendingBefore(at(10_000), 10)).toEqual([]);
      expect(await repo.requeue(a.id, at(8000))).toBe(true);
      expect(await repo.delivery(a.id)).toMatchObject({ state: 'pending', prepared: true });
      expect(await repo.pendingBefore(at(7999), 10)).toEqual([]);
      expect(await repo.pendingBefore(at(8000), 10)).toEqual([{ notificationId: a.id, updatedAt: at(8000) }]);
      expect(await repo.requeue(a.id, at(9000))).toBe(false);
      expect((await repo.deadLetters({ before: null, limit: 10 })).map((x) => x.notification.id)).toEqual([b.id]);
    });

    it('keeps mutes per user', async () => {
      const { notifications: repo } = await setup();
      expect(await repo.mutedKinds('user-a')).toEqual([]);
      await repo.setMutedKinds('user-a', ['price_drop', 'comment']);
      await repo.setMutedKinds('user-b', ['reply']);
      expect((await repo.mutedKinds('user-a')).sort()).toEqual(['comment', 'price_drop']);
      await repo.setMutedKinds('user-a', ['expiring']);
      expect(await repo.mutedKinds('user-a')).toEqual(['expiring']);
      await repo.setMutedKinds('user-a', []);
      expect(await repo.mutedKinds('user-a')).toEqual([]);
      expect(await repo.mutedKinds('user-b')).toEqual(['reply']);
    });

    it('counts consents per user and kind, capped, spent atomically, revoked to zero', async () => {
      const { notifications: repo } = await setup();
      expect(await repo.consentBalances('user-a')).toEqual({});
      expect(await repo.spendConsent('user-a', 'comment', at(0))).toBe(false);
      await repo.grantConsents('user-a', 'comment', 1, 3, at(0));
      await repo.grantConsents('user-a', 'comment', 2, 3, at(0));
      await repo.grantConsents('user-a', 'comment', 5, 3, at(0));
      await repo.grantConsents('user-a', 'price_drop', 1, 3, at(0));
      await repo.grantConsents('user-b', 'comment', 1, 3, at(0));
      expect(await repo.consentBalances('user-a')).toEqual({ comment: 3, price_drop: 1 });
      const spent = await Promise.all(
        Array.from({ length: 6 }, () => repo.spendConsent('user-a', 'comment', at(1000))),
      );
      expect(spent.filter(Boolean)).toHaveLength(3);
      expect((await repo.consentBalances('user-a'))['comment']).toBe(0);
      await repo.revokeConsents('user-a', 'price_drop', at(2000));
      expect(await repo.consentBalances('user-a')).toEqual({ comment: 0, price_drop: 0 });
      expect(await repo.consentBalances('user-b')).toEqual({ comment: 1 });
    });

    it('gives one QQ slot per user and listing per window, to one of racing callers', async () => {
      const { notifications: repo } = await setup();
      const took = await Promise.all(Array.from({ length: 5 }, () => repo.takeQqSlot('user-a', 'l1', at(0), 60 * MIN)));
      expect(took.filter(Boolean)).toHaveLength(1);
      expect(await repo.takeQqSlot('user-a', 'l2', at(1000), 60 * MIN)).toBe(true);
      expect(await repo.takeQqSlot('user-b', 'l1', at(1000), 60 * MIN)).toBe(true);
      expect(await repo.takeQqSlot('user-a', 'l1', at(59 * MIN), 60 * MIN)).toBe(false);
      expect(await repo.takeQqSlot('user-a', 'l1', at(60 * MIN), 60 * MIN)).toBe(true);
      expect(await repo.takeQqSlot('user-a', 'l1', at(61 * MIN), 60 * MIN)).toBe(false);
    });
  });

  describe(`${adapterName}: NotificationSources`, () => {
    async function world(p: NotificationContractPorts) {
      await p.campuses.save(aCampus());
      for (const c of aCategoryTree().all) await p.categories.save(c);
      await p.users.save(aUser({ id: 'user-owner' }));
      const ids = Array.from({ length: 7 }, (_, i) => `fan-${String(i).padStart(2, '0')}`);
      for (const id of ids) await p.users.save(aUser({ id }));
      return ids;
    }

    it('pages through the favoriters of a listing in id order', async () => {
      const p = await setup();
      const fans = await world(p);
      const listing = aListing({ id: 'LST-FAV', ownerId: 'user-owner' });
      const other = aListing({ id: 'LST-OTHER', ownerId: 'user-owner' });
      await p.listings.save(listing);
      await p.listings.save(other);
      for (const id of [...fans].reverse()) await p.favorites.add(id, listing.id, T0);
      await p.favorites.add('fan-00', other.id, T0);
      expect(await p.sources.favoritersOf(listing.id, null, 3)).toEqual(fans.slice(0, 3));
      expect(await p.sources.favoritersOf(listing.id, 'fan-02', 3)).toEqual(fans.slice(3, 6));
      expect(await p.sources.favoritersOf(listing.id, 'fan-05', 3)).toEqual(fans.slice(6));
      expect(await p.sources.favoritersOf('LST-NONE', null, 3)).toEqual([]);
    });

    it('finds live listings ending within a window, by end time', async () => {
      const p = await setup();
      await world(p);
      const now = new Date('2026-10-01T00:00:00.000Z');
      const ends = (days: number, hours: number) => ({
        now: new Date(now.getTime() - days * 24 * 3600_000 + hours * 3600_000),
        lifetimeDays: days,
      });
      const soon1 = aListing({ id: 'LST-SOON1', ownerId: 'user-owner', title: '快到期一', ...ends(30, 2) });
      const soon2 = aListing({ id: 'LST-SOON2', ownerId: 'user-owner', ...ends(30, 5) });
      const soon3 = aListing({ id: 'LST-SOON3', ownerId: 'user-owner', ...ends(30, 5) });
      const later = aListing({ id: 'LST-LATER', ownerId: 'user-owner', ...ends(30, 30) });
      const past = aListing({ id: 'LST-PAST', ownerId: 'user-owner', ...ends(30, -1) });
      const sold = aListing({ id: 'LST-SOLD', ownerId: 'user-owner', status: 'sold', ...ends(30, 3) });
      for (const l of [soon1, soon2, soon3, later, past, sold]) await p.listings.save(l);
      const until = new Date(now.getTime() + 24 * 3600_000);
      const first = await p.sources.expiringBetween(now, until, null, 2);
      expect(first).toEqual([
        { id: 'LST-SOON1', campusId: 'demo', ownerId: 'user-owner', title: '快到期一', expiresAt: soon1.expiresAt },
        expect.objectContaining({ id: 'LST-SOON2', expiresAt: soon2.expiresAt }),
      ]);
      const rest = await p.sources.expiringBetween(now, until, { expiresAt: soon2.expiresAt, id: 'LST-SOON2' }, 2);
      expect(rest.map((l) => l.id)).toEqual(['LST-SOON3']);
    });
  });
}
