import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RetryJobLater, SendOutcomeUnknown, type SubscriptionMessage } from '@xianzhi/core';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../queue/bullmq/redis-for-tests.js';
import { FakeQqServer } from './fake-qq-server.js';
import { HttpQqSubscriptionSender, QqSendFailed } from './http-qq-subscription-sender.js';
import {
  HttpQqAccessTokens,
  InMemoryAccessTokenStore,
  QqTokenUnavailable,
  RedisAccessTokenStore,
  type AccessTokenStore,
} from './qq-access-tokens.js';

let fake: FakeQqServer;
beforeEach(async () => {
  fake = await new FakeQqServer().start();
});
afterEach(async () => fake.stop());

const tokens = (store: AccessTokenStore = new InMemoryAccessTokenStore(), extra: object = {}) =>
  new HttpQqAccessTokens({ appId: fake.appId, appSecret: fake.appSecret, baseUrl: fake.baseUrl, store, ...extra });
const message: SubscriptionMessage = {
  openId: 'OPENID-ALICE',
  kind: 'comment',
  page: 'pages/detail/index?id=L1',
  fields: ['九成新 iPhone 13', '鲍勃：还在吗'],
};
const sender = (t = tokens(), extra: object = {}) =>
  new HttpQqSubscriptionSender({
    tokens: t,
    templates: { comment: 'TPL-COMMENT', price_drop: 'TPL-PRICE' },
    baseUrl: fake.baseUrl,
    tooFastDelayMs: 1234,
    ...extra,
  });

describe('QQ access token', () => {
  it('fetches one token and reuses it until shortly before it expires', async () => {
    const t = tokens();
    const first = await t.get();
    expect(await t.get()).toBe(first);
    expect(fake.tokenIssues).toBe(1);
    fake.tokenLifetimeSeconds = 200; // inside the 5-minute margin: refreshed on every use
    const t2 = tokens(new InMemoryAccessTokenStore());
    const a = await t2.get();
    const b = await t2.get();
    expect(a).not.toBe(b);
  });

  it('shares a refresh among concurrent callers of one process', async () => {
    const t = tokens();
    const got = await Promise.all(Array.from({ length: 10 }, () => t.get()));
    expect(new Set(got).size).toBe(1);
    expect(fake.tokenIssues).toBe(1);
  });

  it('keeps a token in memory for memoMs, and drops it once QQ refuses it', async () => {
    const inner = new InMemoryAccessTokenStore();
    let reads = 0;
    const store: AccessTokenStore = {
      read: () => {
        reads++;
        return inner.read();
      },
      write: (v) => inner.write(v),
      clear: (token) => inner.clear(token),
      lock: (ms) => inner.lock(ms),
      unlock: (owner) => inner.unlock(owner),
    };
    const t = tokens(store, { memoMs: 60_000 });
    const first = await t.get();
    const readsAfterFirst = reads;
    expect(await t.get()).toBe(first);
    expect(await t.get()).toBe(first);
    expect(reads).toBe(readsAfterFirst);
    const s = sender(t);
    fake.revokeTokens();
    expect(await s.send(message)).toBe('sent');
    expect(await t.get()).not.toBe(first);
    expect(fake.subscriptionMessages.map((m) => m.errcode)).toEqual([40001, 0]);
    expect(fake.tokenIssues).toBe(2);
    // Without memoMs every call reads the store.
    const plain = tokens(store);
    const before = reads;
    await plain.get();
    await plain.get();
    expect(reads).toBe(before + 2);
  });

  it('fails with a reason that never carries the secret', async () => {
    const wrong = new HttpQqAccessTokens({
      appId: fake.appId,
      appSecret: 'wrong-secret',
      baseUrl: fake.baseUrl,
      store: new InMemoryAccessTokenStore(),
    });
    const e = await wrong.get().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QqTokenUnavailable);
    expect(String((e as Error).message)).toContain('40013');
    expect(String((e as Error).message)).not.toContain('wrong-secret');
  });
});

