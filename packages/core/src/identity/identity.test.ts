import { beforeEach, describe, expect, it } from 'vitest';
import { coreKit, inMemoryPersistence, SequentialIds, type CoreKit } from '../testing/index.js';
import { err, ok } from '../shared/result.js';
import { AdminLogin, CreateAdminAccount } from './admin-use-cases.js';
import type { PasswordHasher } from './admin.js';
import { EndSession, LoginWithQq, PruneSessions, RefreshSession, StartSession } from './login.js';
import { QqCodeInvalid, type QqAuthClient } from './qq.js';
import { hashRefreshToken } from './session.js';

/** Readable, not secure: core tests need a hasher, the argon2id one lives in adapters. `old$` is an outdated scheme. */
const plainHasher: PasswordHasher = {
  hash: async (p) => `plain$${p}`,
  verify: async (p, stored) => stored === `plain$${p}` || stored === `old$${p}`,
  needsRehash: (stored) => !stored.startsWith('plain$'),
};

const fakeQq: QqAuthClient = {
  async exchangeCode(code) {
    if (!code.startsWith('ok:')) return err(new QqCodeInvalid());
    return ok({ openId: `OPENID-${code.slice(3)}`, unionId: null, sessionKey: 'sk' });
  },
};

let k: CoreKit;
let mem: ReturnType<typeof inMemoryPersistence>;
let ids: SequentialIds;
beforeEach(async () => {
  mem = inMemoryPersistence();
  k = await coreKit(mem);
  ids = new SequentialIds('s');
});

describe('QQ login', () => {
  it('registers a new, unverified user in the named campus, and finds them again next time', async () => {
    const login = new LoginWithQq({
      qq: fakeQq,
      users: k.ports.users,
      campuses: k.ports.campuses,
      ids,
      clock: k.clock,
    });
    const first = await login.execute({ code: 'ok:zed', campusId: 'demo' });
    expect(first.ok && [first.value.qqOpenId, first.value.verified, first.value.campusId]).toEqual([
      'OPENID-zed',
      false,
      'demo',
    ]);
    const again = await login.execute({ code: 'ok:zed', campusId: 'other-campus' });
    expect(again.ok && again.ok && first.ok && again.value.id).toBe(first.ok && first.value.id);
    expect(again.ok && again.value.campusId).toBe('demo');
    const existing = await login.execute({ code: 'ok:ALICE', campusId: 'demo' });
    expect(existing.ok && existing.value.id).toBe('alice');
    const bad = await login.execute({ code: 'nope', campusId: 'demo' });
    expect(!bad.ok && bad.error.code).toBe('QQ_CODE_INVALID');
    const nowhere = await login.execute({ code: 'ok:new', campusId: 'atlantis' });
    expect(!nowhere.ok && nowhere.error.code).toBe('CAMPUS_NOT_FOUND');
  });
});

describe('QQ login of a banned student', () => {
  it('gives no session: USER_BANNED at sign-in, and at refresh even for a token the ban revoked', async () => {
    const login = new LoginWithQq({
      qq: fakeQq,
      users: k.ports.users,
      campuses: k.ports.campuses,
      ids,
      clock: k.clock,
    });
    const session = await new StartSession(k.ports.refreshTokens, ids, k.clock).execute({ userId: 'bob' });
    const bob = (await k.ports.users.byId('bob'))!;
    bob.status = 'banned';
    await k.ports.users.save(bob);
    await k.ports.refreshTokens.revokeAllOfUser('bob', k.clock.now());
    const r = await login.execute({ code: 'ok:BOB', campusId: 'demo' });
    expect(r.ok ? 'ok' : r.error.code).toBe('USER_BANNED');
    const refresh = new RefreshSession({
      tokens: k.ports.refreshTokens,
      users: k.ports.users,
      uow: k.ports.uow,
      ids,
      clock: k.clock,
    });
    const renewed = await refresh.execute({ refreshToken: session.refreshToken });
    expect(renewed.ok ? 'ok' : renewed.error.code).toBe('USER_BANNED');
  });
});

