import type { RequestQuota, RequestRateLimiter } from '@xianzhi/adapters';
import { DomainError } from '@xianzhi/core';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { RateLimitFamily, RateLimits } from '../config.js';
import type { ViewerKeys } from './auth.js';
import { Failure } from './errors.js';

export class RateLimited extends DomainError<'RATE_LIMITED'> {
  readonly code = 'RATE_LIMITED' as const;
  constructor(family: RateLimitFamily, retryAfterSeconds: number) {
    const wait = retryAfterSeconds < 60 ? `${retryAfterSeconds} 秒` : `${Math.ceil(retryAfterSeconds / 60)} 分钟`;
    super(`操作太频繁了，请 ${wait}后再试`, { family, retryAfterSeconds });
  }
}

/**
 * The routes of each family by `METHOD /path` as registered. A write that is neither here nor exempt
 * counts in `default`; a read that is not here is not limited.
 */
export const ROUTE_FAMILIES: Readonly<Record<string, RateLimitFamily>> = {
  'POST /v1/listings': 'publish',
  'PATCH /v1/listings/:id': 'edit',
  'POST /v1/listings/:id/status': 'edit',
  'POST /v1/listings/:id/renew': 'edit',
  'POST /v1/listings/:id/withdraw': 'edit',
  'POST /v1/listings/:id/relist': 'edit',
  'POST /v1/listings/:id/comments': 'comment',
  'POST /v1/reports': 'report',
  'POST /v1/photos': 'upload',
  'PUT /v1/listings/:id/favorite': 'favorite',
  'DELETE /v1/listings/:id/favorite': 'favorite',
  'POST /v1/feedback': 'feedback',
  'PUT /v1/listings/:id/want': 'trade',
  'DELETE /v1/listings/:id/want': 'trade',
  'POST /v1/listings/:id/offers': 'trade',
  'POST /v1/offers/:id/accept': 'trade',
  'POST /v1/offers/:id/decline': 'trade',
  'POST /v1/offers/:id/counter': 'trade',
  'POST /v1/offers/:id/withdraw': 'trade',
  'POST /v1/listings/:id/trades': 'trade',
  'POST /v1/trades/:id/confirm': 'trade',
  'POST /v1/trades/:id/cancel': 'trade',
  'POST /v1/trades/:id/rating': 'trade',
  'POST /v1/ratings/:id/reply': 'trade',
  'POST /v1/me/saved-searches': 'saved_search',
  'DELETE /v1/me/saved-searches/:id': 'saved_search',
  'GET /v1/search': 'search',
  'GET /v1/search/suggest': 'suggest',
};

/**
 * Sign-in, sign-out and campus verification: core already limits attempts there, per account and per
 * address with a slower per-account backoff (shared/rate-limit.ts, identity), and a second, coarser
 * limit in front would only lock people out sooner.
 */
export const EXEMPT_ROUTES: ReadonlySet<string> = new Set([
  'POST /v1/auth/qq-login',
  'POST /v1/auth/refresh',
  'POST /v1/auth/logout',
  'POST /v1/admin/auth/login',
  'POST /v1/dev/login',
  'POST /v1/dev/admin-login',
  'POST /v1/me/campus-verification',
]);

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The family a route counts in, or null when it is not limited here. */
export function familyOf(method: string, url: string): RateLimitFamily | null {
  // HEAD runs the GET handler (and its query): it counts as the GET.
  const route = `${method === 'HEAD' ? 'GET' : method} ${url}`;
  if (EXEMPT_ROUTES.has(route)) return null;
  return ROUTE_FAMILIES[route] ?? (WRITES.has(method) ? 'default' : null);
}

export interface RequestLimits {
  readonly limiter: RequestRateLimiter;
  readonly limits: RateLimits;
  /** Addresses are counted under their keyed hash, never stored in the clear (in Redis neither). */
  readonly clientKeys: ViewerKeys;
}

/**
 * Puts every limited route of `scope` behind its family's limits. The check is a route `onRequest`
 * hook, so it runs after the caller is identified and before the body is read or anything is done:
 * a refused request has no effect but its count.
 */
export function limitRequests(scope: FastifyInstance, { limiter, limits, clientKeys }: RequestLimits): void {
  const hookFor =
    (family: RateLimitFamily): onRequestHookHandler =>
    async (request: FastifyRequest) => {
      const limit = limits[family];
      const quotas: RequestQuota[] = [];
      // The account first: past its own limit a request is not charged to the address it shares.
      const account = request.user ? `s:${request.user.id}` : request.admin ? `a:${request.admin.id}` : null;
      if (account) quotas.push({ key: `${family}:${account}`, points: limit.perUser, ...windowOf(limit) });
      quotas.push({
        key: `${family}:ip:${clientKeys.keyFor(request.ip)}`,
        points: limit.perAddress,
        ...windowOf(limit),
      });
      const verdict = await limiter.consume(quotas);
      if (!verdict.allowed)
        throw new Failure(new RateLimited(family, Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))));
    };
  scope.addHook('onRoute', (route) => {
    const families = new Set([route.method].flat().map((m) => familyOf(m, route.url)));
    if (families.size !== 1) throw new Error(`${route.url}: its methods fall in different rate-limit families`);
    const [family] = families;
    if (!family) return;
    route.onRequest = [...[route.onRequest ?? []].flat(), hookFor(family)];
  });
}

const windowOf = (limit: { windowSeconds: number }) => ({ windowSeconds: limit.windowSeconds });
