import { Campus, SeedDefaultCategories, UlidGenerator, User, type ProjectSearchIndex } from '@xianzhi/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Search } from '../../src/composition/search-tokens.js';
import { resolve } from '../../src/composition/token.js';
import { call, categoryIds, expectError, isbn13 } from '../support/http.js';
import type { Stack } from '../support/stack.js';

const CAMPUS = 'searchtest';

/** Search over HTTP in a campus of its own; the index is brought up to date by the outbox projector. */
export function searchScenarios(get: () => Stack): void {
  let app: Stack['app'];
  let auth: { authorization: string };
  let projector: ProjectSearchIndex;
  const ids: Record<string, string> = {};

  describe('search over HTTP', () => {
    beforeAll(async () => {
      const s = get();
      app = s.app;
      const gen = new UlidGenerator();
      await s.persistence.campuses.save(
        Campus.create({ id: CAMPUS, name: '搜索大学', areas: [{ id: 'a1', name: '甲区' }] }),
      );
      await new SeedDefaultCategories(s.persistence.categories, gen).execute(CAMPUS);
      const fay = User.register({
        id: gen.next(),
        qqOpenId: 'OPENID-FAY',
        nickname: '菲',
        avatarUrl: null,
        campusId: CAMPUS,
        now: s.clock.now(),
      });
      fay.markVerified(s.clock.now());
      await s.persistence.users.save(fay);
      auth = { authorization: `Bearer ${(await s.tokens.issue(fay.id)).token}` };
      await s.anotherApp({
        customize: (c) => {
          projector = resolve(c, Search.Projector);
        },
      });
      const cats = await categoryIds(app, CAMPUS);
      const rows = {
        bike: {
          kind: 'item',
          title: '二手自行车 捷安特',
          description: '骑了一年，刹车灵敏',
          categoryId: cats['transport-bike'],
          price: 20_000,
          condition: 'lightly_used',
          areaId: 'a1',
          tradeMethods: ['face_to_face'],
        },
        ipad: {
          kind: 'item',
          title: 'iPad Air 4 64G',
          description: '屏幕无划痕，送保护壳',
          categoryId: cats['digital-computer'],
          price: 180_000,
          condition: 'like_new',
          tradeMethods: ['face_to_face'],
        },
        book: {
          kind: 'book',
          title: '高等数学 第七版 上册',
          description: '有少量笔记',
          categoryId: cats['books-textbook'],
          price: 1_500,
          condition: 'lightly_used',
          tradeMethods: ['face_to_face'],
          book: { isbn: isbn13('978704039663') },
        },
      };
      for (const [key, body] of Object.entries(rows)) {
        const res = await call(app, { method: 'POST', url: '/v1/listings', headers: auth, payload: body });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        ids[key] = res.body.id;
      }
      await projector.execute();
    });

    const search = async (query: string) => {
      const res = await call(app, { method: 'GET', url: `/v1/search?campusId=${CAMPUS}&${query}` });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as {
        items: { listing: { id: string; title: string }; title: { text: string; match: boolean }[] }[];
        nextCursor: string | null;
      };
    };
    const found = async (q: string, extra = '') =>
      (await search(`q=${encodeURIComponent(q)}${extra}`)).items.map((i) => i.listing.id);

    it('finds listings by Chinese words, pinyin, initials, brands with a typo and ISBN', async () => {
      expect(await found('自行车')).toEqual([ids['bike']]);
      expect(await found('zixingche')).toEqual([ids['bike']]);
      expect(await found('zxc')).toEqual([ids['bike']]);
      expect(await found('IPAD')).toEqual([ids['ipad']]);
      expect(await found('ipda')).toEqual([ids['ipad']]);
      expect(await found(isbn13('978704039663'))).toEqual([ids['book']]);
    });

    it('highlights the matched words and combines filters with the query', async () => {
      const page = await search(`q=${encodeURIComponent('高等数学')}`);
      expect(
        page.items[0]!.title.filter((p) => p.match)
          .map((p) => p.text)
          .join(''),
      ).toBe('高等数学');
      expect(await found('数学', '&maxPrice=1000')).toEqual([]);
      expect(await found('数学', '&kind=book&maxPrice=2000')).toEqual([ids['book']]);
    });

    it('suggests titles while typing', async () => {
      const res = await call(app, {
        method: 'GET',
        url: `/v1/search/suggest?campusId=${CAMPUS}&q=${encodeURIComponent('高等')}`,
      });
      expect(res.status).toBe(200);
      expect(res.body.suggestions).toContain('高等数学 第七版 上册');
    });

    it('refuses an empty query and an upside-down price range', async () => {
      expectError(
        await call(app, { method: 'GET', url: `/v1/search?campusId=${CAMPUS}&q=%20` }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await call(app, { method: 'GET', url: `/v1/search?campusId=${CAMPUS}&q=a&minPrice=5&maxPrice=1` }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('follows the outbox: a sold listing leaves the results, an edited title is found by its new words', async () => {
      const sold = await call(app, {
        method: 'POST',
        url: `/v1/listings/${ids['bike']}/status`,
        headers: auth,
        payload: { status: 'sold' },
      });
      expect(sold.status, JSON.stringify(sold.body)).toBe(200);
      const edited = await call(app, {
        method: 'PATCH',
        url: `/v1/listings/${ids['ipad']}`,
        headers: auth,
        payload: { version: 1, title: 'iPad Air 4 平板电脑' },
      });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      await projector.execute();
      expect(await found('自行车')).toEqual([]);
      expect(await found('平板')).toEqual([ids['ipad']]);
    });
  });
}
