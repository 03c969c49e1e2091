import { describe, expect, it } from 'vitest';
import { AdminAccount, type AdminAccountRepository } from '../identity/admin.js';
import { RefreshToken, type RefreshTokenRepository } from '../identity/session.js';
import type { AuditLog } from '../shared/audit.js';
import type { RateLimiter } from '../shared/rate-limit.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';

export interface IdentityPorts {
  auditLog: AuditLog;
  rateLimiter: RateLimiter;
  refreshTokens: RefreshTokenRepository;
  admins: AdminAccountRepository;
  uow: UnitOfWork;
}

const T0 = new Date('2026-09-01T02:00:00.000Z');
const MIN = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);

/** Contract cases for the identity and audit ports; part of persistenceContract. */
export function identityContract(adapterName: string, ports: () => IdentityPorts): void {
  describe(`${adapterName}: AuditLog`, () => {
    it('lists newest first, filtered by campus and action, with a keyset cursor', async () => {
      const log = ports().auditLog;
      await log.record({
        actor: { kind: 'admin', id: 'adm-1' },
        action: 'listing.remove',
        targetType: 'listing',
        targetId: 'L1',
        campusId: 'demo',
        details: { reason: '违规' },
        at: at(1),
      });
      await log.record({
        actor: { kind: 'user', id: 'u1' },
        action: 'contact.reveal',
        targetType: 'listing',
        targetId: 'L2',
        campusId: 'demo',
        at: at(2),
      });
      await log.record({
        actor: { kind: 'admin', id: 'adm-2' },
        action: 'listing.remove',
        targetType: 'listing',
        targetId: 'L3',
        campusId: 'other-campus',
        at: at(3),
      });
      await log.record({
        actor: { kind: 'system', id: null },
        action: 'admin.login_failed',
        targetType: 'admin',
        targetId: 'root',
        at: at(3),
      });

      const all = await log.list({ limit: 10 });
      expect(all.map((e) => e.targetId)).toEqual([all[0]!.targetId, all[1]!.targetId, 'L2', 'L1']);
      expect(new Set(all.slice(0, 2).map((e) => e.targetId))).toEqual(new Set(['L3', 'root']));
      const first = all.find((e) => e.targetId === 'L1')!;
      expect(first).toMatchObject({
        actor: { kind: 'admin', id: 'adm-1' },
        action: 'listing.remove',
        targetType: 'listing',
        campusId: 'demo',
        details: { reason: '违规' },
      });
      expect(first.at).toEqual(at(1));
      expect(all.find((e) => e.targetId === 'root')).toMatchObject({
        actor: { kind: 'system', id: null },
        campusId: null,
        details: {},
      });

      expect((await log.list({ campusId: 'demo', limit: 10 })).map((e) => e.targetId)).toEqual(['L2', 'L1']);
      expect((await log.list({ action: 'listing.remove', limit: 10 })).map((e) => e.targetId)).toEqual(['L3', 'L1']);

      const page1 = await log.list({ limit: 2 });
      const last = page1[1]!;
      const page2 = await log.list({ limit: 2, before: { at: last.at, id: last.id } });
      expect([...page1, ...page2].map((e) => e.id)).toEqual(all.map((e) => e.id));
    });

    it('filters by actor, target and a half-open time window', async () => {
      const log = ports().auditLog;
      const entry = (actorId: string, targetId: string, minutes: number) =>
        log.record({
          actor: { kind: 'admin', id: actorId },
          action: 'user.ban',
          targetType: targetId.startsWith('L') ? 'listing' : 'user',
          targetId,
          campusId: 'demo',
          at: at(minutes),
        });
      await entry('adm-1', 'u1', 1);
      await entry('adm-2', 'u1', 2);
      await entry('adm-1', 'L1', 3);
      const ids = async (q: Partial<Parameters<typeof log.list>[0]>) =>
        (await log.list({ limit: 10, ...q })).map((e) => `${e.actor.id}/${e.targetId}`);
      expect(await ids({ actorId: 'adm-1' })).toEqual(['adm-1/L1', 'adm-1/u1']);
      expect(await ids({ targetType: 'user', targetId: 'u1' })).toEqual(['adm-2/u1', 'adm-1/u1']);
      expect(await ids({ targetType: 'listing' })).toEqual(['adm-1/L1']);
      expect(await ids({ from: at(2), to: at(3) })).toEqual(['adm-2/u1']);
      expect(await ids({ from: at(2), actorId: 'adm-1' })).toEqual(['adm-1/L1']);
      expect(await ids({ to: at(1) })).toEqual([]);
    });

    it('writes inside a unit of work commit or roll back with it', async () => {
      const { auditLog, uow } = ports();
      await expect(
        uow.run(async () => {
          await auditLog.record({
            actor: { kind: 'admin', id: 'a' },
            action: 'user.ban',
            targetType: 'user',
            targetId: 'u9',
            at: T0,
          });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await auditLog.list({ limit: 10 })).toEqual([]);
    });
  });

  describe(`${adapterName}: RateLimiter`, () => {
    const rule = { limit: 3, windowMs: 15 * MIN };
    it('allows up to the limit in a sliding window and says when to retry', async () => {
      const rl = ports().rateLimiter;
      expect(await rl.check('k', rule, at(0))).toEqual({ allowed: true, remaining: 3, retryAt: null });
      expect(await rl.hit('k', rule, at(0))).toMatchObject({ allowed: true, remaining: 2 });
      await rl.hit('k', rule, at(1));
      const third = await rl.hit('k', rule, at(2));
      expect(third).toEqual({ allowed: false, remaining: 0, retryAt: at(15) });
      expect(await rl.check('k', rule, at(10))).toEqual({ allowed: false, remaining: 0, retryAt: at(15) });
      expect(await rl.check('other', rule, at(10))).toMatchObject({ allowed: true, remaining: 3 });
      // The first attempt leaves the window at minute 15.
      expect(await rl.check('k', rule, at(15))).toEqual({ allowed: true, remaining: 1, retryAt: null });
      await rl.reset('k');
      expect(await rl.check('k', rule, at(15))).toMatchObject({ allowed: true, remaining: 3 });
    });

    it('prunes attempts older than a time, across keys', async () => {
      const rl = ports().rateLimiter;
      const hour = { limit: 3, windowMs: 60 * MIN };
      await rl.hit('a', hour, at(0));
      await rl.hit('b', hour, at(1));
      await rl.hit('b', hour, at(20));
      expect(await rl.prune(at(10))).toBe(2);
      expect(await rl.check('b', { limit: 1, windowMs: 60 * MIN }, at(21))).toMatchObject({
        allowed: false,
        retryAt: at(80),
      });
      expect(await rl.check('a', { limit: 1, windowMs: 60 * MIN }, at(21))).toMatchObject({ allowed: true });
    });
  });

  describe(`${adapterName}: RefreshTokenRepository`, () => {
    const token = (id: string, familyId: string, userId = 'user-owner') =>
      RefreshToken.issue({
        id,
        familyId,
        userId,
        tokenHash: `hash-${id}`.padEnd(64, '0'),
        now: T0,
        lifetimeMs: 30 * 24 * 60 * MIN,
      });

    it('finds tokens by hash and rotates each at most once', async () => {
      const repo = ports().refreshTokens;
      await repo.save(token('t1', 'f1'));
      const found = await repo.byHash('hash-t1'.padEnd(64, '0'));
      expect(found).toMatchObject({ id: 't1', familyId: 'f1', userId: 'user-owner', rotatedAt: null, revokedAt: null });
      expect(found!.expiresAt).toEqual(new Date(T0.getTime() + 30 * 24 * 60 * MIN));
      expect(await repo.byHash('nope'.padEnd(64, '0'))).toBeNull();
      expect(await repo.markRotated('t1', at(1))).toBe(true);
      expect(await repo.markRotated('t1', at(2))).toBe(false);
      expect((await repo.byHash('hash-t1'.padEnd(64, '0')))!.rotatedAt).toEqual(at(1));
    });

    it('revokes a family, or every token of a user', async () => {
      const repo = ports().refreshTokens;
      await repo.save(token('a1', 'fa'));
      await repo.save(token('a2', 'fa'));
      await repo.save(token('b1', 'fb'));
      await repo.save(token('c1', 'fc', 'user-buyer'));
      await repo.revokeFamily('fa', at(5));
      const revoked = async (id: string) => (await repo.byHash(`hash-${id}`.padEnd(64, '0')))!.revokedAt;
      expect(await revoked('a1')).toEqual(at(5));
      expect(await revoked('a2')).toEqual(at(5));
      expect(await revoked('b1')).toBeNull();
      await repo.revokeAllOfUser('user-owner', at(6));
      expect(await revoked('b1')).toEqual(at(6));
      expect(await revoked('a1')).toEqual(at(5));
      expect(await revoked('c1')).toBeNull();
    });

    it('deletes tokens that expired before a time', async () => {
      const repo = ports().refreshTokens;
      const old = RefreshToken.issue({
        id: 'old',
        familyId: 'f',
        userId: 'user-owner',
        tokenHash: 'hash-old'.padEnd(64, '0'),
        now: T0,
        lifetimeMs: MIN,
      });
      await repo.save(old);
      await repo.save(token('fresh', 'f'));
      expect(await repo.deleteExpired(at(0))).toBe(0);
      expect(await repo.deleteExpired(at(2))).toBe(1);
      expect(await repo.byHash('hash-old'.padEnd(64, '0'))).toBeNull();
      expect(await repo.byHash('hash-fresh'.padEnd(64, '0'))).not.toBeNull();
    });
  });

  describe(`${adapterName}: AdminAccountRepository`, () => {
    it('round-trips accounts by id and username, and refuses a second account with one username', async () => {
      const repo = ports().admins;
      const campusAdmin = AdminAccount.create({
        id: 'adm-1',
        username: 'zhang.san',
        passwordHash: 'scrypt$x',
        role: 'campus_admin',
        campusId: 'demo',
        now: T0,
      });
      await repo.save(campusAdmin);
      await repo.save(
        AdminAccount.create({
          id: 'adm-2',
          username: 'root',
          passwordHash: 'scrypt$y',
          role: 'super_admin',
          campusId: 'demo',
          now: T0,
        }),
      );
      const loaded = await repo.byUsername('zhang.san');
      expect(loaded).toMatchObject({
        id: 'adm-1',
        role: 'campus_admin',
        campusId: 'demo',
        status: 'active',
        passwordHash: 'scrypt$x',
      });
      expect(loaded!.createdAt).toEqual(T0);
      expect(await repo.byId('adm-2')).toMatchObject({ username: 'root', campusId: null });
      expect(await repo.byUsername('nobody')).toBeNull();
      loaded!.status = 'disabled';
      await repo.save(loaded!);
      expect((await repo.byId('adm-1'))!.active).toBe(false);
      await expect(
        repo.save(
          AdminAccount.create({
            id: 'adm-3',
            username: 'root',
            passwordHash: 'z',
            role: 'super_admin',
            campusId: null,
            now: T0,
          }),
        ),
      ).rejects.toThrow();
    });
  });
}
