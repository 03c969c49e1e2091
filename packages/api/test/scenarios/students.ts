import { Campus, SeedDefaultCategories, UlidGenerator, User, type ProjectSearchIndex } from '@xianzhi/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ListingPage, SellerProfile } from '../../src/contract.js';
import { Search } from '../../src/composition/search-tokens.js';
import { resolve } from '../../src/composition/token.js';
import { call, categoryIds, expectError } from '../support/http.js';
import type { Stack } from '../support/stack.js';

const CAMPUS = 'studenttest';

/** Seller pages, the trade-method filter and relisting, in a campus of their own. */
export function studentScenarios(get: () => Stack): void {
  let app: Stack['app'];
  let projector: ProjectSearchIndex;
  let gen: UlidGenerator;
  let cats: Record<string, string>;
  let gil: User;
  let gilAuth: { authorization: string };
  const ids: Record<string, string> = {};

  async function student(nickname: string): Promise<{ user: User; auth: { authorization: string } }> {
    const s = get();
    const user = User.register({
      id: gen.next(),
      qqOpenId: `OPENID-${nickname}`,
      nickname,
      avatarUrl: null,
      campusId: CAMPUS,
      now: s.clock.now(),
    });
    user.markVerified(s.clock.now());
    await s.persistence.users.save(user);
    return { user, auth: { authorization: `Bearer ${(await s.tokens.issue(user.id)).token}` } };
  }

  async function publish(auth: { authorization: string }, title: string, tradeMethods: string[]): Promise<string> {
    get().clock.advance(60_000);
    const res = await call(app, {
      method: 'POST',
      url: '/v1/listings',
      headers: auth,
      payload: {
        kind: 'item',
        title,
        categoryId: cats['daily-dorm'],
        price: 1_000,
        condition: 'new',
        tradeMethods,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  const post = (url: string, payload: object = {}) => call(app, { method: 'POST', url, headers: gilAuth, payload });
  const get200 = async <T>(url: string): Promise<T> => {
    const res = await call<T>(app, { method: 'GET', url });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  describe('student side: seller pages, trade methods, relisting', () => {
    beforeAll(async () => {
      const s = get();
      app = s.app;
      gen = new UlidGenerator();
      await s.persistence.campuses.save(Campus.create({ id: CAMPUS, name: '学生大学', areas: [] }));
      await new SeedDefaultCategories(s.persistence.categories, gen).execute(CAMPUS);
      cats = await categoryIds(app, CAMPUS);
      await s.anotherApp({
        customize: (c) => {
          projector = resolve(c, Search.Projector);
        },
      });
      ({ user: gil, auth: gilAuth } = await student('吉尔'));
      const hal = await student('哈尔');
      ids['lamp'] = await publish(gilAuth, '台灯 当面', ['face_to_face']);
      ids['kettle'] = await publish(gilAuth, '台灯 快递', ['face_to_face', 'express']);
      ids['rack'] = await publish(gilAuth, '鞋架 送货', ['delivery']);
      ids['sold'] = await publish(gilAuth, '台灯 已售', ['express']);
      ids['hals'] = await publish(hal.auth, '台灯 别人的', ['express']);
      expect((await post(`/v1/listings/${ids['sold']}/status`, { status: 'sold' })).status).toBe(200);
      await projector.execute();
    });

    it("shows a seller's public profile, with nothing private in it", async () => {
      const body = await get200<SellerProfile>(`/v1/users/${gil.id}`);
      expect(body).toEqual({
        id: gil.id,
        nickname: '吉尔',
        avatarUrl: null,
        verified: true,
        campusId: CAMPUS,
        memberSince: gil.createdAt.toISOString(),
        liveListingCount: 3,
        // No trades yet: nothing completed, no ratings, no share of 好评.
        trust: { completedAsSeller: 0, completedAsBuyer: 0, ratingCount: 0, goodShare: null },
      });
      expectError(
        await call(app, { method: 'GET', url: '/v1/users/01NOBODY000000000000000000' }),
        404,
        'USER_NOT_FOUND',
      );
    });

    it("pages a seller's live listings newest first, in the feed's card shape", async () => {
      const feed = await get200<ListingPage>(`/v1/listings?campusId=${CAMPUS}&limit=50`);
      const expected = feed.items.filter((i) => i.seller.id === gil.id);
      expect(expected.map((i) => i.id)).toEqual([ids['rack'], ids['kettle'], ids['lamp']]);
      const seen: ListingPage['items'] = [];
      let cursor: string | null = null;
      do {
        const page: ListingPage = await get200<ListingPage>(
          `/v1/users/${gil.id}/listings?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
      const forged = await call(app, { method: 'GET', url: `/v1/users/${gil.id}/listings?cursor=bm90LWEtY3Vyc29y` });
      expect(expectError(forged, 400, 'INVALID_CURSOR')).toEqual({ field: 'cursor' });
    });

    it('filters the feed and search by a trade method, and names the field of a bad one', async () => {
      const feedTitles = async (m: string) =>
        (await get200<ListingPage>(`/v1/listings?campusId=${CAMPUS}&tradeMethod=${m}`)).items.map((i) => i.title);
      expect(await feedTitles('express')).toEqual(['台灯 别人的', '台灯 快递']);
      expect(await feedTitles('delivery')).toEqual(['鞋架 送货']);
      const searched = async (m: string) =>
        (
          await get200<{ items: { listing: { id: string } }[] }>(
            `/v1/search?campusId=${CAMPUS}&q=${encodeURIComponent('台灯')}&sort=newest&tradeMethod=${m}`,
          )
        ).items.map((i) => i.listing.id);
      expect(await searched('express')).toEqual([ids['hals'], ids['kettle']]);
      expect(await searched('face_to_face')).toEqual([ids['kettle'], ids['lamp']]);
      for (const url of [
        `/v1/listings?campusId=${CAMPUS}&tradeMethod=teleport`,
        `/v1/search?campusId=${CAMPUS}&q=a&tradeMethod=teleport`,
      ]) {
        const details = expectError(await call(app, { method: 'GET', url }), 400, 'VALIDATION_FAILED');
        expect(details).toEqual([expect.objectContaining({ field: 'tradeMethod' })]);
      }
    });

    it('relists a withdrawn listing into the feed and search; a sold one is refused, saying why', async () => {
      const withdrawn = await post(`/v1/listings/${ids['lamp']}/withdraw`);
      expect(withdrawn.status).toBe(200);
      await projector.execute();
      const liveIds = async () =>
        (await get200<ListingPage>(`/v1/users/${gil.id}/listings`)).items.map((i) => i.id).sort();
      expect(await liveIds()).not.toContain(ids['lamp']);

      get().clock.advance(2 * 86_400_000);
      const relisted = await post(`/v1/listings/${ids['lamp']}/relist`, { version: withdrawn.body.version });
      expect(relisted.status, JSON.stringify(relisted.body)).toBe(200);
      expect(relisted.body).toMatchObject({ status: 'active', listedAt: get().clock.now().toISOString() });
      await projector.execute();
      expect(await liveIds()).toContain(ids['lamp']);
      const found = await get200<{ items: { listing: { id: string } }[] }>(
        `/v1/search?campusId=${CAMPUS}&q=${encodeURIComponent('当面')}`,
      );
      expect(found.items.map((i) => i.listing.id)).toEqual([ids['lamp']]);

      const again = await post(`/v1/listings/${ids['lamp']}/relist`);
      expect(expectError(again, 409, 'LISTING_TRANSITION_NOT_ALLOWED')).toEqual({ from: 'active', to: 'relisted' });
      const sold = await post(`/v1/listings/${ids['sold']}/relist`);
      expect(expectError(sold, 409, 'LISTING_TRANSITION_NOT_ALLOWED')).toEqual({ from: 'sold', to: 'relisted' });
      const notMine = await call(app, {
        method: 'POST',
        url: `/v1/listings/${ids['hals']}/relist`,
        headers: gilAuth,
        payload: {},
      });
      expectError(notMine, 403, 'NOT_LISTING_OWNER');
    });

    it("tells the mini-program the student's campus in GET /v1/me", async () => {
      const me = await call(app, { method: 'GET', url: '/v1/me', headers: gilAuth });
      expect(me.status).toBe(200);
      expect(me.body.campusId).toBe(CAMPUS);
    });

    it('has no page for a banned student', async () => {
      const s = get();
      const banned = (await s.persistence.users.byId(gil.id))!;
      banned.status = 'banned';
      await s.persistence.users.save(banned);
      await s.persistence.listings.setOwnerBanned(gil.id, true);
      expectError(await call(app, { method: 'GET', url: `/v1/users/${gil.id}` }), 404, 'USER_NOT_FOUND');
      expectError(await call(app, { method: 'GET', url: `/v1/users/${gil.id}/listings` }), 404, 'USER_NOT_FOUND');
    });
  });
}
