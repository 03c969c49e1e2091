import { catalog } from './fixtures';
import { CLIENT_CONFIG } from './render';
import { requests, respondWith, type FakeResponse } from './taro-mock';

export const params = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);
export const calls = (path: string, method = 'GET') =>
  requests.filter((r) => r.method === method && r.url.split('?')[0] === path);

type Route = (q: Record<string, string>, req: { method: string; url: string; data: unknown }) => FakeResponse;

export const ok = (data: unknown): FakeResponse => ({ statusCode: 200, data });
export const notFound = (code = 'NOT_FOUND', message = 'no route'): FakeResponse => ({
  statusCode: 404,
  data: { error: { code, message, details: null } },
});

/**
 * A fake API for page tests: routes keyed by `METHOD /path` (or just `/path` for GET), over defaults
 * for what every page asks first (client config, catalog, banners, notices, an empty feed).
 */
export function serveApi(routes: Record<string, Route>, config: object = CLIENT_CONFIG) {
  const defaults: Record<string, Route> = {
    'GET /v1/client-config': () => ok(config),
    'GET /v1/catalog': () => ok(catalog),
    'GET /v1/banners': () => ok({ items: [] }),
    'GET /v1/notices': () => ok({ items: [] }),
    'GET /v1/listings': () => ok({ items: [], nextCursor: null }),
    'GET /v1/recommendations': () => ok({ items: [], nextCursor: null, mode: 'popular' }),
    'GET /v1/me/notifications/unread-count': () => ok({ unread: 0 }),
  };
  respondWith((req) => {
    const path = req.url.split('?')[0]!;
    const key = `${req.method} ${path}`;
    const route = routes[key] ?? (req.method === 'GET' ? routes[path] : undefined) ?? defaults[key];
    return route ? route(params(req.url), req) : notFound();
  });
}
