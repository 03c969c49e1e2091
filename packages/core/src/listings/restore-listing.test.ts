import { beforeEach, describe, expect, it } from 'vitest';
import { coreKit, itemInput, type CoreKit } from '../testing/kit.js';

let k: CoreKit;
beforeEach(async () => {
  k = await coreKit();
});

async function published() {
  const r = await k.publish.execute({ actor: k.actors.alice, kind: 'item', content: itemInput() });
  if (!r.ok) throw new Error(`publish failed: ${r.error.code}`);
  return r.value;
}

async function removed(id: string) {
  const r = await k.remove.execute({ actor: k.actors.admin, listingId: id, reason: '违规' });
  if (!r.ok) throw new Error(`remove failed: ${r.error.code}`);
}

describe('restoring a removed listing', () => {
  it('returns it to the status before the removal, with the history, the event and the audit entry', async () => {
    const l = await published();
    await k.changeStatus.execute({ actor: k.actors.alice, listingId: l.id, status: 'reserved' });
    await removed(l.id);
    const r = await k.restore.execute({ actor: k.actors.admin, listingId: l.id, reason: ' 误判 ' });
    expect(r.ok && [r.value.status, r.value.removalReason]).toEqual(['reserved', null]);
    const stored = (await k.ports.listings.byId(l.id))!;
    const alice = k.actors.alice.kind === 'user' ? k.actors.alice.userId : '';
    expect(stored.statusHistory.map((h) => `${h.from}→${h.to}:${h.by}:${h.reason}`)).toEqual([
      `null→active:${alice}:null`,
      `active→reserved:${alice}:null`,
      'reserved→removed:adm-campus:违规',
      'removed→reserved:adm-campus:误判',
    ]);
    const last = (await k.ports.outbox.unpublished(100)).filter((e) => e.type === 'ListingStatusChanged').at(-1);
    expect(last?.payload).toMatchObject({ from: 'removed', to: 'reserved', by: 'adm-campus', reason: '误判' });
    const [audit] = await k.ports.auditLog.list({ action: 'listing.restore', limit: 1 });
    expect(audit).toMatchObject({ targetId: l.id, details: { reason: '误判', to: 'reserved' } });
  });

  it('goes back past a hide by reports to the status the listing had before it', async () => {
    const l = await published();
    const listing = (await k.ports.listings.byId(l.id))!;
    listing.hide(k.clock.now());
    await k.lifecycle.record(listing, 'active', '多人举报', null);
    await removed(l.id);
    const r = await k.restore.execute({ actor: k.actors.admin, listingId: l.id, reason: '复核无误' });
    expect(r.ok && r.value.status).toBe('active');
  });

  it('reads a removal older than the history from its audit entry, else brings it back withdrawn', async () => {
    const l = await published();
    await removed(l.id);
    const listing = (await k.ports.listings.byId(l.id))!;
    listing.statusHistory = [];
    await k.ports.listings.save(listing);
    const r = await k.restore.execute({ actor: k.actors.admin, listingId: l.id, reason: '恢复' });
    expect(r.ok && r.value.status).toBe('active');

    const other = await published();
    const untracked = (await k.ports.listings.byId(other.id))!;
    untracked.status = 'removed';
    untracked.statusHistory = [];
    await k.ports.listings.save(untracked);
    const fallback = await k.restore.execute({ actor: k.actors.admin, listingId: other.id, reason: '恢复' });
    expect(fallback.ok && fallback.value.status).toBe('withdrawn');
  });

  it('refuses what is not removed, other campuses, students, unknown ids and an empty reason', async () => {
    const l = await published();
    const live = await k.restore.execute({ actor: k.actors.admin, listingId: l.id, reason: '无' });
    expect(!live.ok && live.error.code).toBe('LISTING_NOT_REMOVED');
    await removed(l.id);
    const codes = await Promise.all([
      k.restore.execute({ actor: k.actors.otherCampusAdmin, listingId: l.id, reason: '无' }),
      k.restore.execute({ actor: k.actors.alice, listingId: l.id, reason: '无' }),
      k.restore.execute({ actor: k.actors.admin, listingId: 'nope', reason: '无' }),
      k.restore.execute({ actor: k.actors.admin, listingId: l.id, reason: '   ' }),
    ]);
    expect(codes.map((r) => !r.ok && r.error.code)).toEqual([
      'ADMIN_SCOPE',
      'ADMIN_ONLY',
      'LISTING_NOT_FOUND',
      'VALIDATION_FAILED',
    ]);
    expect((await k.ports.listings.byId(l.id))!.status).toBe('removed');
  });
});