describe('HttpQqSubscriptionSender', () => {
  it('posts touser, template, page and keyword data', async () => {
    expect(await sender().send(message)).toBe('sent');
    expect(fake.deliveredMessages).toEqual([
      {
        touser: 'OPENID-ALICE',
        template_id: 'TPL-COMMENT',
        page: 'pages/detail/index?id=L1',
        accepted: true,
        errcode: 0,
        data: { keyword1: { value: '九成新 iPhone 13' }, keyword2: { value: '鲍勃：还在吗' } },
      },
    ]);
    expect(sender().supports('comment')).toBe(true);
    expect(sender().supports('reply')).toBe(false);
  });

  it('replaces an expired (40014) or revoked (40001) token and tries once more', async () => {
    const t = tokens();
    const s = sender(t);
    await s.send(message);
    fake.expireTokens();
    expect(await s.send(message)).toBe('sent');
    fake.revokeTokens();
    expect(await s.send(message)).toBe('sent');
    expect(fake.tokenIssues).toBe(3);
    expect(fake.subscriptionMessages.map((m) => m.errcode)).toEqual([0, 40014, 0, 40001, 0]);
  });

  it('maps 41030 to a later retry, 46001/46003 to a lost consent, 46002 to the quota, other codes to errors', async () => {
    fake.scriptSends(41030, 46001, 46003, 46002, 40037, 47001);
    await expect(sender().send(message)).rejects.toEqual(expect.objectContaining({ delayMs: 1234 }));
    await expect(sender().send(message)).resolves.toBe('consent_revoked');
    await expect(sender().send(message)).resolves.toBe('consent_revoked');
    await expect(sender().send(message)).resolves.toBe('quota_exceeded');
    const bad = await sender()
      .send(message)
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(QqSendFailed);
    expect((bad as QqSendFailed).errcode).toBe(40037);
    await expect(sender().send(message)).rejects.toBeInstanceOf(QqSendFailed);
    expect(fake.deliveredMessages).toEqual([]);
    const tooFast = await (fake.scriptSends(41030),
    sender()
      .send(message)
      .catch((e: unknown) => e));
    expect(tooFast).toBeInstanceOf(RetryJobLater);
  });

  it('calls a request without an answer unknown, and an unreachable platform a plain failure', async () => {
    fake.scriptSends('hang');
    await expect(sender(tokens(), { timeoutMs: 300 }).send(message)).rejects.toBeInstanceOf(SendOutcomeUnknown);
    fake.scriptSends('garbage');
    const gateway = await sender()
      .send(message)
      .catch((e: unknown) => e);
    expect(gateway).toBeInstanceOf(Error);
    expect(gateway).not.toBeInstanceOf(SendOutcomeUnknown);

    const t = tokens();
    await t.get();
    const closed = await freePort();
    const s = new HttpQqSubscriptionSender({
      tokens: t,
      templates: { comment: 'TPL' },
      baseUrl: `http://127.0.0.1:${closed}`,
    });
    const refused = await s.send(message).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(refused).not.toBeInstanceOf(SendOutcomeUnknown);
    expect(String(refused)).toContain('ECONNREFUSED');
  });
});

describe('RedisAccessTokenStore (real Redis)', () => {
  const url = testRedisUrl();
  const prefix = uniquePrefix('xzt-qqtok');
  const clients: Redis[] = [];
  const redis = () => {
    const r = new Redis(url, { maxRetriesPerRequest: 1 });
    clients.push(r);
    return r;
  };
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await deleteKeys(url, prefix);
  });

  it('lets one of several processes refresh; the others wait and read its token', async () => {
    const p = `${prefix}-race`;
    const providers = Array.from({ length: 4 }, () => tokens(new RedisAccessTokenStore(redis(), p), { pollMs: 20 }));
    const got = await Promise.all(providers.flatMap((t) => [t.get(), t.get()]));
    expect(new Set(got).size).toBe(1);
    expect(fake.tokenIssues).toBe(1);
    expect(providers.reduce((n, t) => n + t.fetches, 0)).toBe(1);
  });

  it('invalidates only the stale token, so a late invalidation never drops a newer one', async () => {
    const p = `${prefix}-inv`;
    const a = tokens(new RedisAccessTokenStore(redis(), p));
    const b = tokens(new RedisAccessTokenStore(redis(), p));
    const first = await a.get();
    await b.invalidate(first);
    const second = await b.get();
    expect(second).not.toBe(first);
    await a.invalidate(first);
    expect(await a.get()).toBe(second);
    expect(fake.tokenIssues).toBe(2);
  });

  it('holds the refresh lock for one owner at a time', async () => {
    const store = new RedisAccessTokenStore(redis(), `${prefix}-lock`);
    const owner = await store.lock(5000);
    expect(owner).toBeTruthy();
    expect(await store.lock(5000)).toBeNull();
    await store.unlock('someone-else');
    expect(await store.lock(5000)).toBeNull();
    await store.unlock(owner!);
    expect(await store.lock(5000)).toBeTruthy();
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
