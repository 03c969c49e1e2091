import { Campus, SeedDefaultCategories, UlidGenerator, UpdateRecommendationSignals, User } from '@xianzhi/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, categoryIds, expectError } from '../support/http.js';
import type { Stack } from '../support/stack.js';

const CAMPUS = 'recstest';

interface Page {
  items: { id: string; title: string; status: string; seller: { id: string } }[];
  nextCursor: string | null;
  mode: 'personal' | 'popular';
}

/** Recommendations over HTTP in a campus of its own: views go through the listing page, the signal job runs between. */
export function recommendationScenarios(stack: () => Stack): void {
  let s: Stack;
  const people: Record<string, { id: string; auth: { authorization: string } }> = {};
  const ids: Record<string, string> = {};

  describe('recommendations over HTTP', () => {
    beforeAll(async () => {
      s = stack();
      const gen = new UlidGenerator();
      await s.persistence.campuses.save(Campus.create({ id: CAMPUS, name: '推荐大学', areas: [] }));
      await new SeedDefaultCategories(s.persistence.categories, gen).execute(CAMPUS);
      for (const name of ['seller', 'fay', 'gus', 'hal', 'newbie']) {
        const u = User.register({
          id: gen.next(),
          qqOpenId: `OPENID-REC-${name}`,
          nickname: name,
          avatarUrl: null,
          campusId: CAMPUS,
          now: s.clock.now(),
        });
        u.markVerified(s.clock.now());
        await s.persistence.users.save(u);
        people[name] = { id: u.id, auth: { authorization: `Bearer ${(await s.tokens.issue(u.id)).token}` } };
      }
      const cats = await categoryIds(s.app, CAMPUS);
      const publish = async (key: string, who: string, title: string, code: string, price: number) => {
        const res = await call(s.app, {
          method: 'POST',
          url: '/v1/listings',
          headers: people[who]!.auth,
          payload: {
            kind: 'item',
            title,
            description: '自用，功能正常',
            categoryId: cats[code],
            price,
            condition: 'lightly_used',
            tradeMethods: ['face_to_face'],
          },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        ids[key] = res.body.id;
      };
      for (let i = 0; i < 14; i++)
        await publish(`phone${i}`, 'seller', `二手手机 型号${i}`, 'digital-phone', 50_000 + i * 5_000);
      for (let i = 0; i < 8; i++)
        await publish(`bike${i}`, 'seller', `自行车 ${i}号`, 'transport-bike', 20_000 + i * 1_000);
      await publish('charger', 'seller', '充电宝 两万毫安', 'digital-accessory', 6_000);
      await publish('sold', 'seller', '二手手机 型号99', 'digital-phone', 50_000);
      await publish('removed', 'seller', '二手手机 型号98', 'digital-phone', 50_000);
      await publish('fayOwn', 'fay', '二手手机 自己的', 'digital-phone', 50_000);

      const open = (who: string, key: string) =>
        call(s.app, { method: 'GET', url: `/v1/listings/${ids[key]}`, headers: people[who]!.auth });
      // gus and hal look at a phone and then the charger: the charger becomes the phone's neighbour.
      for (const who of ['gus', 'hal']) {
        for (const key of ['phone0', 'charger', 'sold', 'removed', 'bike0'])
          expect((await open(who, key)).status).toBe(200);
      }
      for (const key of ['phone0', 'phone1']) expect((await open('fay', key)).status).toBe(200);

      const sold = await call(s.app, {
        method: 'POST',
        url: `/v1/listings/${ids['sold']}/status`,
        headers: people['seller']!.auth,
        payload: { status: 'sold' },
      });
      expect(sold.status, JSON.stringify(sold.body)).toBe(200);
      const removed = await call(s.app, {
        method: 'POST',
        url: `/v1/admin/listings/${ids['removed']}/remove`,
        headers: s.auth('admin'),
        payload: { reason: '违规' },
      });
      // The demo admin runs another campus: the removal goes straight to the store instead.
      if (removed.status !== 200) {
        const l = (await s.persistence.listings.byId(ids['removed']!))!;
        l.remove('违规', s.clock.now());
        await s.persistence.listings.save(l);
      }
      const p = s.persistence;
      await new UpdateRecommendationSignals({
        interactions: p.interactions,
        log: p.outboxLog,
        checkpoints: p.checkpoints,
        signals: p.signals,
        listings: p.listings,
        uow: p.uow,
        clock: s.clock,
      }).execute();
    });

    const get = async (url: string, who?: string): Promise<Page> => {
      const res = await call(s.app, { method: 'GET', url, ...(who && { headers: people[who]!.auth }) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as Page;
    };
    const everyPage = async (url: string, who?: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 40; i++) {
        const page: Page = await get(
          `${url}${url.includes('?') ? '&' : '?'}limit=4${cursor ? `&cursor=${cursor}` : ''}`,
          who,
        );
        expect(page.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.items.map((l) => l.id));
        if (!page.nextCursor) return seen;
        cursor = page.nextCursor;
      }
      throw new Error('paging did not end');
    };
    const dead = () => [ids['sold'], ids['removed']];

    it("similar items: co-viewed listings first, never the listing itself, the caller's own, sold or removed ones", async () => {
      const page = await get(`/v1/listings/${ids['phone0']}/similar`, 'fay');
      const got = page.items.map((l) => l.id);
      // Both co-viewed listings lead: phone1 (fay's) and the charger of another 二级标签 (gus's and hal's), before unvisited phones.
      expect(new Set(got.slice(0, 2))).toEqual(new Set([ids['phone1'], ids['charger']]));
      expect(got).not.toContain(ids['phone0']);
      expect(got).not.toContain(ids['fayOwn']);
      for (const id of dead()) expect(got).not.toContain(id);
      expect(page.items.every((l) => l.status === 'active')).toBe(true);
      // Anonymous callers get the same cards, the seller's own listing included.
      expect((await get(`/v1/listings/${ids['phone0']}/similar?limit=50`)).items.map((l) => l.id)).toContain(
        ids['fayOwn'],
      );
    });

    it('similar items page without repeats or gaps', async () => {
      const all = (await get(`/v1/listings/${ids['phone0']}/similar?limit=50`, 'fay')).items.map((l) => l.id);
      const paged = await everyPage(`/v1/listings/${ids['phone0']}/similar`, 'fay');
      expect(paged).toEqual(all);
      expect(new Set(paged).size).toBe(paged.length);
    });

    it('signed-in students with history get personal results: never their own, already viewed, sold or removed listings', async () => {
      const page = await get(`/v1/recommendations?campusId=${CAMPUS}&limit=50`, 'fay');
      expect(page.mode).toBe('personal');
      const got = page.items.map((l) => l.id);
      expect(got[0]).toBe(ids['charger']);
      for (const id of [ids['fayOwn'], ids['phone0'], ids['phone1'], ...dead()]) expect(got).not.toContain(id);
      expect(page.items.every((l) => l.seller.id !== people['fay']!.id)).toBe(true);
    });

    it('the feed pages stay stable with no duplicates, even when the student opens a listing between pages', async () => {
      const all = (await get(`/v1/recommendations?campusId=${CAMPUS}&limit=50`, 'fay')).items.map((l) => l.id);
      const first = await get(`/v1/recommendations?campusId=${CAMPUS}&limit=4`, 'fay');
      await call(s.app, { method: 'GET', url: `/v1/listings/${first.items[1]!.id}`, headers: people['fay']!.auth });
      const rest: string[] = [];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await get(`/v1/recommendations?campusId=${CAMPUS}&limit=4&cursor=${cursor}`, 'fay');
        rest.push(...page.items.map((l) => l.id));
        cursor = page.nextCursor;
      }
      const paged = [...first.items.map((l) => l.id), ...rest];
      expect(paged).toEqual(all);
      expect(new Set(paged).size).toBe(paged.length);
    });

    it('cold start: anonymous callers and students without history get what the campus looks at', async () => {
      for (const who of [undefined, 'newbie']) {
        const page = await get(`/v1/recommendations?campusId=${CAMPUS}&limit=50`, who);
        expect(page.mode).toBe('popular');
        const got = page.items.map((l) => l.id);
        // Viewed by two students each, phone0, charger and bike0 lead the campus.
        expect(new Set(got.slice(0, 3))).toEqual(new Set([ids['phone0'], ids['charger'], ids['bike0']]));
        for (const id of dead()) expect(got).not.toContain(id);
      }
      const paged = await everyPage(`/v1/recommendations?campusId=${CAMPUS}`);
      expect(new Set(paged).size).toBe(paged.length);
    });

    it('refuses a forged cursor and an unknown listing', async () => {
      expectError(
        await call(s.app, { method: 'GET', url: `/v1/recommendations?campusId=${CAMPUS}&cursor=bm90LWEtY3Vyc29y` }),
        400,
        'INVALID_CURSOR',
      );
      expectError(
        await call(s.app, { method: 'GET', url: `/v1/listings/${ids['phone0']}/similar?cursor=bm90LWEtY3Vyc29y` }),
        400,
        'INVALID_CURSOR',
      );
      expectError(
        await call(s.app, { method: 'GET', url: '/v1/listings/01NOSUCHLISTING0000000000/similar' }),
        404,
        'LISTING_NOT_FOUND',
      );
      expectError(
        await call(s.app, { method: 'GET', url: `/v1/listings/${ids['removed']}/similar` }),
        404,
        'LISTING_NOT_FOUND',
      );
      expectError(await call(s.app, { method: 'GET', url: `/v1/recommendations?limit=0` }), 400, 'VALIDATION_FAILED');
    });
  });
}
