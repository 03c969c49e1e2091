import { deleteKeys, testRedisUrl, uniquePrefix } from '@xianzhi/adapters/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, categoryIds, itemBody, publishAs } from './support/http.js';
import { startStack, type Stack } from './support/stack.js';

// Two API instances (each its own container: its own body cache and version, like two processes) on one
// MariaDB database, sharing Redis. The instance that made a change must show it within 1 s, the other
// within 2 s; anonymous answers never carry a signed-in viewer's fields, and hits are byte-identical to misses.
const prefix = uniquePrefix('xz-cache');
const env = { XZ_REDIS_URL: testRedisUrl(), XZ_QUEUE_PREFIX: prefix };
let s: Stack;
let a: FastifyInstance;
let b: FastifyInstance;
let cats: Record<string, string>;

beforeAll(async () => {
  s = await startStack('mariadb', { env });
  a = s.app;
  b = await s.anotherApp({ env });
  cats = await categoryIds(a);
}, 60_000);

afterAll(async () => {
  await s?.close();
  await deleteKeys(testRedisUrl(), prefix);
});

const FEED = '/v1/listings?campusId=demo&sort=newest';

async function raw(app: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, text: res.body, cache: res.headers['x-cache'], json: () => JSON.parse(res.body) };
}

/** Polls until `check` holds; fails when it still does not after `boundMs`. Returns the time it took. */
async function within(boundMs: number, what: string, check: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await check()) return performance.now() - start;
    if (performance.now() - start > boundMs) throw new Error(`${what}: not visible within ${boundMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function feedIds(app: FastifyInstance): Promise<{ id: string; price: number }[]> {
  const res = await raw(app, FEED);
  expect(res.status).toBe(200);
  return (res.json() as { items: { id: string; price: number }[] }).items;
}

/** Fills both instances' caches with the feed and (when given) the anonymous detail, and checks they hit. */
async function warm(id?: string) {
  // A new instance serves without cache until its first read of the shared version answers.
  for (const app of [a, b]) {
    await within(2000, 'feed cached', async () => (await raw(app, FEED)).cache === 'hit');
    if (id) await within(2000, 'detail cached', async () => (await raw(app, `/v1/listings/${id}`)).cache === 'hit');
  }
}

describe('cache of public bodies across two instances sharing Redis', () => {
  it('publish, price drop and withdrawal show on the instance that made them within 1 s and on the other within 2 s', async () => {
    await warm();
    const d = await publishAs(s, 'bob', itemBody(cats, { title: '缓存测试 台灯', price: 5_000, originalPrice: 9_000 }));
    await within(1000, 'publish on A', async () => (await feedIds(a)).some((i) => i.id === d.id));
    await within(2000, 'publish on B', async () => (await feedIds(b)).some((i) => i.id === d.id));

    await warm(d.id);
    const drop = await call(a, {
      method: 'PATCH',
      url: `/v1/listings/${d.id}`,
      headers: s.auth('bob'),
      payload: { version: d.version, price: 3_000 },
    });
    expect(drop.status).toBe(200);
    const priced = async (app: FastifyInstance) =>
      (await feedIds(app)).find((i) => i.id === d.id)?.price === 3_000 &&
      (await raw(app, `/v1/listings/${d.id}`)).json().price === 3_000;
    await within(1000, 'price drop on A', () => priced(a));
    await within(2000, 'price drop on B', () => priced(b));

    await warm(d.id);
    const withdraw = await call(a, { method: 'POST', url: `/v1/listings/${d.id}/withdraw`, headers: s.auth('bob') });
    expect(withdraw.status).toBe(200);
    const gone = async (app: FastifyInstance) =>
      !(await feedIds(app)).some((i) => i.id === d.id) && (await raw(app, `/v1/listings/${d.id}`)).status === 404;
    await within(1000, 'withdrawal on A', () => gone(a));
    await within(2000, 'withdrawal on B', () => gone(b));
  });

  it("a signed-in viewer's fields never reach an anonymous answer, nor an anonymous answer a signed-in viewer", async () => {
    const d = await publishAs(s, 'bob', itemBody(cats, { title: '缓存测试 书桌', price: 8_000 }));
    expect(
      (await call(a, { method: 'PUT', url: `/v1/listings/${d.id}/favorite`, headers: s.auth('dave') })).status,
    ).toBe(200);
    const url = `/v1/listings/${d.id}`;
    for (const app of [a, b]) {
      // Signed-in first, then anonymous twice (miss, hit), then signed-in again after the cache holds the anonymous body.
      const dave = (await raw(app, url, s.auth('dave'))).json();
      expect(dave).toMatchObject({ favoritedByMe: true, isMine: false });
      expect(dave.seller.qqOpenId).toEqual(expect.any(String));
      const owner = (await raw(app, url, s.auth('bob'))).json();
      expect(owner).toMatchObject({ isMine: true });
      for (let i = 0; i < 2; i++) {
        const anon = await raw(app, url);
        expect(anon.status).toBe(200);
        expect(anon.json()).toMatchObject({ favoritedByMe: false, isMine: false, removalReason: null });
        expect(anon.json().seller).not.toHaveProperty('qqOpenId');
        expect(anon.text).not.toContain(dave.seller.qqOpenId);
      }
      expect((await raw(app, url)).cache).toBe('hit');
      const again = await raw(app, url, s.auth('dave'));
      expect(again.cache).toBeUndefined();
      expect(again.json()).toMatchObject({ favoritedByMe: true });
      expect(again.json().seller.qqOpenId).toBe(dave.seller.qqOpenId);
      expect((await raw(app, url, s.auth('bob'))).json()).toMatchObject({ isMine: true });
    }
  });

  it('a hit and a miss give byte-identical bodies (feed, catalog, anonymous detail)', async () => {
    const d = await publishAs(s, 'alice', itemBody(cats, { title: '缓存测试 风扇', price: 2_000 }));
    const urls = [FEED, '/v1/catalog?campusId=demo', `/v1/listings/${d.id}`, '/v1/listings?campusId=demo&kind=item'];
    for (const [n, url] of urls.entries()) {
      // Any committed change moves this instance's version at once: the next request misses, the one after hits.
      const method = n % 2 === 0 ? 'PUT' : 'DELETE';
      expect((await call(a, { method, url: `/v1/listings/${d.id}/favorite`, headers: s.auth('dave') })).status).toBe(
        200,
      );
      const miss = await raw(a, url);
      const hit = await raw(a, url);
      expect([url, miss.cache, hit.cache]).toEqual([url, 'miss', 'hit']);
      expect(hit.text).toBe(miss.text);
    }
  });

  it('the feed is one body for every caller: signed-in and anonymous get the same bytes', async () => {
    const anon = await raw(a, FEED);
    const signedIn = await raw(a, FEED, s.auth('dave'));
    expect(signedIn.text).toBe(anon.text);
  });
});
