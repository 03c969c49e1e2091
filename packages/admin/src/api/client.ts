import type {
  AdminLoginBody,
  AdminProfile,
  AdminSession,
  AdminStats,
  BlockedTerm,
  BlockedTermList,
  BlockTermBody,
  Catalog,
  ErrorBody,
  ListingDetail,
  ListingPage,
  ListingQuery,
  DeadLetterPage,
  RemoveListingBody,
  ResolveBody,
  ReviewCase,
  ReviewPage,
} from './types';

const TOKEN_KEY = 'xz_admin_token';
export const DEFAULT_CAMPUS = 'demo';
/** The admin account embedded mode seeds (README: XZ_DEMO_ADMIN_PASSWORD). */
export const DEMO_ADMIN: AdminLoginBody = { username: 'admin', password: 'xianzhi-admin-demo' };

export function getToken(): string {
  return localStorage.getItem(TOKEN_KEY) ?? '';
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export async function request<T>(
  method: string,
  path: string,
  opts: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body ?? {});
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { method, headers, body });
  } catch (e) {
    throw new ApiError(0, 'NETWORK_ERROR', `网络异常：${(e as Error).message}`);
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (res.ok) return data as T;
  const err = (data as Partial<ErrorBody> | null)?.error;
  throw new ApiError(
    res.status,
    err?.code ?? `HTTP_${res.status}`,
    err?.message ?? `请求失败（HTTP ${res.status}）`,
    err?.details,
  );
}

export const api = {
  catalog: () => request<Catalog>('GET', '/v1/catalog', { query: { campusId: DEFAULT_CAMPUS } }),
  listings: (q: ListingQuery) =>
    request<ListingPage>('GET', '/v1/listings', { query: { campusId: DEFAULT_CAMPUS, limit: 20, ...q } }),
  me: () => request<AdminProfile>('GET', '/v1/admin/me'),
  /** A campus admin's own campus when none is named; super admins choose. */
  stats: (campusId?: string) => request<AdminStats>('GET', '/v1/admin/stats', { query: { campusId } }),
  blockedTerms: (campusId: string) =>
    request<BlockedTermList>('GET', '/v1/admin/search/blocked-terms', { query: { campusId } }),
  blockTerm: (body: BlockTermBody) => request<BlockedTerm>('POST', '/v1/admin/search/blocked-terms', { body }),
  unblockTerm: (id: string) =>
    request<BlockedTerm>('DELETE', `/v1/admin/search/blocked-terms/${encodeURIComponent(id)}`),
  removeListing: (id: string, reason: string) =>
    request<ListingDetail>('POST', `/v1/admin/listings/${encodeURIComponent(id)}/remove`, {
      body: { reason } satisfies RemoveListingBody,
    }),
  /** QQ messages that failed for good or whose outcome is unknown (a campus admin's own campus). */
  /** Open review cases: reported content and what was let through while the safety checker was down. */
  reviewCases: (cursor?: string) =>
    request<ReviewPage>('GET', '/v1/admin/moderation/cases', { query: { cursor, limit: 20 } }),
  /** Restore (un-hide) or remove with a reason the owner is told; audited. */
  resolveCase: (caseId: string, body: ResolveBody) =>
    request<ReviewCase>('POST', `/v1/admin/moderation/cases/${encodeURIComponent(caseId)}/resolve`, {
      body: body satisfies ResolveBody,
    }),
  deadLetters: (cursor?: string) =>
    request<DeadLetterPage>('GET', '/v1/admin/dead-letters', { query: { cursor, limit: 20 } }),
  /** Audited; the worker sends it again within a couple of minutes. */
  retryDeadLetter: (notificationId: string) =>
    request<null>('POST', `/v1/admin/dead-letters/${encodeURIComponent(notificationId)}/retry`),
  async login(credentials: AdminLoginBody): Promise<AdminProfile> {
    const res = await request<AdminSession>('POST', '/v1/admin/auth/login', {
      body: credentials satisfies AdminLoginBody,
    });
    setToken(res.accessToken);
    return res.admin;
  },
};
