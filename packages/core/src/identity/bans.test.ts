import { beforeEach, describe, expect, it } from 'vitest';
import { aListing, coreKit, inMemoryPersistence, SequentialIds, type CoreKit } from '../testing/index.js';
import type { AuditLog } from '../shared/audit.js';
import { ListAuditLog } from '../moderation/list-audit-log.js';
import { SetUserBan } from './admin-use-cases.js';
import { RefreshSession, StartSession } from './login.js';

let k: CoreKit;
let ids: SequentialIds;
beforeEach(async () => {
  k = await coreKit(inMemoryPersistence());
  ids = new SequentialIds('s');
});

describe('bans and the audit log', () => {
  const ban = () =>
    new SetUserBan({
      users: k.ports.users,
      refreshTokens: k.ports.refreshTokens,
      outbox: k.ports.outbox,
      audit: k.ports.auditLog,
      uow: k.ports.uow,
      clock: k.clock,
      events: k.events,
      listings: k.ports.listings,
    });

  it('bans and unbans with a reason, revoking sessions, recording events and audit entries', async () => {
    const session = await new StartSession(k.ports.refreshTokens, ids, k.clock).execute({ userId: 'bob' });
    const banned = await ban().execute({ actor: k.actors.admin, userId: 'bob', banned: true, reason: '发布违规信息' });
    expect(banned.ok && banned.value.banned).toBe(true);
    const refresh = new RefreshSession({
      tokens: k.ports.refreshTokens,
      users: k.ports.users,
      uow: k.ports.uow,
      ids,
      clock: k.clock,
    });
    expect((await refresh.execute({ refreshToken: session.refreshToken })).ok).toBe(false);
    const unbanned = await ban().execute({
      actor: k.actors.superAdmin,
      userId: 'bob',
      banned: false,
      reason: '申诉通过',
    });
    expect(unbanned.ok && unbanned.value.banned).toBe(false);
    const events = await k.ports.outbox.unpublished(10);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['UserBanned', { userId: 'bob', by: 'adm-campus', reason: '发布违规信息' }],
      ['UserUnbanned', { userId: 'bob', by: 'adm-super', reason: '申诉通过' }],
    ]);
    expect((await k.ports.auditLog.list({ limit: 10 })).map((e) => [e.action, e.details])).toEqual([
      ['user.unban', { reason: '申诉通过' }],
      ['user.ban', { reason: '发布违规信息' }],
    ]);
  });

  it("takes the student's listings out of the feed on ban and puts them back, unchanged, on unban", async () => {
    const mine = aListing({ id: 'bobs', ownerId: 'bob', now: k.clock.now() });
    await k.ports.listings.save(mine);
    const feed = async () =>
      (
        await k.ports.listings.feed({ campusId: 'demo', sort: 'newest', now: k.clock.now(), after: null, limit: 10 })
      ).map((l) => l.id);
    expect(await feed()).toContain('bobs');
    await ban().execute({ actor: k.actors.admin, userId: 'bob', banned: true, reason: '发布违规信息' });
    expect(await feed()).not.toContain('bobs');
    expect((await k.ports.listings.byId('bobs'))!.status).toBe('active');
    await ban().execute({ actor: k.actors.admin, userId: 'bob', banned: false, reason: '申诉通过' });
    expect(await feed()).toContain('bobs');
  });

  it('refuses students, other campuses and empty reasons', async () => {
    const cases = [
      [k.actors.alice, 'bob', 'x', 'ADMIN_ONLY'],
      [k.actors.studentAdmin, 'bob', 'x', 'ADMIN_ONLY'],
      [k.anonymous, 'bob', 'x', 'UNAUTHENTICATED'],
      [k.actors.otherCampusAdmin, 'bob', 'x', 'ADMIN_SCOPE'],
      [k.actors.admin, 'bob', '  ', 'VALIDATION_FAILED'],
      [k.actors.admin, 'nobody', 'x', 'USER_NOT_FOUND'],
    ] as const;
    for (const [actor, userId, reason, code] of cases) {
      const r = await ban().execute({ actor, userId, banned: true, reason });
      expect(!r.ok && r.error.code, code).toBe(code);
    }
  });

  it('shows campus admins their own campus only', async () => {
    const log: AuditLog = k.ports.auditLog;
    const at = k.clock.now();
    await log.record({
      actor: { kind: 'admin', id: 'a' },
      action: 'user.ban',
      targetType: 'user',
      targetId: 'u1',
      campusId: 'demo',
      at,
    });
    await log.record({
      actor: { kind: 'admin', id: 'b' },
      action: 'user.ban',
      targetType: 'user',
      targetId: 'u2',
      campusId: 'other-campus',
      at,
    });
    const list = new ListAuditLog(log);
    const mine = await list.execute({ actor: k.actors.admin, limit: 10 });
    expect(mine.ok && mine.value.map((e) => e.targetId)).toEqual(['u1']);
    const all = await list.execute({ actor: k.actors.superAdmin, limit: 10 });
    expect(all.ok && all.value.length).toBe(2);
    const student = await list.execute({ actor: k.actors.alice, limit: 10 });
    expect(!student.ok && student.error.code).toBe('ADMIN_ONLY');
  });
});