describe('sessions', () => {
  const setup = () => ({
    start: new StartSession(k.ports.refreshTokens, ids, k.clock),
    refresh: new RefreshSession({
      tokens: k.ports.refreshTokens,
      users: k.ports.users,
      uow: k.ports.uow,
      ids,
      clock: k.clock,
    }),
    end: new EndSession(k.ports.refreshTokens, k.clock),
  });

  it('rotates: each refresh returns a new token and retires the old one; only hashes are stored', async () => {
    const s = setup();
    const issued = await s.start.execute({ userId: 'alice' });
    expect(issued.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await k.ports.refreshTokens.byHash(await hashRefreshToken(issued.refreshToken));
    expect(stored?.tokenHash).not.toContain(issued.refreshToken);
    expect(JSON.stringify([...mem.store.tables.refreshTokens.values()])).not.toContain(issued.refreshToken);
    const next = await s.refresh.execute({ refreshToken: issued.refreshToken });
    expect(next.ok && next.value.user.id).toBe('alice');
    if (!next.ok) throw new Error('refresh');
    expect(next.value.refreshToken).not.toBe(issued.refreshToken);
    const third = await s.refresh.execute({ refreshToken: next.value.refreshToken });
    expect(third.ok).toBe(true);
  });

  it('detects reuse of a rotated token and revokes the whole family', async () => {
    const s = setup();
    const issued = await s.start.execute({ userId: 'alice' });
    const next = await s.refresh.execute({ refreshToken: issued.refreshToken });
    if (!next.ok) throw new Error('refresh');
    const replay = await s.refresh.execute({ refreshToken: issued.refreshToken });
    expect(!replay.ok && replay.error.code).toBe('REFRESH_TOKEN_INVALID');
    const legit = await s.refresh.execute({ refreshToken: next.value.refreshToken });
    expect(!legit.ok && legit.error.code).toBe('REFRESH_TOKEN_INVALID');
    const otherLogin = await s.start.execute({ userId: 'alice' });
    expect((await s.refresh.execute({ refreshToken: otherLogin.refreshToken })).ok).toBe(true);
  });

  it('the housekeeping sweep forgets tokens a day past expiry and old sign-in attempts', async () => {
    const s = setup();
    await s.start.execute({ userId: 'alice' });
    await k.ports.rateLimiter.hit('k', { limit: 5, windowMs: 60_000 }, k.clock.now());
    const prune = new PruneSessions(k.ports.refreshTokens, k.ports.rateLimiter, k.clock);
    expect(await prune.execute()).toEqual({ refreshTokens: 0, attempts: 0 });
    k.clock.advance(31 * 24 * 3600_000 + 1);
    expect(await prune.execute()).toEqual({ refreshTokens: 1, attempts: 1 });
  });

  it('refuses expired, unknown and logged-out tokens, and banned users', async () => {
    const s = setup();
    const a = await s.start.execute({ userId: 'alice' });
    k.clock.advance(31 * 24 * 3600_000);
    expect((await s.refresh.execute({ refreshToken: a.refreshToken })).ok).toBe(false);
    expect((await s.refresh.execute({ refreshToken: 'made-up' })).ok).toBe(false);
    const b = await s.start.execute({ userId: 'alice' });
    await s.end.execute({ refreshToken: b.refreshToken });
    await s.end.execute({ refreshToken: 'made-up' });
    expect((await s.refresh.execute({ refreshToken: b.refreshToken })).ok).toBe(false);
    const m = await s.start.execute({ userId: 'mallory' });
    const banned = await s.refresh.execute({ refreshToken: m.refreshToken });
    expect(!banned.ok && banned.error.code).toBe('USER_BANNED');
    // The refusal rolls its unit of work back; the revocation must outlast it.
    expect((await k.ports.refreshTokens.byHash(await hashRefreshToken(m.refreshToken)))!.revokedAt).not.toBeNull();
  });
});

describe('admin accounts', () => {
  const make = () =>
    new CreateAdminAccount({
      admins: k.ports.admins,
      campuses: k.ports.campuses,
      hasher: plainHasher,
      ids,
      clock: k.clock,
    });
  const login = () =>
    new AdminLogin({
      admins: k.ports.admins,
      hasher: plainHasher,
      limiter: k.ports.rateLimiter,
      audit: k.ports.auditLog,
      clock: k.clock,
    });

  it('creates accounts with validated input and unique usernames', async () => {
    const created = await make().execute({
      username: 'Root',
      password: 'long-enough-pw',
      role: 'super_admin',
      campusId: 'demo',
    });
    expect(created.ok && [created.value.username, created.value.campusId, created.value.passwordHash]).toEqual([
      'root',
      null,
      'plain$long-enough-pw',
    ]);
    const dup = await make().execute({
      username: 'root',
      password: 'long-enough-pw',
      role: 'super_admin',
      campusId: null,
    });
    expect(!dup.ok && dup.error.code).toBe('ADMIN_USERNAME_TAKEN');
    const short = await make().execute({ username: 'x', password: 'short', role: 'campus_admin', campusId: null });
    expect(!short.ok && short.error.code === 'VALIDATION_FAILED' && short.error.problems.map((p) => p.field)).toEqual([
      'username',
      'password',
      'campusId',
    ]);
    const nowhere = await make().execute({
      username: 'zhang',
      password: 'long-enough-pw',
      role: 'campus_admin',
      campusId: 'atlantis',
    });
    expect(!nowhere.ok && nowhere.error.code).toBe('CAMPUS_NOT_FOUND');
  });

  it('logs in, audits success and failure, and locks a username at an address after 5 failures for 15 minutes', async () => {
    await make().execute({ username: 'zhang', password: 'correct-horse', role: 'campus_admin', campusId: 'demo' });
    const ok1 = await login().execute({ username: 'zhang', password: 'correct-horse', clientKey: 'c1' });
    expect(ok1.ok && ok1.value.role).toBe('campus_admin');
    for (let i = 0; i < 5; i++) {
      const r = await login().execute({ username: 'zhang', password: 'wrong', clientKey: 'fresh' });
      expect(!r.ok && r.error.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await login().execute({ username: 'zhang', password: 'correct-horse', clientKey: 'fresh' });
    expect(!locked.ok && locked.error.code).toBe('TOO_MANY_ATTEMPTS');
    k.clock.advance(15 * 60_000);
    expect((await login().execute({ username: 'zhang', password: 'correct-horse', clientKey: 'fresh' })).ok).toBe(true);
    const actions = (await k.ports.auditLog.list({ limit: 20 })).map((e) => e.action);
    expect(actions.filter((a) => a === 'admin.login')).toHaveLength(2);
    expect(actions.filter((a) => a === 'admin.login_failed')).toHaveLength(5);
    expect(JSON.stringify(await k.ports.auditLog.list({ limit: 20 }))).not.toContain('wrong');
  });

  it('replaces a hash of an outdated scheme on the next successful login only', async () => {
    await make().execute({ username: 'zhang', password: 'correct-horse', role: 'campus_admin', campusId: 'demo' });
    const account = (await k.ports.admins.byUsername('zhang'))!;
    account.passwordHash = 'old$correct-horse';
    await k.ports.admins.save(account);
    expect((await login().execute({ username: 'zhang', password: 'wrong', clientKey: 'c' })).ok).toBe(false);
    expect((await k.ports.admins.byUsername('zhang'))!.passwordHash).toBe('old$correct-horse');
    expect((await login().execute({ username: 'zhang', password: 'correct-horse', clientKey: 'c' })).ok).toBe(true);
    expect((await k.ports.admins.byUsername('zhang'))!.passwordHash).toBe('plain$correct-horse');
    expect((await login().execute({ username: 'zhang', password: 'correct-horse', clientKey: 'c' })).ok).toBe(true);
  });

  it('an attacker failing from one address does not lock the admin out at another', async () => {
    await make().execute({ username: 'zhang', password: 'correct-horse', role: 'campus_admin', campusId: 'demo' });
    for (let i = 0; i < 5; i++) await login().execute({ username: 'zhang', password: 'wrong', clientKey: 'A' });
    const fromA = await login().execute({ username: 'zhang', password: 'correct-horse', clientKey: 'A' });
    expect(!fromA.ok && fromA.error.code).toBe('TOO_MANY_ATTEMPTS');
    const fromB = await login().execute({ username: 'zhang', password: 'correct-horse', clientKey: 'B' });
    expect(fromB.ok).toBe(true);
  });

  it('slows a username down from any address only well above the per-address limit, and for a day past 60', async () => {
    await make().execute({ username: 'zhang', password: 'correct-horse', role: 'campus_admin', campusId: 'demo' });
    for (let i = 0; i < 20; i++) await login().execute({ username: 'zhang', password: 'wrong', clientKey: `bot${i}` });
    const spread = await login().execute({ username: 'zhang', password: 'correct-horse', clientKey: 'home' });
    expect(!spread.ok && spread.error.code).toBe('TOO_MANY_ATTEMPTS');
    k.clock.advance(15 * 60_000 + 1);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 20; i++)
        await login().execute({ username: 'zhang', password: 'wrong', clientKey: `b${round}${i}` });
      k.clock.advance(15 * 60_000 + 1);
    }
    const daily = await login().execute({ username: 'zhang', password: 'correct-horse', clientKey: 'home' });
    expect(!daily.ok && daily.error.code).toBe('TOO_MANY_ATTEMPTS');
    k.clock.advance(24 * 60 * 60_000);
    expect((await login().execute({ username: 'zhang', password: 'correct-horse', clientKey: 'home' })).ok).toBe(true);
  });

  it('audits a failed login without what was typed: the account id when the username exists, else nothing', async () => {
    await make().execute({ username: 'zhang', password: 'correct-horse', role: 'campus_admin', campusId: 'demo' });
    const zhang = (await k.ports.admins.byUsername('zhang'))!;
    await login().execute({
      username: 'correct-horse-typed-here',
      password: 'x',
      clientKey: 'k7',
      clientAddress: '10.0.0.7',
    });
    await login().execute({ username: 'zhang', password: 'wrong-one', clientKey: 'k7', clientAddress: '10.0.0.7' });
    const failed = (await k.ports.auditLog.list({ limit: 10 })).filter((e) => e.action === 'admin.login_failed');
    expect(JSON.stringify(failed)).not.toContain('correct-horse-typed-here');
    expect(JSON.stringify(failed)).not.toContain('wrong-one');
    expect([...mem.store.tables.rateHits.keys()].join(' ')).not.toContain('correct-horse-typed-here');
    expect(failed.map((e) => [e.targetId, e.details])).toEqual([
      [zhang.id, { known: true, address: '10.0.0.7' }],
      ['', { known: false, address: '10.0.0.7' }],
    ]);
  });

  it('limits failures per client across usernames, and treats unknown and disabled accounts as wrong passwords', async () => {
    for (let i = 0; i < 20; i++) await login().execute({ username: `ghost${i}`, password: 'x', clientKey: 'attacker' });
    const r = await login().execute({ username: 'ghost9', password: 'x', clientKey: 'attacker' });
    expect(!r.ok && r.error.code).toBe('TOO_MANY_ATTEMPTS');
    await make().execute({ username: 'old', password: 'correct-horse', role: 'super_admin', campusId: null });
    const acc = (await k.ports.admins.byUsername('old'))!;
    acc.status = 'disabled';
    await k.ports.admins.save(acc);
    const disabled = await login().execute({ username: 'old', password: 'correct-horse', clientKey: 'c' });
    expect(!disabled.ok && disabled.error.code).toBe('INVALID_CREDENTIALS');
  });
});
