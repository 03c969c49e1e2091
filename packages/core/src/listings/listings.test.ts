import { beforeEach, describe, expect, it } from 'vitest';
import { coreKit, itemInput, type CoreKit } from '../testing/kit.js';
import { inMemoryPersistence } from '../testing/in-memory.js';
import type { DomainEvent } from '../shared/events.js';
import { DAY_MS } from '../shared/clock.js';
import { normalizeIsbn } from './isbn.js';

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

describe('publishing', () => {
  it('publishes an active listing for a verified student and records ListingPublished', async () => {
    const l = await published();
    expect(l).toMatchObject({
      status: 'active',
      ownerId: 'alice',
      campusId: 'demo',
      rootCategoryId: 'demo-digital',
      version: 1,
      price: 250_000,
    });
    expect(l.expiresAt.getTime() - l.listedAt.getTime()).toBe(30 * DAY_MS);
    expect(l.priceHistory).toEqual([{ at: l.createdAt.toISOString(), from: null, to: 250_000 }]);
    const [event] = await pending();
    expect(event).toMatchObject({
      type: 'ListingPublished',
      aggregateId: l.id,
      payload: { ownerId: 'alice', price: 250_000 },
    });
    expect(await k.ports.listings.byId(l.id)).not.toBeNull();
  });

  it.each([
    ['anonymous', () => k.anonymous, 'UNAUTHENTICATED'],
    ['unverified', () => k.actors.carol, 'NOT_VERIFIED'],
    ['banned', () => k.actors.mallory, 'USER_BANNED'],
  ])('refuses %s users and stores nothing', async (_name, actor, code) => {
    const r = await k.publish.execute({ actor: actor(), kind: 'item', content: itemInput() });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
    expect(await pending()).toEqual([]);
  });

  it('names every bad field at once', async () => {
    const r = await k.publish.execute({
      actor: k.actors.alice,
      kind: 'item',
      content: itemInput({
        title: 'x',
        price: -1,
        condition: 'broken',
        tradeMethods: [],
        photos: Array(10)
          .fill('p')
          .map((p, i) => p + i),
      }),
    });
    expect(r.ok).toBe(false);
    if (r.ok || r.error.code !== 'VALIDATION_FAILED') throw new Error('expected VALIDATION_FAILED');
    expect(r.error.problems.map((p) => p.field).sort()).toEqual([
      'condition',
      'photos',
      'price',
      'title',
      'tradeMethods',
    ]);
  });

  it('refuses an original price below the price, and a price with fractions of a fen', async () => {
    const r = await k.publish.execute({
      actor: k.actors.alice,
      kind: 'item',
      content: itemInput({ price: 100.5, originalPrice: 50 }),
    });
    expect(!r.ok && r.error.code).toBe('VALIDATION_FAILED');
    if (!r.ok && r.error.code === 'VALIDATION_FAILED')
      expect(r.error.problems.map((p) => p.field)).toEqual(['price', 'originalPrice']);
  });

  it('takes a book with an ISBN-10, stores it as ISBN-13, and refuses a bad checksum', async () => {
    const book = await k.publish.execute({
      actor: k.actors.alice,
      kind: 'book',
      content: itemInput({
        categoryId: 'demo-textbooks',
        price: 2_500,
        book: { isbn: '7-04-039663-7', author: '同济大学数学系' },
      }),
    });
    expect(book.ok && book.value.book).toEqual({
      isbn: '9787040396638',
      author: '同济大学数学系',
      publisher: null,
      course: null,
    });
    expect(book.ok && book.value.rootCategoryId).toBe('demo-books');
    const bad = await k.publish.execute({
      actor: k.actors.alice,
      kind: 'book',
      content: itemInput({ categoryId: 'demo-textbooks', book: { isbn: '9787040396639' } }),
    });
    expect(!bad.ok && bad.error.code).toBe('INVALID_ISBN');
    const missing = await k.publish.execute({
      actor: k.actors.alice,
      kind: 'book',
      content: itemInput({ categoryId: 'demo-textbooks' }),
    });
    expect(!missing.ok && missing.error.code).toBe('VALIDATION_FAILED');
  });

  it('takes a wanted post with a budget or 面议, and no condition', async () => {
    const open = await k.publish.execute({
      actor: k.actors.bob,
      kind: 'wanted',
      content: itemInput({ title: '求购 二手自行车', price: null, originalPrice: null, condition: null }),
    });
    expect(open.ok && open.value.price).toBeNull();
    const withCondition = await k.publish.execute({
      actor: k.actors.bob,
      kind: 'wanted',
      content: itemInput({ title: '求购 台灯', price: 3_000, originalPrice: null }),
    });
    expect(!withCondition.ok && withCondition.error.code).toBe('VALIDATION_FAILED');
  });

  it('only places listings in an enabled 二级标签 of the campus, at one of its trade areas', async () => {
    const codes = async (o: Record<string, unknown>) => {
      const r = await k.publish.execute({ actor: k.actors.alice, kind: 'item', content: itemInput(o) });
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await codes({ categoryId: 'demo-digital' })).toBe('CATEGORY_NOT_SELECTABLE');
    expect(await codes({ categoryId: 'demo-misc' })).toBe('CATEGORY_NOT_SELECTABLE');
    expect(await codes({ categoryId: 'nope' })).toBe('CATEGORY_NOT_FOUND');
    expect(await codes({ areaId: 'mars' })).toBe('VALIDATION_FAILED');
    expect(await codes({ areaId: null })).toBe('ok');
  });
});

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

describe('ISBN', () => {
  it.each([
    ['9787040396638', '9787040396638'],
    ['978-7-04-039663-8', '9787040396638'],
    ['0-306-40615-2', '9780306406157'],
    ['080442957X', '9780804429573'],
    ['9787040396630', null],
    ['0306406153', null],
    ['X306406152', null],
    ['12345', null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeIsbn(input)).toBe(expected);
  });
});
