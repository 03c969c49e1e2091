import { beforeEach, describe, expect, it } from 'vitest';
import type { CoreKit } from '../testing/kit.js';
import { notificationsWorld, type NotificationsWorld } from '../testing/notifications-world.js';
import { RedeliverPending } from './delivery.js';
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
import type { Notification } from './notification.js';

let w: NotificationsWorld;
let k: CoreKit;
let listingId: string;
beforeEach(async () => {
  w = await notificationsWorld();
  ({ k, listingId } = w);
});
const comment: NotificationsWorld['comment'] = (...args) => w.comment(...args);

describe('inbox, settings and dead letters', () => {
  let mine: Notification[];
  beforeEach(async () => {
    await comment(k.actors.bob, '一');
    await comment(k.actors.bob, '二');
    await w.drain();
    mine = await w.inboxOf('alice');
  });

  it("lists my inbox newest first with a listing's unread comments as one entry, counts and marks read; another user's id is not found", async () => {
    const list = new ListMyNotifications(w.repo);
    const page = await list.execute({ actor: k.actors.alice, limit: 1 });
    if (!page.ok) throw new Error();
    expect(page.value.items.map((n) => [n.data['excerpt'], n.count, n.readAt])).toEqual([['二', 2, null]]);
    expect(page.value.nextCursor).toBeNull();
    expect((await list.execute({ actor: k.actors.alice, cursor: 'bad!' })).ok).toBe(false);
    expect(await list.execute({ actor: k.actors.bob })).toEqual({ ok: true, value: { items: [], nextCursor: null } });
    expect((await list.execute({ actor: k.anonymous })).ok).toBe(false);

    const count = new CountUnreadNotifications(w.repo);
    const read = new MarkNotificationRead(w.repo, k.clock);
    expect(await count.execute({ actor: k.actors.alice })).toEqual({ ok: true, value: { unread: 1 } });
    const stolen = await read.execute({ actor: k.actors.bob, notificationId: mine[0]!.id });
    expect(!stolen.ok && stolen.error.code).toBe('NOTIFICATION_NOT_FOUND');
    // Reading the entry (by the older notice, even) reads both.
    expect((await read.execute({ actor: k.actors.alice, notificationId: mine[1]!.id })).ok).toBe(true);
    expect(await count.execute({ actor: k.actors.alice })).toEqual({ ok: true, value: { unread: 0 } });

    // A comment after reading is a new entry; the read one stays as it was.
    await comment(k.actors.bob, '三');
    await w.drain();
    const both = await list.execute({ actor: k.actors.alice, limit: 1 });
    if (!both.ok) throw new Error();
    expect(both.value.items.map((n) => [n.data['excerpt'], n.count, n.readAt])).toEqual([['三', 1, null]]);
    const older = await list.execute({ actor: k.actors.alice, limit: 1, cursor: both.value.nextCursor! });
    expect(older.ok && older.value.items.map((n) => [n.data['excerpt'], n.count, n.readAt !== null])).toEqual([
      ['二', 2, true],
    ]);
    expect(older.ok && older.value.nextCursor).toBeNull();
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
