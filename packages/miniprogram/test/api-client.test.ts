import { describe, expect, it } from 'vitest';
import { ApiError, buildQuery, getToken, request } from '../src/api/client';
import { api } from '../src/api/endpoints';
import { requests, respondWith, storage } from './taro-mock';

describe('api client', () => {
  it('stores the dev-login token and sends it as a bearer token', async () => {
    respondWith(({ url }) =>
      url === '/v1/dev/login'
        ? {
            statusCode: 200,
            data: {
              token: 'tok-1',
              accessToken: 'tok-1',
              refreshToken: 'ref-1',
              user: { id: 'u1', nickname: 'alice' },
            },
          }
        : { statusCode: 200, data: { id: 'u1', nickname: 'alice' } },
    );
    await api.devLogin('alice');
    expect(requests[0]!.data).toEqual({ user: 'alice' });
    expect(getToken()).toBe('tok-1');
    await api.me();
    expect(requests[1]!.header.Authorization).toBe('Bearer tok-1');
  });

  it('turns the error body into an ApiError with field errors', async () => {
    respondWith(() => ({
      statusCode: 400,
      data: {
        error: { code: 'VALIDATION_FAILED', message: 'invalid', details: [{ field: 'price', message: 'too high' }] },
      },
    }));
    const err = await request('POST', '/v1/listings', { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).code).toBe('VALIDATION_FAILED');
    expect((err as ApiError).fieldErrors()).toEqual({ price: 'too high' });
  });

  it('forgets a token the server no longer accepts', async () => {
    storage.set('xz_token', 'stale');
    respondWith(() => ({ statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } }));
    await expect(api.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
    expect(getToken()).toBe('');
  });

  it('renews an expired access token once with the refresh token and retries, for concurrent requests too', async () => {
    storage.set('xz_token', 'expired');
    storage.set('xz_refresh', 'ref-1');
    respondWith((req) => {
      if (req.url === '/v1/auth/refresh')
        return { statusCode: 200, data: { accessToken: 'tok-2', refreshToken: 'ref-2' } };
      if ((req as { header?: Record<string, string> }).header?.Authorization === 'Bearer tok-2')
        return { statusCode: 200, data: { id: 'u1' } };
      return { statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } };
    });
    await Promise.all([api.me(), api.me()]);
    expect(requests.filter((r) => r.url === '/v1/auth/refresh')).toHaveLength(1);
    expect(requests.find((r) => r.url === '/v1/auth/refresh')!.data).toEqual({ refreshToken: 'ref-1' });
    expect(getToken()).toBe('tok-2');
    expect(storage.get('xz_refresh')).toBe('ref-2');
  });

  it('signs out when the refresh token is refused too', async () => {
    storage.set('xz_token', 'expired');
    storage.set('xz_refresh', 'revoked');
    respondWith(() => ({ statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } }));
    await expect(api.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(getToken()).toBe('');
    expect(storage.get('xz_refresh')).toBeUndefined();
  });

  it('signs in with a QQ login code and keeps both tokens', async () => {
    respondWith(() => ({ statusCode: 200, data: { accessToken: 'tok-q', refreshToken: 'ref-q', user: { id: 'u9' } } }));
    expect(await api.qqLogin('code-from-qq')).toEqual({ id: 'u9' });
    expect(requests[0]).toMatchObject({ url: '/v1/auth/qq-login', method: 'POST', data: { code: 'code-from-qq' } });
    expect([getToken(), storage.get('xz_refresh')]).toEqual(['tok-q', 'ref-q']);
  });

  it('builds listing queries with the chosen campus and cursor, skipping empty filters', async () => {
    respondWith(() => ({ statusCode: 200, data: { items: [], nextCursor: null } }));
    await api.listings('north', { kind: 'book', sort: 'price_asc', cursor: 'abc', categoryId: undefined });
    expect(requests[0]!.url).toBe('/v1/listings?campusId=north&limit=20&kind=book&sort=price_asc&cursor=abc');
    expect(buildQuery({ a: '', b: null, c: 0 })).toBe('?c=0');
  });
});
