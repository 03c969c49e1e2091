import { beforeEach, describe, expect, it } from 'vitest';
import { coreKit, itemInput, type CoreKit } from '../testing/kit.js';
import { DAY_MS } from '../shared/clock.js';

let k: CoreKit;
beforeEach(async () => {
  k = await coreKit();
});

async function published(overrides: Record<string, unknown> = {}) {
  const r = await k.publish.execute({ actor: k.actors.alice, kind: 'item', content: itemInput(overrides) });
  if (!r.ok) throw new Error(`publish failed: ${r.error.code}`);
  return r.value;
}

describe('viewing and browsing', () => {
  it('shows the seller contact only to verified viewers', async () => {
    const l = await published();
    const contact = async (actor: CoreKit['anonymous'] | CoreKit['actors']['bob']) => {
      const r = await k.getListing.execute({ actor, listingId: l.id });
      return r.ok ? r.value.seller.qqOpenId : 'error';
    };
    expect(await contact(k.actors.bob)).toBe('OPENID-ALICE');
    expect(await contact(k.actors.carol)).toBeNull();
    expect(await contact(k.anonymous)).toBeNull();
    expect(await contact(k.actors.mallory)).toBeNull();
  });

  it('counts a view once per viewer per day, never the owner’s', async () => {
    const l = await published();
    await k.getListing.execute({ actor: k.actors.bob, listingId: l.id });
    await k.getListing.execute({ actor: k.actors.bob, listingId: l.id });
    await k.getListing.execute({ actor: k.actors.alice, listingId: l.id });
    await k.getListing.execute({ actor: k.anonymous, listingId: l.id, anonymousViewerKey: 'h1' });
    await k.getListing.execute({ actor: k.anonymous, listingId: l.id });
    expect((await k.ports.listings.byId(l.id))!.viewCount).toBe(2);
    k.clock.advance(DAY_MS);
    await k.getListing.execute({ actor: k.actors.bob, listingId: l.id });
    expect((await k.ports.listings.byId(l.id))!.viewCount).toBe(3);
  });

  it('filters by a root category and pages with an opaque cursor', async () => {
    for (let i = 0; i < 5; i++) {
      await published({ title: `手机 ${i}` });
      k.clock.advance(1000);
    }
    await k.publish.execute({
      actor: k.actors.alice,
      kind: 'book',
      content: itemInput({ categoryId: 'demo-textbooks', book: { isbn: '9787040396638' } }),
    });
    const first = await k.browse.execute({
      actor: k.anonymous,
      campusId: 'demo',
      categoryId: 'demo-digital',
      limit: 3,
    });
    if (!first.ok) throw new Error(first.error.code);
    expect(first.value.items.map((v) => v.listing.title)).toEqual(['手机 4', '手机 3', '手机 2']);
    expect(first.value.items[0]!.category).toEqual({
      id: 'demo-phones',
      name: '手机',
      parentId: 'demo-digital',
      parentName: '电子产品',
    });
    const second = await k.browse.execute({
      actor: k.anonymous,
      campusId: 'demo',
      categoryId: 'demo-digital',
      limit: 3,
      cursor: first.value.nextCursor!,
    });
    expect(second.ok && second.value.items.map((v) => v.listing.title)).toEqual(['手机 1', '手机 0']);
    expect(second.ok && second.value.nextCursor).toBeNull();
  });

  it('refuses a forged cursor on its own, then an unknown category and an inverted price range', async () => {
    const forged = await k.browse.execute({ actor: k.anonymous, campusId: 'demo', cursor: 'not-a-cursor' });
    expect(!forged.ok && forged.error.code).toBe('INVALID_CURSOR');
    const r = await k.browse.execute({
      actor: k.anonymous,
      campusId: 'demo',
      categoryId: 'nope',
      minPrice: 500,
      maxPrice: 100,
    });
    expect(!r.ok && r.error.code === 'VALIDATION_FAILED' && r.error.problems.map((p) => p.field).sort()).toEqual([
      'categoryId',
      'minPrice',
    ]);
  });
});
