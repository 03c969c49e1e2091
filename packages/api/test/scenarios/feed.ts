import { Campus, SeedDefaultCategories, UlidGenerator, User } from '@xianzhi/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ListingPage } from '../../src/contract.js';
import { call, categoryIds, expectError, isbn13, type Reply } from '../support/http.js';
import type { Stack } from '../support/stack.js';

const CAMPUS = 'feedtest';

/** Listings in a campus of their own, so the other scenarios cannot disturb the counts. */
export function feedScenarios(get: () => Stack): void {
  let cats: Record<string, string>;
  let published: { id: string; title: string; price: number | null }[];
  let app: Stack['app'];

  beforeAll(async () => {
    const s = get();
    app = s.app;
    const ids = new UlidGenerator();
    await s.persistence.campuses.save(
      Campus.create({
        id: CAMPUS,
        name: '分页大学',
        areas: [
          { id: 'a1', name: '甲区' },
          { id: 'a2', name: '乙区' },
        ],
      }),
    );
    await new SeedDefaultCategories(s.persistence.categories, ids).execute(CAMPUS);
    const eve = User.register({
      id: ids.next(),
      qqOpenId: 'OPENID-EVE',
      nickname: '伊芙',
      avatarUrl: null,
      campusId: CAMPUS,
      now: s.clock.now(),
    });
    eve.markVerified(s.clock.now());
    await s.persistence.users.save(eve);
    const auth = { authorization: `Bearer ${(await s.tokens.issue(eve.id)).token}` };
    cats = await categoryIds(app, CAMPUS);

    const item = (
      title: string,
      category: string,
      price: number | null,
      condition: string | null,
      areaId: string,
      extra: object = {},
    ) => ({
      kind: 'item',
      title,
      categoryId: cats[category],
      price,
      condition,
      areaId,
      tradeMethods: ['face_to_face'],
      ...extra,
    });
    const rows = [
      item('手机甲 iPhone', 'digital-phone', 100_000, 'like_new', 'a1'),
      item('手机乙 小米', 'digital-phone', 50_000, 'new', 'a2'),
      item('电脑丙 ThinkPad', 'digital-computer', 300_000, 'lightly_used', 'a1'),
      item('教材丁 线性代数', 'books-textbook', 3_000, 'heavily_used', 'a2', {
        kind: 'book',
        book: { isbn: isbn13('978704039663') },
      }),
      item('教材戊 大学英语', 'books-textbook', 1_500, 'like_new', 'a1', {
        kind: 'book',
        book: { isbn: isbn13('978711121382') },
      }),
      item('自行车己 捷安特', 'transport-bike', 20_000, 'lightly_used', 'a2'),
      item('求购庚 旧手机', 'digital-phone', null, null, 'a1', { kind: 'wanted' }),
      item('求购辛 笔记本电脑', 'digital-computer', 80_000, null, 'a2', { kind: 'wanted' }),
      item('收纳壬 桌面置物架', 'daily-dorm', 1_000, 'new', 'a1'),
    ];
    published = [];
    for (const body of rows) {
      s.clock.advance(60_000);
      const res = await call(app, { method: 'POST', url: '/v1/listings', headers: auth, payload: body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      published.push({ id: res.body.id, title: res.body.title, price: res.body.price });
    }
  });

  const feed = async (query: string) => {
    const res = await call(app, { method: 'GET', url: `/v1/listings?campusId=${CAMPUS}&limit=50&${query}` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { items: { id: string; title: string; price: number | null }[]; nextCursor: string | null };
  };
  const titles = async (query: string) => (await feed(query)).items.map((i) => i.title.slice(0, 3)).sort();

  describe('the feed over HTTP', () => {
    it('lists every live listing of the campus, newest first', async () => {
      const page = await feed('');
      expect(page.items.map((i) => i.id)).toEqual(published.map((p) => p.id).reverse());
      expect(page.nextCursor).toBeNull();
    });

    it('filters by either category level, kind, condition, price range and area', async () => {
      expect(await titles(`categoryId=${cats['digital']}`)).toEqual(
        ['求购庚', '求购辛', '手机乙', '手机甲', '电脑丙'].sort(),
      );
      expect(await titles(`categoryId=${cats['digital-phone']}`)).toEqual(['求购庚', '手机乙', '手机甲'].sort());
      expect(await titles('kind=book')).toEqual(['教材丁', '教材戊'].sort());
      expect(await titles('kind=wanted')).toEqual(['求购庚', '求购辛'].sort());
      expect(await titles('condition=like_new')).toEqual(['手机甲', '教材戊'].sort());
      expect(await titles('minPrice=20000&maxPrice=100000')).toEqual(['手机乙', '手机甲', '求购辛', '自行车'].sort());
      expect(await titles('areaId=a2')).toEqual(['手机乙', '教材丁', '自行车', '求购辛'].sort());
      expect(await titles(`kind=item&areaId=a1&categoryId=${cats['digital']}`)).toEqual(['手机甲', '电脑丙'].sort());
    });

    it('sorts by price both ways, leaving out 面议 posts', async () => {
      const asc = (await feed('sort=price_asc')).items.map((i) => i.price);
      expect(asc).toEqual([1_000, 1_500, 3_000, 20_000, 50_000, 80_000, 100_000, 300_000]);
      const desc = (await feed('sort=price_desc')).items.map((i) => i.price);
      expect(desc).toEqual([...asc].reverse());
    });

    it('pages with a cursor, without gaps or repeats, in every sort', async () => {
      for (const sort of ['newest', 'price_asc', 'price_desc']) {
        const whole = (await feed(`sort=${sort}`)).items.map((i) => i.id);
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const res: Reply<ListingPage> = await call(app, {
            method: 'GET',
            url: `/v1/listings?campusId=${CAMPUS}&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          });
          expect(res.status).toBe(200);
          expect(res.body.items.length).toBeLessThanOrEqual(2);
          seen.push(...res.body.items.map((i: { id: string }) => i.id));
          cursor = res.body.nextCursor;
          pages++;
        } while (cursor && pages < 20);
        expect(seen).toEqual(whole);
        expect(pages).toBe(Math.ceil(whole.length / 2));
      }
    });

    it('refuses a forged cursor, a category of another campus and an upside-down price range', async () => {
      expect(
        expectError(
          await call(app, { method: 'GET', url: `/v1/listings?campusId=${CAMPUS}&cursor=bm90LWEtY3Vyc29y` }),
          400,
          'INVALID_CURSOR',
        ),
      ).toEqual({ field: 'cursor' });
      const demoCats = await categoryIds(app, 'demo');
      expect(
        expectError(
          await call(app, { method: 'GET', url: `/v1/listings?campusId=${CAMPUS}&categoryId=${demoCats['digital']}` }),
          400,
          'VALIDATION_FAILED',
        ),
      ).toEqual([expect.objectContaining({ field: 'categoryId' })]);
      expect(
        expectError(
          await call(app, { method: 'GET', url: `/v1/listings?campusId=${CAMPUS}&minPrice=500&maxPrice=100` }),
          400,
          'VALIDATION_FAILED',
        ),
      ).toEqual([expect.objectContaining({ field: 'minPrice' })]);
    });

    it('an unknown campus has no catalog', async () => {
      expectError(await call(app, { method: 'GET', url: '/v1/catalog?campusId=atlantis' }), 404, 'CAMPUS_NOT_FOUND');
    });
  });
}
