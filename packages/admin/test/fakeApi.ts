import { vi } from 'vitest';
import type { Catalog, ListingSummary } from '../src/api/types';

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

type Handler = (call: Call) => { status: number; body?: unknown } | undefined;

/** Stubs global fetch with a tiny router; unknown routes answer 404 in the API's error shape. */
export function stubFetch(handler: Handler): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const url = new URL(input, 'http://admin.test');
      const call: Call = {
        method: init.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        body: init.body ? JSON.parse(init.body as string) : undefined,
        headers: (init.headers ?? {}) as Record<string, string>,
      };
      calls.push(call);
      const res = handler(call) ?? { status: 404, body: { error: { code: 'NOT_FOUND', message: 'Route not found' } } };
      return new Response(res.body === undefined ? null : JSON.stringify(res.body), {
        status: res.status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return calls;
}

export const catalog: Catalog = {
  campus: { id: 'demo', name: '示例大学', areas: [{ id: 'a1', name: '北区' }] },
  categories: [
    {
      id: 'c-books',
      code: 'books',
      name: '书籍教材',
      children: [{ id: 'c-textbook', code: 'textbooks', name: '教材' }],
    },
    { id: 'c-digital', code: 'digital', name: '数码', children: [{ id: 'c-phone', code: 'phones', name: '手机' }] },
  ],
  conditions: [{ value: 'new', label: '全新' }],
  tradeMethods: [{ value: 'face_to_face', label: '当面交易' }],
  kinds: [
    { value: 'item', label: '闲置物品' },
    { value: 'book', label: '闲置书籍' },
    { value: 'wanted', label: '求购' },
  ],
};

export function aListing(over: Partial<ListingSummary> = {}): ListingSummary {
  return {
    id: 'L1',
    kind: 'item',
    title: '二手显示器',
    price: 35000,
    originalPrice: null,
    status: 'active',
    category: { id: 'c-phone', name: '手机', parentId: 'c-digital', parentName: '数码' },
    condition: 'like_new',
    areaId: null,
    coverPhotoUrl: null,
    listedAt: '2026-11-20T08:00:00.000Z',
    viewCount: 0,
    favoriteCount: 0,
    commentCount: 0,
    seller: { id: 'u1', nickname: 'alice', avatarUrl: null },
    ...over,
  };
}
