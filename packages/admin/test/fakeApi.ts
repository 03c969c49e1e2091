import { vi } from 'vitest';
import type { AdminListingRow, AdminUserRow } from '../src/api/types';

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
        body: init.body instanceof FormData ? init.body : init.body ? JSON.parse(init.body as string) : undefined,
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

export const refuse = (status: number, code: string, message: string, details: unknown = null) => ({
  status,
  body: { error: { code, message, details } },
});

export function aListing(over: Partial<AdminListingRow> = {}): AdminListingRow {
  return {
    id: 'L1',
    title: '二手显示器',
    kind: 'item',
    status: 'active',
    price: 35000,
    campusId: 'demo',
    coverUrl: null,
    seller: { id: 'u1', nickname: 'alice' },
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    viewCount: 12,
    ...over,
  };
}

export function aUser(over: Partial<AdminUserRow> = {}): AdminUserRow {
  return {
    id: 'u-alice',
    nickname: 'alice',
    avatarUrl: null,
    campusId: 'demo',
    verified: true,
    verifiedAt: '2026-11-01T08:00:00.000Z',
    banned: false,
    createdAt: '2026-10-01T08:00:00.000Z',
    listingCount: 3,
    ...over,
  };
}
