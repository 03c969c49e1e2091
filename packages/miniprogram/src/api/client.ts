import Taro from '@tarojs/taro';
import type { ErrorBody, FieldIssue } from './types';

const TOKEN_KEY = 'xz_token';
const REFRESH_KEY = 'xz_refresh';

export const API_BASE: string = typeof XZ_API_BASE === 'string' ? XZ_API_BASE : '';

/** Why the session changed: a login or logout changes who is asking; a refresh only renews the same session. */
export type SessionChange = 'signin' | 'signout' | 'refresh';
const sessionListeners = new Set<(change: SessionChange) => void>();

/** Called on every login, logout and refresh (the query cache forgets one student's data on a change of student). */
export function onSessionChange(listener: (change: SessionChange) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

function notifySession(change: SessionChange): void {
  for (const l of [...sessionListeners]) l(change);
}

export function getToken(): string {
  try {
    return Taro.getStorageSync<string>(TOKEN_KEY) || '';
  } catch {
    return '';
  }
}

/** `null` signs out: the access token and the refresh token both go. */
export function setToken(token: string | null): void {
  const had = Boolean(getToken());
  if (token) Taro.setStorageSync(TOKEN_KEY, token);
  else {
    Taro.removeStorageSync(TOKEN_KEY);
    Taro.removeStorageSync(REFRESH_KEY);
  }
  if (token) notifySession('signin');
  else if (had) notifySession('signout');
}

export function getRefreshToken(): string {
  try {
    return Taro.getStorageSync<string>(REFRESH_KEY) || '';
  } catch {
    return '';
  }
}

/** A login's pair: the short-lived access token and the single-use refresh token that renews it. */
export function setSession(
  session: { accessToken: string; refreshToken: string },
  change: SessionChange = 'signin',
): void {
  Taro.setStorageSync(TOKEN_KEY, session.accessToken);
  Taro.setStorageSync(REFRESH_KEY, session.refreshToken);
  notifySession(change);
}

let refreshing: Promise<boolean> | null = null;

/**
 * Trades the stored refresh token for a new pair, once for all requests that hit an expired access
 * token at the same time (a refresh token works only once; a second use would end the session).
 */
function refreshSession(): Promise<boolean> {
  const refreshToken = getRefreshToken();
  if (!refreshToken) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const res = await Taro.request({
        url: `${API_BASE}/v1/auth/refresh`,
        method: 'POST',
        dataType: 'json',
        header: { Accept: 'application/json', 'Content-Type': 'application/json' },
        data: { refreshToken },
      });
      if (res.statusCode !== 200) return false;
      setSession(res.data as { accessToken: string; refreshToken: string }, 'refresh');
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
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

  /** Field messages of a VALIDATION_FAILED error, keyed by dotted path (`book.isbn`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!Array.isArray(this.details)) return out;
    for (const d of this.details as FieldIssue[]) {
      if (d && typeof d.field === 'string' && !(d.field in out)) out[d.field] = String(d.message ?? '');
    }
    return out;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(
  method: Method,
  path: string,
  opts: { query?: Query; body?: unknown } = {},
  retried = false,
): Promise<T> {
  const header: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) header.Authorization = `Bearer ${token}`;
  // Always send a JSON body on writes: a mini-program sends `content-type: application/json`
  // by default, and Fastify refuses that header with an empty body.
  const hasBody = method !== 'GET';
  if (hasBody) header['Content-Type'] = 'application/json';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- narrowed below by status
  let res: Taro.request.SuccessCallbackResult<any>;
  try {
    res = await Taro.request({
      url: `${API_BASE}${path}${buildQuery(opts.query)}`,
      method,
      header,
      data: hasBody ? (opts.body ?? {}) : undefined,
      dataType: 'json',
    });
  } catch (e) {
    const msg = (e as { errMsg?: string })?.errMsg ?? (e as Error)?.message ?? 'network error';
    throw new ApiError(0, 'NETWORK_ERROR', `网络异常，请稍后重试（${msg}）`);
  }
  const status = res.statusCode;
  if (status >= 200 && status < 300) return res.data as T;
  const body = res.data as Partial<ErrorBody> | null;
  const err = body && typeof body === 'object' ? body.error : undefined;
  if (status === 401 && token) {
    if (!retried && err?.code === 'UNAUTHENTICATED' && (await refreshSession()))
      return request<T>(method, path, opts, true);
    setToken(null);
  }
  throw new ApiError(status, err?.code ?? `HTTP_${status}`, err?.message ?? `请求失败（${status}）`, err?.details);
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return '出错了，请稍后再试';
}
