import { beforeAll, describe, expect, it } from 'vitest';
import { call, categoryIds, expectError, isbn13, itemBody, publishAs } from '../support/http.js';
import type { Stack } from '../support/stack.js';

export function listingScenarios(get: () => Stack): void {
  let cats: Record<string, string>;
  beforeAll(async () => {
    cats = await categoryIds(get().app);
  });

  describe('publishing', () => {
    it('a verified student publishes: 201 with the full detail', async () => {
      const s = get();
      const res = await call(s.app, {
        method: 'POST',
        url: '/v1/listings',
        headers: s.auth('alice'),
        payload: itemBody(cats),
      });
      expect(res.status).toBe(201);
      const d = res.body;
      expect(d).toMatchObject({
        kind: 'item',
        title: '九成新 iPhone 13 128G 午夜色',
        price: 250_000,
        originalPrice: 599_900,
        status: 'active',
        version: 1,
        condition: 'like_new',
        areaId: 'east-dorm',
        tradeMethods: ['face_to_face', 'delivery'],
        book: null,
        category: { id: cats['digital-phone'], name: '手机', parentId: cats['digital'], parentName: '电子产品' },
        coverPhotoUrl: null,
        photos: [],
        isMine: true,
        favoritedByMe: false,
        removalReason: null,
        viewCount: 0,
        favoriteCount: 0,
        commentCount: 0,
        seller: { id: s.users.alice.id, nickname: s.users.alice.nickname, avatarUrl: null },
      });
      expect(d.id).toMatch(/^[0-9A-Z]{26}$/);
      expect(new Date(d.expiresAt).getTime()).toBe(new Date(d.listedAt).getTime() + 60 * 86_400_000);
      const stored = await s.persistence.listings.byId(d.id);
      expect(stored?.ownerId).toBe(s.users.alice.id);
    });

    it('a book is stored with its ISBN normalised to 13 digits', async () => {
      const s = get();
      const isbn = isbn13('978704039663');
      const d = await publishAs(
        s,
        'bob',
        itemBody(cats, {
          kind: 'book',
          title: '高等数学 第七版 上册',
          categoryId: cats['books-textbook'],
          price: 1500,
          originalPrice: 4740,
          condition: 'lightly_used',
          book: { isbn: `${isbn.slice(0, 3)}-${isbn.slice(3)}`, author: '同济大学数学系', course: '高等数学A' },
        }),
      );
      expect(d.book).toEqual({ isbn, author: '同济大学数学系', publisher: null, course: '高等数学A' });
    });

    it('a wanted post may leave the price open (面议)', async () => {
      const s = get();
      const d = await publishAs(s, 'dave', {
        kind: 'wanted',
        title: '求购二手自行车',
        price: null,
        categoryId: cats['transport-bike'],
        tradeMethods: ['face_to_face'],
      });
      expect(d).toMatchObject({ kind: 'wanted', price: null, condition: null, description: '' });
    });

    it('an unverified student may not publish: 403 NOT_VERIFIED, nothing stored', async () => {
      const s = get();
      const before = await s.persistence.listings.byOwner({ ownerId: s.users.carol.id, after: null, limit: 10 });
      const res = await call(s.app, {
        method: 'POST',
        url: '/v1/listings',
        headers: s.auth('carol'),
        payload: itemBody(cats),
      });
      expectError(res, 403, 'NOT_VERIFIED');
      expect(await s.persistence.listings.byOwner({ ownerId: s.users.carol.id, after: null, limit: 10 })).toHaveLength(
        before.length,
      );
    });

    it('an anonymous caller may not publish: 401 UNAUTHENTICATED', async () => {
      const res = await call(get().app, { method: 'POST', url: '/v1/listings', payload: itemBody(cats) });
      expectError(res, 401, 'UNAUTHENTICATED');
    });
  });

  describe('validation', () => {
    it('wrong types are refused by the schema with dotted field paths', async () => {
      const s = get();
      const res = await call(s.app, {
        method: 'POST',
        url: '/v1/listings',
        headers: s.auth('alice'),
        payload: itemBody(cats, {
          kind: 'book',
          title: 42,
          price: 'cheap',
          book: { isbn: 9787040396638 },
          colour: 'red',
        }),
      });
      const details = expectError(res, 400, 'VALIDATION_FAILED');
      const fields = details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['title', 'price', 'book.isbn', 'colour']));
      expect(fields).not.toContain('book');
      for (const d of details) expect(typeof d.message).toBe('string');
    });

    it('a missing body names every required field', async () => {
      const s = get();
      const res = await call(s.app, { method: 'POST', url: '/v1/listings', headers: s.auth('alice') });
      const fields = expectError(res, 400, 'VALIDATION_FAILED').map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['kind', 'title', 'price', 'categoryId', 'tradeMethods']));
    });

    it('an unknown sort or an out-of-range limit is refused on the query string', async () => {
      const app = get().app;
      const sort = await call(app, { method: 'GET', url: '/v1/listings?sort=cheapest' });
      expect(expectError(sort, 400, 'VALIDATION_FAILED')).toEqual([expect.objectContaining({ field: 'sort' })]);
      const limit = await call(app, { method: 'GET', url: '/v1/listings?limit=0&minPrice=abc' });
      const fields = expectError(limit, 400, 'VALIDATION_FAILED').map((d: { field: string }) => d.field);
      expect(fields.sort()).toEqual(['limit', 'minPrice']);
    });

    it('core rules come back the same way: a too-short title', async () => {
      const s = get();
      const res = await call(s.app, {
        method: 'POST',
        url: '/v1/listings',
        headers: s.auth('alice'),
        payload: itemBody(cats, { title: '书' }),
      });
      expect(expectError(res, 400, 'VALIDATION_FAILED')).toEqual([
        { field: 'title', message: expect.stringContaining('至少') },
      ]);
    });

    it('several core problems at once, and a bad ISBN checksum with its own code', async () => {
      const s = get();
      const many = await call(s.app, {
        method: 'POST',
        url: '/v1/listings',
        headers: s.auth('alice'),
        payload: itemBody(cats, { price: 100, originalPrice: 50, tradeMethods: [], condition: null }),
      });
      const fields = expectError(many, 400, 'VALIDATION_FAILED').map((d: { field: string }) => d.field);
      expect(fields.sort()).toEqual(['condition', 'originalPrice', 'tradeMethods']);

      const isbn = await call(s.app, {
        method: 'POST',
        url: '/v1/listings',
        headers: s.auth('alice'),
        payload: itemBody(cats, { kind: 'book', categoryId: cats['books-textbook'], book: { isbn: '9787040396630' } }),
      });
      expect(expectError(isbn, 400, 'INVALID_ISBN')).toEqual([{ field: 'book.isbn', message: expect.any(String) }]);
    });

    it('a 一级标签 is not selectable; an unknown category is not found', async () => {
      const s = get();
      const root = await call(s.app, {
        method: 'POST',
        url: '/v1/listings',
        headers: s.auth('alice'),
        payload: itemBody(cats, { categoryId: cats['digital'] }),
      });
      expectError(root, 400, 'CATEGORY_NOT_SELECTABLE');
      const unknown = await call(s.app, {
        method: 'POST',
        url: '/v1/listings',
        headers: s.auth('alice'),
        payload: itemBody(cats, { categoryId: 'no-such-category' }),
      });
      expectError(unknown, 404, 'CATEGORY_NOT_FOUND');
      const area = await call(s.app, {
        method: 'POST',
        url: '/v1/listings',
        headers: s.auth('alice'),
        payload: itemBody(cats, { areaId: 'mars' }),
      });
      expect(expectError(area, 400, 'VALIDATION_FAILED')).toEqual([{ field: 'areaId', message: expect.any(String) }]);
    });
  });

  describe('reading', () => {
    it('an unknown listing is 404 LISTING_NOT_FOUND', async () => {
      const res = await call(get().app, { method: 'GET', url: '/v1/listings/01HZZZZZZZZZZZZZZZZZZZZZZZ' });
      expect(expectError(res, 404, 'LISTING_NOT_FOUND')).toEqual({ listingId: '01HZZZZZZZZZZZZZZZZZZZZZZZ' });
    });

    it('views count once per viewer per day (anonymous: per address), never the owner', async () => {
      const s = get();
      const d = await publishAs(s, 'alice', itemBody(cats, { title: '计数用台灯' }));
      const view = (headers: Record<string, string>) =>
        call(s.app, { method: 'GET', url: `/v1/listings/${d.id}`, headers, remoteAddress: '10.1.2.3' });
      expect((await view({ 'user-agent': 'phone-A' })).body.viewCount).toBe(1);
      expect((await view({ 'user-agent': 'phone-A' })).body.viewCount).toBe(1);
      expect((await view({ 'user-agent': 'phone-B' })).body.viewCount).toBe(1);
      expect((await view({ ...s.auth('alice') })).body.viewCount).toBe(1);
      expect((await view({ ...s.auth('bob') })).body.viewCount).toBe(2);
      expect((await view({ ...s.auth('bob') })).body.viewCount).toBe(2);
      expect((await view({ ...s.auth('carol') })).body.viewCount).toBe(3);
    });

    it('30 anonymous views from one address with 30 user agents add at most one view (issue 16)', async () => {
      const s = get();
      const d = await publishAs(s, 'alice', itemBody(cats, { title: '刷不动的浏览量' }));
      let last = 0;
      for (let i = 0; i < 30; i++) {
        const res = await call(s.app, {
          method: 'GET',
          url: `/v1/listings/${d.id}`,
          headers: { 'user-agent': `phone-${i}` },
          remoteAddress: '10.4.4.4',
        });
        last = res.body.viewCount;
      }
      expect(last).toBeLessThanOrEqual(1);
    });
  });

  describe('editing', () => {
    it("another student's listing cannot be edited: 403 NOT_LISTING_OWNER", async () => {
      const s = get();
      const d = await publishAs(s, 'alice', itemBody(cats, { title: '不许别人改的耳机' }));
      const res = await call(s.app, {
        method: 'PATCH',
        url: `/v1/listings/${d.id}`,
        headers: s.auth('bob'),
        payload: { version: 1, title: '被篡改' },
      });
      expectError(res, 403, 'NOT_LISTING_OWNER');
      expect((await s.persistence.listings.byId(d.id))?.title).toBe('不许别人改的耳机');
    });

    it('a stale edit is refused with 409 and the stored listing is unchanged', async () => {
      const s = get();
      const d = await publishAs(s, 'alice', itemBody(cats, { title: '二手显示器 24 寸' }));
      const first = await call(s.app, {
        method: 'PATCH',
        url: `/v1/listings/${d.id}`,
        headers: s.auth('alice'),
        payload: { version: 1, title: '二手显示器 27 寸' },
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ version: 2, title: '二手显示器 27 寸' });

      const stale = await call(s.app, {
        method: 'PATCH',
        url: `/v1/listings/${d.id}`,
        headers: s.auth('alice'),
        payload: { version: 1, title: '旧页面上的修改', price: 1 },
      });
      expect(expectError(stale, 409, 'LISTING_VERSION_CONFLICT')).toEqual({
        listingId: d.id,
        expectedVersion: 1,
        currentVersion: 2,
      });
      const stored = await s.persistence.listings.byId(d.id);
      expect(stored).toMatchObject({ title: '二手显示器 27 寸', price: 250_000, version: 2 });
      const shown = await call(s.app, { method: 'GET', url: `/v1/listings/${d.id}` });
      expect(shown.body).toMatchObject({ title: '二手显示器 27 寸', version: 2 });
    });

    it('a price drop is kept in the price history and writes ListingPriceDropped to the outbox', async () => {
      const s = get();
      const d = await publishAs(
        s,
        'bob',
        itemBody(cats, { title: '降价的 Switch', price: 150_000, originalPrice: 230_000 }),
      );
      const res = await call(s.app, {
        method: 'PATCH',
        url: `/v1/listings/${d.id}`,
        headers: s.auth('bob'),
        payload: { version: 1, price: 120_000 },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ price: 120_000, version: 2 });

      const stored = await s.persistence.listings.byId(d.id);
      expect(stored?.priceHistory.map((h) => [h.from, h.to])).toEqual([
        [null, 150_000],
        [150_000, 120_000],
      ]);
      // Anyone reading the detail gets the same history: the app's 降价 badge reads its last step.
      const seen = await call(s.app, { method: 'GET', url: `/v1/listings/${d.id}` });
      expect(seen.body.priceHistory.map((h: { from: number | null; to: number | null }) => [h.from, h.to])).toEqual([
        [null, 150_000],
        [150_000, 120_000],
      ]);
      const events = (await s.persistence.outbox.unpublished(10_000)).filter((e) => e.aggregateId === d.id);
      expect(events.map((e) => e.type)).toEqual(['ListingPublished', 'ListingEdited', 'ListingPriceDropped']);
      expect(events[2]!.payload).toMatchObject({
        listingId: d.id,
        oldPrice: 150_000,
        newPrice: 120_000,
        ownerId: s.users.bob.id,
      });

      const raise = await call(s.app, {
        method: 'PATCH',
        url: `/v1/listings/${d.id}`,
        headers: s.auth('bob'),
        payload: { version: 2, price: 130_000 },
      });
      expect(raise.status).toBe(200);
      const after = (await s.persistence.outbox.unpublished(10_000)).filter((e) => e.aggregateId === d.id);
      expect(after.filter((e) => e.type === 'ListingPriceDropped')).toHaveLength(1);
    });

    it('an edit with nothing new changes nothing, not even the version', async () => {
      const s = get();
      const d = await publishAs(s, 'alice', itemBody(cats, { title: '没有改动的台灯' }));
      const res = await call(s.app, {
        method: 'PATCH',
        url: `/v1/listings/${d.id}`,
        headers: s.auth('alice'),
        payload: { version: 1, title: '没有改动的台灯' },
      });
      expect(res.body.version).toBe(1);
    });

    it('an edit is validated like a publish: 400 with fields', async () => {
      const s = get();
      const d = await publishAs(s, 'alice', itemBody(cats, { title: '校验编辑' }));
      const missingVersion = await call(s.app, {
        method: 'PATCH',
        url: `/v1/listings/${d.id}`,
        headers: s.auth('alice'),
        payload: { title: '新标题' },
      });
      expect(expectError(missingVersion, 400, 'VALIDATION_FAILED')).toEqual([
        expect.objectContaining({ field: 'version' }),
      ]);
      const core = await call(s.app, {
        method: 'PATCH',
        url: `/v1/listings/${d.id}`,
        headers: s.auth('alice'),
        payload: { version: 1, price: -5 },
      });
      expect(expectError(core, 400, 'VALIDATION_FAILED')).toEqual([expect.objectContaining({ field: 'price' })]);
    });
  });
}
