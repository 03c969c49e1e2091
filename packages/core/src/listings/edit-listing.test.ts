import { beforeEach, describe, expect, it } from 'vitest';
import { coreKit, itemInput, type CoreKit } from '../testing/kit.js';
import { inMemoryPersistence } from '../testing/in-memory.js';
import type { DomainEvent } from '../shared/events.js';

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

describe('editing', () => {
  it('lets only the owner edit', async () => {
    const l = await published();
    const r = await k.edit.execute({
      actor: k.actors.bob,
      listingId: l.id,
      version: 1,
      changes: { title: '抢过来的标题' },
    });
    expect(!r.ok && r.error.code).toBe('NOT_LISTING_OWNER');
    const missing = await k.edit.execute({ actor: k.actors.alice, listingId: 'nope', version: 1, changes: {} });
    expect(!missing.ok && missing.error.code).toBe('LISTING_NOT_FOUND');
  });

  it('refuses a stale edit and keeps the newer content', async () => {
    const l = await published();
    const first = await k.edit.execute({
      actor: k.actors.alice,
      listingId: l.id,
      version: 1,
      changes: { title: '手机一' },
    });
    expect(first.ok && first.value.version).toBe(2);
    const stale = await k.edit.execute({
      actor: k.actors.alice,
      listingId: l.id,
      version: 1,
      changes: { title: '手机二' },
    });
    expect(!stale.ok && stale.error.code).toBe('LISTING_VERSION_CONFLICT');
    if (!stale.ok) expect(stale.error.details).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
    expect((await k.ports.listings.byId(l.id))!.title).toBe('手机一');
  });

  it('keeps price history and raises ListingPriceDropped only when the price goes down', async () => {
    const l = await published({ price: 250_000 });
    k.clock.advance(1000);
    await k.edit.execute({ actor: k.actors.alice, listingId: l.id, version: 1, changes: { price: 260_000 } });
    k.clock.advance(1000);
    const dropped = await k.edit.execute({
      actor: k.actors.alice,
      listingId: l.id,
      version: 2,
      changes: { price: 199_900 },
    });
    expect(dropped.ok).toBe(true);
    const stored = (await k.ports.listings.byId(l.id))!;
    expect(stored.priceHistory.map((h) => [h.from, h.to])).toEqual([
      [null, 250_000],
      [250_000, 260_000],
      [260_000, 199_900],
    ]);
    const drops = (await pending()).filter((e) => e.type === 'ListingPriceDropped');
    expect(drops).toHaveLength(1);
    expect(drops[0]!.payload).toMatchObject({ oldPrice: 260_000, newPrice: 199_900, listingId: l.id });
  });

  it('treats an edit that changes nothing as no change: same version, no events', async () => {
    const l = await published();
    const r = await k.edit.execute({ actor: k.actors.alice, listingId: l.id, version: 1, changes: { title: l.title } });
    expect(r.ok && r.value.version).toBe(1);
    expect(await types()).toEqual(['ListingPublished']);
  });

  it('validates the merged result and refuses to edit a sold listing', async () => {
    const l = await published();
    const bad = await k.edit.execute({
      actor: k.actors.alice,
      listingId: l.id,
      version: 1,
      changes: { originalPrice: 1 },
    });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION_FAILED');
    await k.changeStatus.execute({ actor: k.actors.alice, listingId: l.id, status: 'sold' });
    const late = await k.edit.execute({
      actor: k.actors.alice,
      listingId: l.id,
      version: 2,
      changes: { title: '卖掉了还改' },
    });
    expect(!late.ok && late.error.code).toBe('LISTING_TRANSITION_NOT_ALLOWED');
  });

  it('writes nothing when the outbox write fails: state and events share one transaction', async () => {
    const ports = inMemoryPersistence();
    const failing = {
      ...ports,
      outbox: {
        ...ports.outbox,
        append: async () => {
          throw new Error('outbox down');
        },
        unpublished: ports.outbox.unpublished.bind(ports.outbox),
        markPublished: ports.outbox.markPublished.bind(ports.outbox),
        claim: ports.outbox.claim.bind(ports.outbox),
        release: ports.outbox.release.bind(ports.outbox),
        unpublishRecent: ports.outbox.unpublishRecent.bind(ports.outbox),
      },
    };
    const kit = await coreKit(ports);
    const l = await kit.publish.execute({ actor: kit.actors.alice, kind: 'item', content: itemInput() });
    if (!l.ok) throw new Error('setup');
    const broken = await coreKit(failing);
    await expect(
      broken.edit.execute({ actor: broken.actors.alice, listingId: l.value.id, version: 1, changes: { price: 1 } }),
    ).rejects.toThrow('outbox down');
    const stored = (await ports.listings.byId(l.value.id))!;
    expect(stored.price).toBe(250_000);
    expect(stored.version).toBe(1);
  });
});
