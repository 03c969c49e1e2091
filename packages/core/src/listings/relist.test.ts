import { beforeEach, describe, expect, it } from 'vitest';
import { coreKit, itemInput, type CoreKit } from '../testing/kit.js';
import { addDays, DAY_MS } from '../shared/clock.js';

let k: CoreKit;
beforeEach(async () => {
  k = await coreKit();
});

async function published() {
  const r = await k.publish.execute({ actor: k.actors.alice, kind: 'item', content: itemInput() });
  if (!r.ok) throw new Error(`publish failed: ${r.error.code}`);
  return r.value;
}

async function withdrawn() {
  const l = await published();
  const r = await k.withdraw.execute({ actor: k.actors.alice, listingId: l.id });
  if (!r.ok) throw new Error(`withdraw failed: ${r.error.code}`);
  return r.value;
}

const feedIds = async () => {
  const r = await k.browse.execute({ actor: k.anonymous, campusId: 'demo' });
  return r.ok ? r.value.items.map((v) => v.listing.id) : [];
};

describe('relisting (重新上架)', () => {
  it('puts a withdrawn listing back on sale with a fresh lifetime, recording the change for search and the feed', async () => {
    const l = await withdrawn();
    k.clock.advance(20 * DAY_MS);
    const r = await k.relist.execute({ actor: k.actors.alice, listingId: l.id, version: l.version });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.status).toBe('active');
    expect(r.value.expiresAt).toEqual(addDays(k.clock.now(), 30));
    // A day and more since it was listed: back to the top, as a 擦亮 would be.
    expect(r.value.listedAt).toEqual(k.clock.now());
    expect(await feedIds()).toEqual([l.id]);
    const changes = (await k.ports.outbox.unpublished(100)).filter((e) => e.type === 'ListingStatusChanged');
    expect(changes.at(-1)?.payload).toMatchObject({ from: 'withdrawn', to: 'active', by: 'alice' });
  });

  it('is no way around the once-a-day 擦亮: relisted the same day, it keeps its place', async () => {
    const l = await withdrawn();
    k.clock.advance(1000);
    const r = await k.relist.execute({ actor: k.actors.alice, listingId: l.id });
    expect(r.ok && r.value.listedAt).toEqual(l.listedAt);
    const renew = await k.renew.execute({ actor: k.actors.alice, listingId: l.id });
    expect(!renew.ok && renew.error.code).toBe('RENEW_TOO_SOON');
  });

  it('refuses anything not withdrawn, naming the state it is in', async () => {
    const live = await published();
    const active = await k.relist.execute({ actor: k.actors.alice, listingId: live.id });
    expect(!active.ok && active.error).toMatchObject({
      code: 'LISTING_TRANSITION_NOT_ALLOWED',
      details: { from: 'active', to: 'relisted' },
    });
    await k.changeStatus.execute({ actor: k.actors.alice, listingId: live.id, status: 'sold' });
    const sold = await k.relist.execute({ actor: k.actors.alice, listingId: live.id });
    expect(!sold.ok && sold.error.details).toEqual({ from: 'sold', to: 'relisted' });

    const gone = await published();
    await k.remove.execute({ actor: k.actors.admin, listingId: gone.id, reason: '违规' });
    const removed = await k.relist.execute({ actor: k.actors.alice, listingId: gone.id });
    expect(!removed.ok && removed.error.details).toEqual({ from: 'removed', to: 'relisted' });
  });

  it('is for the owner only, at the version they saw', async () => {
    const l = await withdrawn();
    const other = await k.relist.execute({ actor: k.actors.bob, listingId: l.id });
    expect(!other.ok && other.error.code).toBe('NOT_LISTING_OWNER');
    const anon = await k.relist.execute({ actor: k.anonymous, listingId: l.id });
    expect(!anon.ok && anon.error.code).toBe('UNAUTHENTICATED');
    const stale = await k.relist.execute({ actor: k.actors.alice, listingId: l.id, version: l.version - 1 });
    expect(!stale.ok && stale.error.code).toBe('LISTING_VERSION_CONFLICT');
  });
});
