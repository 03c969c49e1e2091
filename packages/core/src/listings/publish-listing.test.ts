import { beforeEach, describe, expect, it } from 'vitest';
import { coreKit, itemInput, type CoreKit } from '../testing/kit.js';
import type { DomainEvent } from '../shared/events.js';
import { DAY_MS } from '../shared/clock.js';
import { LISTING_CONTENT_FIELDS, validateContent } from './content.js';

let k: CoreKit;
beforeEach(async () => {
  k = await coreKit();
});

const pending = async (): Promise<DomainEvent[]> => k.ports.outbox.unpublished(1000);
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
  it('lists every content field once: LISTING_CONTENT_FIELDS is what validation returns, in order', () => {
    const content = validateContent('item', itemInput());
    expect(content.ok && Object.keys(content.value)).toEqual([...LISTING_CONTENT_FIELDS]);
  });
});
