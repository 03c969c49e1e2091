import { beforeEach, describe, expect, it } from 'vitest';
import { coreKit, itemInput, type CoreKit } from '../testing/kit.js';
import type { DomainEvent } from '../shared/events.js';
import { DAY_MS } from '../shared/clock.js';

let k: CoreKit;
beforeEach(async () => {
  k = await coreKit();
});

const pending = async (): Promise<DomainEvent[]> => k.ports.outbox.unpublished(1000);
const types = async () => (await pending()).map((e) => e.type);
async function published(overrides: Record<string, unknown> = {}) {
  const r = await k.publish.execute({ actor: k.actors.alice, kind: 'item', content: itemInput(overrides) });
  if (!r.ok) throw new Error(`publish failed: ${r.error.code}`);
  return r.value;
}

describe('lifecycle', () => {
  it('goes active → reserved → active → sold, with an event per change', async () => {
    const l = await published();
    for (const status of ['reserved', 'active', 'sold'] as const) {
      const r = await k.changeStatus.execute({ actor: k.actors.alice, listingId: l.id, status });
      expect(r.ok && r.value.status).toBe(status);
    }
    const changes = (await pending()).filter((e) => e.type === 'ListingStatusChanged').map((e) => e.payload);
    expect(changes.map((p) => 'from' in p && `${p.from}→${p.to}`)).toEqual([
      'active→reserved',
      'reserved→active',
      'active→sold',
    ]);
    const again = await k.changeStatus.execute({ actor: k.actors.alice, listingId: l.id, status: 'reserved' });
    expect(!again.ok && again.error.code).toBe('LISTING_TRANSITION_NOT_ALLOWED');
  });

  it('lets the owner withdraw, keeps the listing, and hides it from others', async () => {
    const l = await published();
    expect((await k.withdraw.execute({ actor: k.actors.alice, listingId: l.id })).ok).toBe(true);
    expect((await k.ports.listings.byId(l.id))!.status).toBe('withdrawn');
    const other = await k.getListing.execute({ actor: k.actors.bob, listingId: l.id });
    expect(!other.ok && other.error.code).toBe('LISTING_NOT_FOUND');
    const mine = await k.getListing.execute({ actor: k.actors.alice, listingId: l.id });
    expect(mine.ok && mine.value.listing.status).toBe('withdrawn');
    const twice = await k.withdraw.execute({ actor: k.actors.alice, listingId: l.id });
    expect(!twice.ok && twice.error.code).toBe('LISTING_TRANSITION_NOT_ALLOWED');
  });

  it('lets only admins remove, with a reason', async () => {
    const l = await published();
    const byOwner = await k.remove.execute({ actor: k.actors.alice, listingId: l.id, reason: '自己删' });
    expect(!byOwner.ok && byOwner.error.code).toBe('ADMIN_ONLY');
    const noReason = await k.remove.execute({ actor: k.actors.admin, listingId: l.id, reason: '  ' });
    expect(!noReason.ok && noReason.error.code).toBe('VALIDATION_FAILED');
    const removed = await k.remove.execute({ actor: k.actors.admin, listingId: l.id, reason: '疑似诈骗' });
    expect(removed.ok && removed.value.removalReason).toBe('疑似诈骗');
    const event = (await pending()).find((e) => e.type === 'ListingStatusChanged');
    expect(event?.payload).toMatchObject({ from: 'active', to: 'removed', reason: '疑似诈骗', by: 'adm-campus' });
    const audit = await k.ports.auditLog.list({ limit: 10 });
    expect(audit.map((e) => [e.action, e.actor.id, e.targetId, e.campusId])).toEqual([
      ['listing.remove', 'adm-campus', l.id, 'demo'],
    ]);
  });

  it('limits a campus admin to their campus; a super admin acts anywhere; a student with an admin role is no admin', async () => {
    const l = await published();
    const other = await k.remove.execute({ actor: k.actors.otherCampusAdmin, listingId: l.id, reason: '违规' });
    expect(!other.ok && other.error.code).toBe('ADMIN_SCOPE');
    const student = await k.remove.execute({ actor: k.actors.studentAdmin, listingId: l.id, reason: '违规' });
    expect(!student.ok && student.error.code).toBe('ADMIN_ONLY');
    const anon = await k.remove.execute({ actor: k.anonymous, listingId: l.id, reason: '违规' });
    expect(!anon.ok && anon.error.code).toBe('UNAUTHENTICATED');
    expect((await k.remove.execute({ actor: k.actors.superAdmin, listingId: l.id, reason: '违规' })).ok).toBe(true);
    // The removed listing: visible to admins of its campus only.
    expect((await k.getListing.execute({ actor: k.actors.admin, listingId: l.id })).ok).toBe(true);
    expect((await k.getListing.execute({ actor: k.actors.otherCampusAdmin, listingId: l.id })).ok).toBe(false);
  });

  it('audits a contact reveal to a verified viewer once a day, never to others', async () => {
    const l = await published();
    const reveals = async () => (await k.ports.auditLog.list({ action: 'contact.reveal', limit: 10 })).length;
    const seen = await k.getListing.execute({ actor: k.actors.bob, listingId: l.id });
    expect(seen.ok && seen.value.seller.qqOpenId).toBe('OPENID-ALICE');
    await k.getListing.execute({ actor: k.actors.bob, listingId: l.id });
    expect(await reveals()).toBe(1);
    await k.getListing.execute({ actor: k.actors.carol, listingId: l.id });
    await k.getListing.execute({ actor: k.actors.alice, listingId: l.id });
    await k.getListing.execute({ actor: k.anonymous, listingId: l.id });
    expect(await reveals()).toBe(1);
    k.clock.advance(DAY_MS);
    await k.getListing.execute({ actor: k.actors.bob, listingId: l.id });
    const entries = await k.ports.auditLog.list({ action: 'contact.reveal', limit: 10 });
    expect(entries.map((e) => [e.actor, e.targetId, e.details])).toEqual([
      [{ kind: 'user', id: 'bob' }, l.id, { sellerId: 'alice' }],
      [{ kind: 'user', id: 'bob' }, l.id, { sellerId: 'alice' }],
    ]);
  });

  it('expires listings past their lifetime, and a renewal brings them back to the top', async () => {
    const l = await published();
    k.clock.advance(29 * DAY_MS);
    expect(await k.expire.execute()).toEqual({ expired: 0 });
    k.clock.advance(DAY_MS);
    expect(await k.expire.execute()).toEqual({ expired: 1 });
    expect((await k.ports.listings.byId(l.id))!.status).toBe('expired');
    const feed = await k.browse.execute({ actor: k.anonymous, campusId: 'demo' });
    expect(feed.ok && feed.value.items).toEqual([]);
    const renewed = await k.renew.execute({ actor: k.actors.alice, listingId: l.id });
    expect(renewed.ok && renewed.value.status).toBe('active');
    expect(renewed.ok && renewed.value.listedAt).toEqual(k.clock.now());
    expect(await types()).toContain('ListingRenewed');
  });

  it('allows one renewal a day', async () => {
    const l = await published();
    const early = await k.renew.execute({ actor: k.actors.alice, listingId: l.id });
    expect(!early.ok && early.error.code).toBe('RENEW_TOO_SOON');
    k.clock.advance(DAY_MS);
    expect((await k.renew.execute({ actor: k.actors.alice, listingId: l.id })).ok).toBe(true);
  });
});
