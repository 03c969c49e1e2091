import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { ListingDetail } from '../src/api/types';
import { aListing } from './fixtures';
import { CLIENT_CONFIG } from './render';
import { requests, respondWith, type FakeResponse } from './taro-mock';

/** A fresh cache per test, without retries, so a refusal shows at once. */
export function testQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
}

/** Renders `ui` inside its own QueryClientProvider, as src/app.ts does for the app. */
export function renderWithQuery(ui: ReactElement, client = testQueryClient()): RenderResult & { client: QueryClient } {
  return { ...render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>), client };
}

/**
 * Answers each `METHOD /path` (query string ignored) from `routes`; anything else is a 404. Every page
 * first asks how the server runs (it names the default campus), so that has an answer unless a test gives one.
 */
export function serve(
  routes: Record<string, (req: { method: string; url: string; data: unknown }) => FakeResponse | Promise<FakeResponse>>,
): void {
  const all: typeof routes = { 'GET /v1/client-config': () => ok(CLIENT_CONFIG), ...routes };
  respondWith((req) => {
    const route = all[`${req.method} ${req.url.split('?')[0]}`];
    return route
      ? route(req)
      : { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: `no route ${req.url}`, details: null } } };
  });
}

export const ok = (data: unknown, statusCode = 200): FakeResponse => ({ statusCode, data });
export const refusal = (statusCode: number, code: string, message: string, details: unknown = null): FakeResponse => ({
  statusCode,
  data: { error: { code, message, details } },
});

/** Every request to `METHOD /path`, in order. */
export const calls = (method: string, path: string) =>
  requests.filter((r) => r.method === method && r.url.split('?')[0] === path);

const photo = (id: string) => ({
  id,
  url: `/media/photos/${id}/medium`,
  urls: {
    thumb: `/media/photos/${id}/thumb`,
    medium: `/media/photos/${id}/medium`,
    large: `/media/photos/${id}/large`,
  },
});

/** A listing as `GET /v1/listings/:id` answers it, with photos named by id. */
export function aDetail(over: Partial<ListingDetail> = {}, photoIds: string[] = []): ListingDetail {
  return {
    ...aListing(),
    description: '用了一个学期',
    photos: photoIds.map(photo),
    tradeMethods: ['face_to_face', 'express'],
    book: null,
    expiresAt: '2026-12-20T08:00:00.000Z',
    version: 3,
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    removalReason: null,
    favoritedByMe: false,
    wantedByMe: false,
    isMine: false,
    priceHistory: [],
    ...over,
    seller: { id: 'u-alice', nickname: 'alice', avatarUrl: null, ...over.seller },
  };
}
