import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_RATE_LIMITS, loadConfig, RATE_LIMIT_FAMILIES } from '../src/config.js';
import type { ListingDetail } from '../src/contract.js';
import { EXEMPT_ROUTES, familyOf, ROUTE_FAMILIES } from '../src/http/rate-limit.js';
import { call, categoryIds, itemBody, publishAs, type Reply } from './support/http.js';
import { multipartFile } from './support/photos.js';
import { eventually, startWorkerStack, type WorkerStack } from './support/queues.js';
import type { Handle } from './support/stack.js';

/**
 * Issue 16, finding 5, on the embedded stack (SQLite, the in-process queue, counters in the process):
 * one student's bursts are answered 429 past the defaults, with nothing written for them, and fifty
 * comments on one listing are one line of its owner's inbox. The same bursts on Redis with two API
 * processes are in rate-limits-shared.test.ts.
 */
describe('rate limits on the embedded stack, at their defaults', () => {
  let s: WorkerStack;
  let bobs: ListingDetail;
  beforeAll(async () => {
    s = await startWorkerStack('in-process');
    bobs = await publishAs(s, 'bob', itemBody(await categoryIds(s.app), { title: '限流测试 山地自行车' }));
  }, 60_000);
  afterAll(() => s?.close());

  const send = (who: Handle, method: 'POST' | 'GET', url: string, payload?: unknown) =>
    call(s.app, {
      method,
      url,
      headers: s.auth(who),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const count = async (sql: string, params: unknown[]) =>
    Number(((await s.persistence.raw(sql, params)) as { n: unknown }[])[0]!.n);

  /**
   * Exactly `allowed` of a concurrent burst answered `ok` and every other one 429 RATE_LIMITED with a Retry-After
   * within the window. Which ones is up to arrival order at the limiter, not the order they were sent in.
   */
  function expectLimited(answers: Reply[], family: keyof typeof DEFAULT_RATE_LIMITS, ok: number) {
    const allowed = DEFAULT_RATE_LIMITS[family].perUser;
    expect(answers.filter((a) => a.status === ok)).toHaveLength(allowed);
    const refused = answers.filter((a) => a.status !== ok);
    expect(refused.map((a) => a.status)).toEqual(refused.map(() => 429));
    for (const r of refused) {
      expect(r.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { family } });
      const seconds = Number(r.headers['retry-after']);
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(DEFAULT_RATE_LIMITS[family].windowSeconds);
      expect(r.body.error.details.retryAfterSeconds).toBe(seconds);
    }
  }

  it('answers 100 listings in a burst with 20 created and 80 refused', async () => {
    const cats = await categoryIds(s.app);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        send('alice', 'POST', '/v1/listings', itemBody(cats, { title: `刷屏 ${i}` })),
      ),
    );
    expectLimited(answers, 'publish', 201);
    expect(await count('select count(*) as n from listing where owner_id = ?', [s.users.alice.id])).toBe(20);
  });

  it('answers 60 uploads in a burst with 40 stored and 20 refused', async () => {
    const answers: Reply[] = [];
    for (let i = 0; i < 60; i++) {
      const jpeg = await sharp({
        create: { width: 24, height: 24, channels: 3, background: { r: i * 4, g: 9, b: 90 } },
      })
        .jpeg()
        .toBuffer();
      const upload = multipartFile(jpeg, `burst-${i}.jpg`);
      answers.push(
        await call(s.app, {
          method: 'POST',
          url: '/v1/photos',
          headers: { ...s.auth('dave'), ...upload.headers },
          payload: upload.payload,
        }),
      );
    }
    expectLimited(answers, 'upload', 201);
    expect(await count('select count(*) as n from photo where owner_id = ?', [s.users.dave.id])).toBe(40);
  });

  it('answers 200 comments in a burst with 30 posted, and the owner reads fifty comments as one entry', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        send('dave', 'POST', `/v1/listings/${bobs.id}/comments`, { body: `还在吗 ${i}` }),
      ),
    );
    expectLimited(answers, 'comment', 201);
    // Dave's refused comments were not charged to the address alice shares with him.
    for (let i = 0; i < 20; i++)
      expect((await send('alice', 'POST', `/v1/listings/${bobs.id}/comments`, { body: `我也想要 ${i}` })).status).toBe(
        201,
      );
    expect(await count('select count(*) as n from listing_comment where listing_id = ?', [bobs.id])).toBe(50);

    const inbox = async () => (await send('bob', 'GET', '/v1/me/notifications')).body.items as any[];
    await eventually(async () => (await inbox())[0]?.count === 50, 20_000);
    const [entry, ...rest] = await inbox();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ kind: 'comment', listingId: bobs.id, readAt: null, count: 50 });
    expect(entry.data).toMatchObject({ listingTitle: '限流测试 山地自行车', excerpt: '我也想要 19' });
    expect((await send('bob', 'GET', '/v1/me/notifications/unread-count')).body).toEqual({ unread: 1 });
    expect((await send('bob', 'POST', `/v1/me/notifications/${entry.id}/read`, {})).status).toBe(204);
    expect((await send('bob', 'GET', '/v1/me/notifications/unread-count')).body).toEqual({ unread: 0 });
  }, 30_000);

  it('name only routes that exist; every other write counts in default, sign-in and verification in none', () => {
    const routes = new Set(s.app.routeTable.map((r) => `${r.method} ${r.url}`));
    for (const route of [...Object.keys(ROUTE_FAMILIES), ...EXEMPT_ROUTES]) expect(routes, route).toContain(route);
    expect(familyOf('POST', '/v1/me/notifications/read-all')).toBe('default');
    expect(familyOf('DELETE', '/v1/admin/notices/:id')).toBe('default');
    expect(familyOf('HEAD', '/v1/search')).toBe('search');
    expect(familyOf('GET', '/v1/listings')).toBeNull();
    expect(familyOf('POST', '/v1/auth/qq-login')).toBeNull();
    expect(new Set(Object.values(ROUTE_FAMILIES))).toEqual(new Set(RATE_LIMIT_FAMILIES.filter((f) => f !== 'default')));
  });
});

