import { beforeEach, describe, expect, it } from 'vitest';
import { coreKit, itemInput, type CoreKit } from '../testing/kit.js';
import { DAY_MS } from '../shared/clock.js';

let k: CoreKit;
beforeEach(async () => {
  k = await coreKit();
});

async function published(actor: CoreKit['actors']['alice'], overrides: Record<string, unknown> = {}) {
  const r = await k.publish.execute({ actor, kind: 'item', content: itemInput(overrides) });
  if (!r.ok) throw new Error(`publish failed: ${r.error.code}`);
  return r.value;
}

describe('seller profile', () => {
  it('shows the public part of a seller and counts only their live listings', async () => {
    await published(k.actors.alice, { title: '台灯' });
    const sold = await published(k.actors.alice, { title: '自行车' });
    await k.changeStatus.execute({ actor: k.actors.alice, listingId: sold.id, status: 'sold' });
    const withdrawn = await published(k.actors.alice, { title: '书架' });
    await k.withdraw.execute({ actor: k.actors.alice, listingId: withdrawn.id });
    await published(k.actors.bob, { title: '别人的' });

    const r = await k.sellerProfile.execute({ userId: 'alice' });
    expect(r.ok && r.value).toEqual({
      id: 'alice',
      nickname: '爱丽丝',
      avatarUrl: null,
      verified: true,
      campusId: 'demo',
      memberSince: k.people.alice.createdAt,
      liveListingCount: 1,
    });
    expect(JSON.stringify(r)).not.toContain('OPENID');
  });

  it('knows no banned or unknown user', async () => {
    for (const userId of ['mallory', 'nobody']) {
      const profile = await k.sellerProfile.execute({ userId });
      expect(!profile.ok && profile.error.code).toBe('USER_NOT_FOUND');
      const page = await k.sellerListings.execute({ actor: k.anonymous, userId });
      expect(!page.ok && page.error.code).toBe('USER_NOT_FOUND');
    }
  });

  it("pages a seller's live listings newest first with the feed's cursor, leaving out the rest", async () => {
    const titles: string[] = [];
    for (let i = 0; i < 5; i++) {
      titles.unshift((await published(k.actors.alice, { title: `物品 ${i}` })).title);
      k.clock.advance(1000);
    }
    const gone = await published(k.actors.alice, { title: '已下架' });
    await k.withdraw.execute({ actor: k.actors.alice, listingId: gone.id });
    await published(k.actors.bob, { title: '鲍勃的' });

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await k.sellerListings.execute({ actor: k.anonymous, userId: 'alice', limit: 2, cursor });
      if (!page.ok) throw new Error(page.error.code);
      seen.push(...page.value.items.map((v) => v.listing.title));
      if (!page.value.nextCursor) break;
      cursor = page.value.nextCursor;
    }
    expect(seen).toEqual(titles);
    const bad = await k.sellerListings.execute({ actor: k.anonymous, userId: 'alice', cursor: 'garbage' });
    expect(!bad.ok && bad.error.code).toBe('INVALID_CURSOR');
  });

  it('leaves out listings past their lifetime', async () => {
    await published(k.actors.alice);
    k.clock.advance(31 * DAY_MS);
    const page = await k.sellerListings.execute({ actor: k.anonymous, userId: 'alice' });
    expect(page.ok && page.value.items).toEqual([]);
    const profile = await k.sellerProfile.execute({ userId: 'alice' });
    expect(profile.ok && profile.value.liveListingCount).toBe(0);
  });
});

describe('the trade-method filter', () => {
  it('keeps listings offering the method among others, and refuses an unknown one naming the field', async () => {
    await published(k.actors.alice, { title: '当面', tradeMethods: ['face_to_face'] });
    k.clock.advance(1000);
    await published(k.actors.alice, { title: '快递或当面', tradeMethods: ['face_to_face', 'express'] });
    const titles = async (tradeMethod: string) => {
      const r = await k.browse.execute({ actor: k.anonymous, campusId: 'demo', tradeMethod });
      return r.ok ? r.value.items.map((v) => v.listing.title) : r.error;
    };
    expect(await titles('express')).toEqual(['快递或当面']);
    expect(await titles('face_to_face')).toEqual(['快递或当面', '当面']);
    expect(await titles('delivery')).toEqual([]);
    expect(await titles('teleport')).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'tradeMethod', message: '交易方式无效' }],
    });
  });
});
