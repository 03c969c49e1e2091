import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** The app's QQ open-platform access token, shared by every process of a deployment. */
export interface QqAccessTokens {
  get(): Promise<string>;
  /** QQ refused `stale` (40001/40014): forget it unless another process already replaced it. */
  invalidate(stale: string): Promise<void>;
}

export interface CachedToken {
  readonly token: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/** Where the token lives between processes, and the lock that lets one process refresh it. */
export interface AccessTokenStore {
  read(): Promise<CachedToken | null>;
  write(value: CachedToken): Promise<void>;
  /** Deletes the token only if it is still `token` (compare and delete). */
  clear(token: string): Promise<void>;
  /** Takes the refresh lock for `ttlMs`; returns its owner id, or null when another holds it. */
  lock(ttlMs: number): Promise<string | null>;
  unlock(owner: string): Promise<void>;
}

/** One process (embedded mode, unit tests). */
export class InMemoryAccessTokenStore implements AccessTokenStore {
  private value: CachedToken | null = null;
  private holder: { owner: string; until: number } | null = null;
  async read(): Promise<CachedToken | null> {
    return this.value && this.value.expiresAt > Date.now() ? this.value : null;
  }
  async write(value: CachedToken): Promise<void> {
    this.value = value;
  }
  async clear(token: string): Promise<void> {
    if (this.value?.token === token) this.value = null;
  }
  async lock(ttlMs: number): Promise<string | null> {
    if (this.holder && this.holder.until > Date.now()) return null;
    this.holder = { owner: randomUUID(), until: Date.now() + ttlMs };
    return this.holder.owner;
  }
  async unlock(owner: string): Promise<void> {
    if (this.holder?.owner === owner) this.holder = null;
  }
}

const COMPARE_AND_DELETE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const CLEAR_IF_TOKEN = `local v = redis.call('get', KEYS[1]) if v and cjson.decode(v).token == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Every process of a deployment: the token in one Redis key, the refresh lock in another (SET NX PX). */
export class RedisAccessTokenStore implements AccessTokenStore {
  private readonly tokenKey: string;
  private readonly lockKey: string;
  /**
   * Its own lazily connected client on `url`. While Redis is away a command fails within a second
   * instead of waiting for the reconnect: content screening inside an API request reads the token,
   * and treats "no token" as unavailable rather than holding the request (the outage test measures it).
   */
  static connect(url: string, prefix = 'xz'): RedisAccessTokenStore {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1000, lazyConnect: true });
    // Connection errors reach every caller as a rejected command; without a listener ioredis prints each reconnect failure.
    redis.on('error', () => {});
    return new RedisAccessTokenStore(redis, prefix);
  }

  constructor(
    private readonly redis: Redis,
    prefix = 'xz',
  ) {
    this.tokenKey = `${prefix}:qq:access-token`;
    this.lockKey = `${prefix}:qq:access-token:lock`;
  }
  async read(): Promise<CachedToken | null> {
    const raw = await this.redis.get(this.tokenKey);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as CachedToken;
    return parsed.expiresAt > Date.now() ? parsed : null;
  }
  async write(value: CachedToken): Promise<void> {
    await this.redis.set(this.tokenKey, JSON.stringify(value), 'PX', Math.max(1, value.expiresAt - Date.now()));
  }
  async clear(token: string): Promise<void> {
    await this.redis.eval(CLEAR_IF_TOKEN, 1, this.tokenKey, token);
  }
  async lock(ttlMs: number): Promise<string | null> {
    const owner = randomUUID();
    return (await this.redis.set(this.lockKey, owner, 'PX', ttlMs, 'NX')) === 'OK' ? owner : null;
  }
  async unlock(owner: string): Promise<void> {
    await this.redis.eval(COMPARE_AND_DELETE, 1, this.lockKey, owner);
  }
}

export interface HttpQqAccessTokensOptions {
  readonly appId: string;
  readonly appSecret: string;
  readonly baseUrl?: string;
  readonly store: AccessTokenStore;
  /** Refresh this long before the token expires (QQ keeps the old one working a few minutes). */
  readonly refreshMarginMs?: number;
  /** How long one process may hold the refresh lock. */
  readonly lockMs?: number;
  /** How often a waiting process re-reads the store. */
  readonly pollMs?: number;
  readonly timeoutMs?: number;
  /**
   * Keep a token read from the store in this process for up to this long (default 0: read the store
   * every time). A token another process replaced meanwhile is refused by QQ, invalidated and read
   * afresh, so the memo costs at most one refused request; a fan-out saves one store read per message.
   */
  readonly memoMs?: number;
}

export class QqTokenUnavailable extends Error {
  constructor(reason: string) {
    super(`QQ access token unavailable: ${reason}`);
    this.name = 'QqTokenUnavailable';
  }
}

/**
 * GET /api/getToken, cached in a store all processes share. Asking for a new token invalidates
 * the old one after a while, so processes must not each fetch their own: one takes the lock and
 * refreshes, the others wait and re-read. Errors never carry the URL, which holds the app secret.
 */
export class HttpQqAccessTokens implements QqAccessTokens {
  private readonly baseUrl: string;
  private readonly margin: number;
  private readonly lockMs: number;
  private readonly pollMs: number;
  private readonly timeoutMs: number;
  /** Callers in this process share one refresh. */
  private inFlight: Promise<string> | null = null;
  private memo: { token: string; until: number } | null = null;
  /** How many times this process called getToken (for tests and logs). */
  fetches = 0;

  constructor(private readonly options: HttpQqAccessTokensOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://api.q.qq.com').replace(/\/+$/, '');
    this.margin = options.refreshMarginMs ?? 5 * 60_000;
    this.lockMs = options.lockMs ?? 10_000;
    this.pollMs = options.pollMs ?? 50;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  async get(): Promise<string> {
    const now = Date.now();
    if (this.memo && this.memo.until > now) return this.memo.token;
    const memoMs = this.options.memoMs ?? 0;
    const cached = await this.options.store.read();
    if (cached && cached.expiresAt - this.margin > now) {
      if (memoMs > 0)
        this.memo = { token: cached.token, until: Math.min(now + memoMs, cached.expiresAt - this.margin) };
      return cached.token;
    }
    this.inFlight ??= this.refresh(cached)
      .then((token) => {
        // Fresh, or one still valid for minutes: either way good for the memo's short while.
        if (memoMs > 0) this.memo = { token, until: Date.now() + memoMs };
        return token;
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  async invalidate(stale: string): Promise<void> {
    if (this.memo?.token === stale) this.memo = null;
    await this.options.store.clear(stale);
  }

  private async refresh(previous: CachedToken | null): Promise<string> {
    const deadline = Date.now() + this.lockMs + this.timeoutMs;
    while (Date.now() < deadline) {
      const owner = await this.options.store.lock(this.lockMs);
      if (owner) {
        try {
          // Another process may have refreshed between our read and our lock.
          const current = await this.options.store.read();
          if (current && current.expiresAt - this.margin > Date.now()) return current.token;
          try {
            const fresh = await this.fetchToken();
            await this.options.store.write(fresh);
            return fresh.token;
          } catch (e) {
            // Inside the margin the old token still works: better than failing the send.
            if (current && current.expiresAt > Date.now()) return current.token;
            throw e;
          }
        } finally {
          await this.options.store.unlock(owner);
        }
      }
      await new Promise((r) => setTimeout(r, this.pollMs));
      const current = await this.options.store.read();
      if (current && current.expiresAt - this.margin > Date.now()) return current.token;
    }
    if (previous && previous.expiresAt > Date.now()) return previous.token;
    throw new QqTokenUnavailable('another process held the refresh lock too long');
  }

  private async fetchToken(): Promise<CachedToken> {
    const url = new URL(`${this.baseUrl}/api/getToken`);
    url.searchParams.set('grant_type', 'client_credential');
    url.searchParams.set('appid', this.options.appId);
    url.searchParams.set('secret', this.options.appSecret);
    this.fetches++;
    let body: { errcode?: number; errmsg?: string; access_token?: unknown; expires_in?: unknown };
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new QqTokenUnavailable(`HTTP ${response.status}`);
      body = (await response.json()) as typeof body;
    } catch (e) {
      if (e instanceof QqTokenUnavailable) throw e;
      throw new QqTokenUnavailable(e instanceof Error ? e.name : 'request failed');
    }
    if ((body.errcode ?? 0) !== 0 || typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
      throw new QqTokenUnavailable(`errcode ${body.errcode ?? 'missing'}`);
    }
    return { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
  }
}