describe('XZ_RATE_LIMITS', () => {
  const load = (value: string) => loadConfig({ XZ_DATA_DIR: '/tmp/xz-rl-config', XZ_RATE_LIMITS: value });
  const problems = (value: string) => {
    try {
      load(value);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('overrides some fields of some families and keeps the other defaults', () => {
    const limits = load('{"comment":{"perUser":60},"search":{"perAddress":5000,"windowSeconds":30}}').rateLimits;
    expect(limits.comment).toEqual({ ...DEFAULT_RATE_LIMITS.comment, perUser: 60 });
    expect(limits.search).toEqual({ perUser: DEFAULT_RATE_LIMITS.search.perUser, perAddress: 5000, windowSeconds: 30 });
    expect(limits.publish).toEqual(DEFAULT_RATE_LIMITS.publish);
  });

  it('refuses at start what it cannot use, naming it', () => {
    expect(problems('comment=60')[0]).toMatch(/^XZ_RATE_LIMITS must be a JSON object/);
    expect(problems('[1]')[0]).toMatch(/^XZ_RATE_LIMITS must be a JSON object of families/);
    expect(problems('{"comments":{"perUser":1}}')).toEqual([
      `XZ_RATE_LIMITS names an unknown family "comments" (known: ${RATE_LIMIT_FAMILIES.join(', ')})`,
    ]);
    expect(problems('{"comment":5}')).toEqual([
      'XZ_RATE_LIMITS.comment must be an object with perUser, perAddress and/or windowSeconds',
    ]);
    expect(problems('{"comment":{"perUser":0,"windowSeconds":1.5,"burst":3}}')).toEqual([
      'XZ_RATE_LIMITS.comment.perUser must be a whole number from 1 to 1000000',
      'XZ_RATE_LIMITS.comment.windowSeconds must be a whole number from 1 to 86400',
      'XZ_RATE_LIMITS.comment has an unknown field "burst" (perUser, perAddress, windowSeconds)',
    ]);
  });
});
