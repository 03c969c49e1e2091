import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, categoryIds, expectError, itemBody, publishAs } from './support/http.js';
import { SCENARIO_BOOK_LIMITS, startStack, type Stack } from './support/stack.js';

// Issue 16: each 5xx (or refusal without a stable code) the OpenAPI fuzzer (fuzz.test.ts) found, kept as a test.

describe.each(['sqlite', 'mariadb'] as const)('what the fuzzer found, on %s', (kind) => {
  let s: Stack;
  let cats: Record<string, string>;
  beforeAll(async () => {
    s = await startStack(kind);
    cats = await categoryIds(s.app);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a body nested 100,000 levels deep is refused (400), not a stack overflow (500)', async () => {
    const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const asField = await call(s.app, {
      method: 'POST',
      url: '/v1/listings',
      headers: { ...s.auth('alice'), 'content-type': 'application/json' },
      payload: JSON.stringify(itemBody(cats)).replace(/"title":"[^"]*"/, `"title":${deep(100_000)}`),
    });
    expect(expectError(asField, 400, 'VALIDATION_FAILED')).toContainEqual(expect.objectContaining({ field: 'title' }));
    const asBody = await call(s.app, {
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: { 'content-type': 'application/json' },
      payload: deep(100_000),
    });
    expectError(asBody, 400, 'VALIDATION_FAILED');
    // Under a key no schema describes (this body allows any), the walk over it must not overflow either.
    const unknownKey = await call(s.app, {
      method: 'POST',
      url: '/v1/reports',
      headers: { ...s.auth('bob'), 'content-type': 'application/json' },
      payload: `{"targetType":"listing","targetId":"x","reason":"spam","extra":${deep(100_000)}}`,
    });
    expect(unknownKey.status).toBeLessThan(500);
  });

  it('a URL that cannot be decoded, or a path parameter past the router limit, answers with a stable code', async () => {
    for (const url of ['/v1/listings/%', '/v1/listings/%C0%80', '/v1/admin/notices/%E4%B8']) {
      const res = await call(s.app, { method: 'GET', url });
      expect({ url, ...pick(res) }).toEqual({ url, status: 400, code: 'INVALID_URL' });
    }
    const long = await call(s.app, { method: 'GET', url: `/v1/users/${'x'.repeat(101)}` });
    expect(pick(long)).toEqual({ status: 414, code: 'URL_TOO_LONG' });
  });

  it('text with a lone UTF-16 surrogate is refused at the edge, naming the field (MariaDB refused it in a JSON column: 500)', async () => {
    const listing = await publishAs(s, 'alice', itemBody(cats));
    for (const reason of ['\udc00 lone low', 'lone high \ud800', 'x\ud83d']) {
      const removed = await call(s.app, {
        method: 'POST',
        url: `/v1/admin/listings/${listing.id}/remove`,
        headers: s.auth('admin'),
        payload: { reason },
      });
      expect(expectError(removed, 400, 'VALIDATION_FAILED')).toEqual([
        { field: 'reason', message: '不能包含无效的 Unicode 字符' },
      ]);
    }
    // The same text written as JSON escapes, as a client would send it.
    const escaped = await call(s.app, {
      method: 'POST',
      url: `/v1/listings/${listing.id}/comments`,
      headers: { ...s.auth('bob'), 'content-type': 'application/json' },
      payload: '{"body":"\\ud800 还在吗"}',
    });
    expect(expectError(escaped, 400, 'VALIDATION_FAILED')).toEqual([
      { field: 'body', message: '不能包含无效的 Unicode 字符' },
    ]);
    // A well-formed pair (an emoji) is text like any other.
    const emoji = await call(s.app, {
      method: 'POST',
      url: `/v1/admin/listings/${listing.id}/remove`,
      headers: s.auth('admin'),
      payload: { reason: '违规 😀' },
    });
    expect(emoji.status, JSON.stringify(emoji.body)).toBe(200);
  });
});

describe.each(['sqlite', 'mariadb'] as const)('what the fuzzer found under concurrency, on %s', (kind) => {
  let s: Stack;
  let cats: Record<string, string>;
  beforeAll(async () => {
    s = await startStack(kind, { env: SCENARIO_BOOK_LIMITS });
    cats = await categoryIds(s.app);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a listing viewed while its owner edits it answers every viewer (MariaDB made the view counter a deadlock victim: 500)', async () => {
    const listings: string[] = [];
    const statuses: number[] = [];
    for (let round = 0; round < 25; round++) {
      const { id } = await publishAs(s, 'alice', itemBody(cats));
      listings.push(id);
      const viewers = (['bob', 'carol', 'dave'] as const).map((h) =>
        call(s.app, { method: 'GET', url: `/v1/listings/${id}`, headers: s.auth(h) }),
      );
      const writes = [
        call(s.app, {
          method: 'PATCH',
          url: `/v1/listings/${id}`,
          headers: s.auth('alice'),
          payload: { version: 1, price: 100 },
        }),
        call(s.app, { method: 'PUT', url: `/v1/listings/${id}/favorite`, headers: s.auth('bob') }),
        call(s.app, {
          method: 'POST',
          url: `/v1/listings/${id}/comments`,
          headers: s.auth('dave'),
          payload: { body: '还在吗' },
        }),
        call(s.app, {
          method: 'POST',
          url: `/v1/admin/listings/${id}/remove`,
          headers: s.auth('admin'),
          payload: { reason: '重复发布' },
        }),
      ];
      statuses.push(...(await Promise.all([...viewers, ...writes])).map((r) => r.status));
    }
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    // Each view the log kept was counted too: no counter update was lost to a deadlock.
    for (const id of listings) {
      const logged = (await s.persistence.raw(
        "select count(*) as n from listing_view where listing_id = ? and viewer_key not like 'c:%'",
        [id],
      )) as {
        n: number | bigint;
      }[];
      const listing = await s.persistence.listings.byId(id);
      expect(listing?.viewCount).toBe(Number(logged[0]!.n));
    }
  });
});

function pick(res: { status: number; body: { error?: { code?: string } } }) {
  return { status: res.status, code: res.body?.error?.code };
}
