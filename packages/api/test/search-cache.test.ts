import { deleteKeys, testRedisUrl, uniquePrefix } from '@xianzhi/adapters/testing';
import type { BufferedSearchLog, ProjectSearchIndex } from '@xianzhi/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Search } from '../src/composition/search-tokens.js';
import { resolve } from '../src/composition/token.js';
import { categoryIds, itemBody, publishAs } from './support/http.js';
import { startStack, type Stack } from './support/stack.js';

// Search first pages and suggestions from the response cache, across two API instances sharing Redis, with a
// third container standing in for the worker that runs the search-index projection (its commits move the
// shared version like any unit of work).
const prefix = uniquePrefix('xz-search-cache');
const env = { XZ_REDIS_URL: testRedisUrl(), XZ_QUEUE_PREFIX: prefix };
let s: Stack;
let a: FastifyInstance;
let b: FastifyInstance;
let projector: ProjectSearchIndex;
let counts: BufferedSearchLog;
let cats: Record<string, string>;

beforeAll(async () => {
  s = await startStack('mariadb', {
    env,
    customize: (c) => {
      counts = resolve(c, Search.Counts);
    },
  });
  a = s.app;
  b = await s.anotherApp({ env });
  await s.anotherApp({
    env,
    customize: (c) => {
      projector = resolve(c, Search.Projector);
    },
  });
  cats = await categoryIds(a);
  await publishAs(s, 'alice', itemBody(cats, { title: '搜索缓存 护眼台灯', description: '宿舍用' }));
  await publishAs(s, 'alice', itemBody(cats, { title: '宿舍小台灯', description: '可充电' }));
  await projector.execute();
}, 60_000);

afterAll(async () => {
  await s?.close();
  await deleteKeys(testRedisUrl(), prefix);
});

const q = (text: string, extra = '') => `/v1/search?q=${encodeURIComponent(text)}${extra}`;
const suggest = (text: string) => `/v1/search/suggest?q=${encodeURIComponent(text)}`;

async function raw(app: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'GET', url, headers });
  expect(res.statusCode, res.body).toBe(200);
  return { text: res.body, cache: res.headers['x-cache'], json: () => JSON.parse(res.body) };
}

/** Polls until `check` holds; fails when it still does not after `boundMs`. */
async function within(boundMs: number, what: string, check: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await check()) return performance.now() - start;
    if (performance.now() - start > boundMs) throw new Error(`${what}: not visible within ${boundMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const titles = async (app: FastifyInstance, text: string) =>
  ((await raw(app, q(text))).json().items as { listing: { title: string } }[]).map((i) => i.listing.title);

describe('search and suggestions from the response cache', () => {
  it('a hit and a miss are byte-identical, and one body serves anonymous and signed-in viewers', async () => {
    for (const url of [q('台灯'), q('台灯', '&sort=newest&kind=item'), suggest('搜索')]) {
      await within(2000, `${url} cached`, async () => (await raw(a, url)).cache === 'hit');
      await publishAs(s, 'bob', itemBody(cats, { title: '无关的书桌', description: '换一个版本' }));
      const miss = await raw(a, url);
      const hit = await raw(a, url, s.auth('dave'));
      expect([url, miss.cache, hit.cache]).toEqual([url, 'miss', 'hit']);
      expect(hit.text).toBe(miss.text);
    }
    expect((await raw(a, suggest('搜索'))).json().suggestions).toContain('搜索缓存 护眼台灯');
    // Next pages are not cached.
    const first = (await raw(a, q('台灯', '&limit=1'))).json();
    expect(first.nextCursor).toEqual(expect.any(String));
    expect((await raw(a, q('台灯', `&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`))).cache).toBeUndefined();
  });

  it('a new listing is findable on both instances within 2 s of the index projection running', async () => {
    await publishAs(s, 'bob', itemBody(cats, { title: '捷安特自行车', categoryId: cats['transport-bike'] }));
    // Published but not yet indexed: both instances cache the answer without it, under the version the
    // publish left; only the projection's own commit can make them drop it.
    for (const app of [a, b]) {
      await within(2000, 'search cached', async () => (await raw(app, q('自行车'))).cache === 'hit');
      await within(2000, 'suggest cached', async () => (await raw(app, suggest('捷安'))).cache === 'hit');
      expect(await titles(app, '自行车')).toEqual([]);
      expect((await raw(app, suggest('捷安'))).json().suggestions).toEqual([]);
    }
    await projector.execute();
    for (const app of [b, a]) {
      await within(2000, 'findable', async () => (await titles(app, '自行车')).includes('捷安特自行车'));
      await within(2000, 'suggested', async () =>
        ((await raw(app, suggest('捷安'))).json().suggestions as string[]).includes('捷安特自行车'),
      );
    }
  });

  it('a cache hit still counts the search of a signed-in student', async () => {
    const url = q('护眼台灯');
    await within(2000, 'cached', async () => (await raw(a, url)).cache === 'hit');
    await counts.flush();
    const searches = async () =>
      Number(
        (
          (await s.persistence.raw('select sum(searches) as n from search_term_day where term = ?', ['护眼台灯'])) as {
            n: number | string | null;
          }[]
        )[0]!.n ?? 0,
      );
    const before = await searches();
    for (const who of ['alice', 'bob', 'dave'] as const) expect((await raw(a, url, s.auth(who))).cache).toBe('hit');
    // A visitor's hit is served but, as always, not counted.
    expect((await raw(a, url)).cache).toBe('hit');
    await counts.flush();
    expect(await searches()).toBe(before + 3);
  });
});
