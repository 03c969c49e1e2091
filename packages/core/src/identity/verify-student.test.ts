import { beforeEach, describe, expect, it } from 'vitest';
import { actorFor, anonymous, type AdminActor } from './actor.js';
import {
  CampusAccountLocked,
  CampusAuthenticators,
  CampusCredentialsWrong,
  CampusPortalUnavailable,
  type CampusAuthenticator,
  type CampusCredentials,
} from './campus-verification.js';
import { ReleaseStudentNumber, VerifyStudent } from './verify-student.js';
import { err, ok } from '../shared/result.js';
import { aCampus, aUser, TestClock } from '../testing/builders.js';
import { inMemoryPersistence } from '../testing/in-memory.js';
import { FakeStudentNumberHasher, InMemoryStudentVerificationRepository } from '../testing/in-memory-verification.js';
import { campusAuthenticatorContract, studentVerificationContract } from '../testing/campus-contracts.js';

/** A portal in a test: one student, one locked account, and a switch to take it down. */
class TablePortal implements CampusAuthenticator {
  readonly kind = 'test';
  readonly method = 'password' as const;
  down = false;
  constructor(readonly campusId = 'demo') {}
  async authenticate(c: CampusCredentials) {
    if (this.down) return err(new CampusPortalUnavailable('down'));
    if (c.kind !== 'password') return err(new CampusCredentialsWrong());
    if (c.username === 'locked') return err(new CampusAccountLocked());
    if (c.password !== 'right') return err(new CampusCredentialsWrong());
    return ok({ studentNumber: c.username, kind: 'student' as const, name: null });
  }
}

campusAuthenticatorContract('in-test portal', async () => {
  const authenticator = new TablePortal();
  return {
    authenticator,
    valid: async () => ({
      credentials: { kind: 'password', username: '2023000001', password: 'right' },
      identity: { studentNumber: '2023000001', kind: 'student', name: null },
    }),
    wrong: async () => ({ kind: 'password', username: '2023000001', password: 'wrong-password' }),
    outages: { down: async () => Object.assign(new TablePortal(), { down: true }) },
    locked: async () => ({ kind: 'password', username: 'locked', password: 'right' }),
  };
});

studentVerificationContract('in-memory', async () => {
  const ports = inMemoryPersistence();
  return {
    verifications: new InMemoryStudentVerificationRepository(ports.store),
    uow: ports.uow,
    outbox: ports.outbox,
    prepareUsers: async () => {},
    dispose: async () => {},
  };
});

describe('VerifyStudent and ReleaseStudentNumber', () => {
  let world: Awaited<ReturnType<typeof setup>>;
  async function setup() {
    const ports = inMemoryPersistence();
    const clock = new TestClock();
    const portal = new TablePortal();
    const verifications = new InMemoryStudentVerificationRepository(ports.store);
    await ports.campuses.save(aCampus());
    const carol = aUser({ id: 'carol', verified: false });
    const erin = aUser({ id: 'erin', verified: false });
    const mallory = aUser({ id: 'mallory', verified: false, banned: true });
    const admin: AdminActor = { kind: 'admin', adminId: 'admin-1', role: 'campus_admin', campusId: 'demo' };
    for (const u of [carol, erin, mallory]) await ports.users.save(u);
    const verify = new VerifyStudent({
      users: ports.users,
      verifications,
      authenticators: new CampusAuthenticators([portal]),
      hasher: new FakeStudentNumberHasher(),
      limiter: ports.rateLimiter,
      uow: ports.uow,
      audit: ports.auditLog,
      clock,
    });
    const release = new ReleaseStudentNumber({
      users: ports.users,
      verifications,
      audit: ports.auditLog,
      uow: ports.uow,
      clock,
    });
    return { ports, clock, portal, verifications, verify, release, carol, erin, mallory, admin };
  }
  beforeEach(async () => {
    world = await setup();
  });
  const pw = (username: string, password = 'right'): CampusCredentials => ({ kind: 'password', username, password });

  it('verifies the user, keeps only the hash, the campus and the time, and audits it', async () => {
    const { verify, carol, verifications, clock, ports } = world;
    const result = await verify.execute({ actor: actorFor(carol), credentials: pw('2023000001'), clientKey: 'ip-1' });
    expect(result.ok && result.value.verified).toBe(true);
    expect((await ports.users.byId('carol'))!.verifiedAt).toEqual(clock.now());
    const binding = (await verifications.byUser('carol'))!;
    expect(Object.keys(binding).sort()).toEqual(['campusId', 'studentNumberHash', 'userId', 'verifiedAt']);
    expect(binding.studentNumberHash).not.toContain('2023000001');
    const audit = await ports.auditLog.list({ limit: 10 });
    expect(audit.map((a) => [a.action, a.targetId])).toEqual([['student.verify', 'carol']]);
    expect(JSON.stringify(audit)).not.toContain('2023000001');
  });

  it('lets one student number verify one account per campus', async () => {
    const { verify, carol, erin } = world;
    expect((await verify.execute({ actor: actorFor(carol), credentials: pw('2023000001') })).ok).toBe(true);
    const second = await verify.execute({ actor: actorFor(erin), credentials: pw('2023000001') });
    expect(second.ok ? 'ok' : second.error.code).toBe('STUDENT_NUMBER_IN_USE');
    expect((await world.ports.users.byId('erin'))!.verified).toBe(false);
    expect((await verify.execute({ actor: actorFor(carol), credentials: pw('2023000001') })).ok).toBe(true);
  });

  it('passes portal failures through and refuses anonymous, banned and mismatched requests', async () => {
    const { verify, carol, mallory, portal } = world;
    const code = async (p: Promise<{ ok: boolean; error?: { code: string } }>) => {
      const r = await p;
      return r.ok ? 'ok' : r.error!.code;
    };
    expect(await code(verify.execute({ actor: anonymous, credentials: pw('1') }))).toBe('UNAUTHENTICATED');
    expect(await code(verify.execute({ actor: actorFor(mallory), credentials: pw('1') }))).toBe('USER_BANNED');
    expect(
      await code(
        verify.execute({ actor: actorFor(carol), credentials: { kind: 'cas-ticket', ticket: 'ST-1', service: 'x' } }),
      ),
    ).toBe('CAMPUS_LOGIN_METHOD_MISMATCH');
    expect(await code(verify.execute({ actor: actorFor(carol), credentials: pw('', '') }))).toBe('VALIDATION_FAILED');
    expect(await code(verify.execute({ actor: actorFor(carol), credentials: pw('2023000001', 'nope') }))).toBe(
      'CAMPUS_CREDENTIALS_WRONG',
    );
    expect(await code(verify.execute({ actor: actorFor(carol), credentials: pw('locked') }))).toBe(
      'CAMPUS_ACCOUNT_LOCKED',
    );
    portal.down = true;
    expect(await code(verify.execute({ actor: actorFor(carol), credentials: pw('2023000001') }))).toBe(
      'CAMPUS_PORTAL_UNAVAILABLE',
    );
  });

  it('rate-limits attempts per user, and tells when to retry', async () => {
    const { verify, carol, clock } = world;
    const start = clock.now();
    for (let i = 0; i < 5; i++) {
      const r = await verify.execute({
        actor: actorFor(carol),
        credentials: pw('2023000001', 'nope'),
        clientKey: 'ip-1',
      });
      expect(r.ok ? 'ok' : r.error.code).toBe('CAMPUS_CREDENTIALS_WRONG');
      clock.advance(1000);
    }
    const sixth = await verify.execute({ actor: actorFor(carol), credentials: pw('2023000001'), clientKey: 'ip-1' });
    expect(sixth.ok ? 'ok' : sixth.error.code).toBe('VERIFICATION_RATE_LIMITED');
    if (!sixth.ok && sixth.error.code === 'VERIFICATION_RATE_LIMITED') {
      expect(sixth.error.retryAt).toEqual(new Date(start.getTime() + 15 * 60_000));
    }
    const otherAddress = await verify.execute({
      actor: actorFor(carol),
      credentials: pw('2023000001'),
      clientKey: 'ip-2',
    });
    expect(otherAddress.ok ? 'ok' : otherAddress.error.code).toBe('VERIFICATION_RATE_LIMITED');
    clock.set(new Date(start.getTime() + 15 * 60_000 + 5000));
    expect(
      (await verify.execute({ actor: actorFor(carol), credentials: pw('2023000001'), clientKey: 'ip-1' })).ok,
    ).toBe(true);
  });

  it("on one NAT address, one student's failures do not block another; only many failures block the address", async () => {
    const { verify, carol, erin, ports } = world;
    for (let i = 0; i < 5; i++)
      await verify.execute({ actor: actorFor(carol), credentials: pw('2023000001', 'nope'), clientKey: 'nat' });
    const erinSameAddress = await verify.execute({
      actor: actorFor(erin),
      credentials: pw('2023000002'),
      clientKey: 'nat',
    });
    expect(erinSameAddress.ok ? 'ok' : erinSameAddress.error.code).toBe('ok');
    // Someone cycling through many accounts from one address is still stopped there.
    for (let i = 0; i < 60; i++) {
      const u = aUser({ id: `sock-${i}`, verified: false });
      await ports.users.save(u);
      await verify.execute({ actor: actorFor(u), credentials: pw('2023000009', 'nope'), clientKey: 'busy' });
    }
    const fresh = aUser({ id: 'fresh', verified: false });
    await ports.users.save(fresh);
    const blocked = await verify.execute({ actor: actorFor(fresh), credentials: pw('2023000003'), clientKey: 'busy' });
    expect(blocked.ok ? 'ok' : blocked.error.code).toBe('VERIFICATION_RATE_LIMITED');
  });

  it('an admin releases a number: the old account is unverified and another may verify with it', async () => {
    const { verify, release, carol, erin, admin, ports } = world;
    await verify.execute({ actor: actorFor(carol), credentials: pw('2023000001') });
    const refused = await release.execute({ actor: actorFor((await ports.users.byId('erin'))!), userId: 'carol' });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('ADMIN_ONLY');
    const elsewhere = await release.execute({ actor: { ...admin, campusId: 'other-campus' }, userId: 'carol' });
    expect(elsewhere.ok ? 'ok' : elsewhere.error.code).toBe('ADMIN_SCOPE');
    const released = await release.execute({ actor: admin, userId: 'carol' });
    expect(released.ok && released.value.verified).toBe(false);
    expect((await ports.users.byId('carol'))!.verified).toBe(false);
    const again = await release.execute({ actor: admin, userId: 'carol' });
    expect(again.ok ? 'ok' : again.error.code).toBe('VERIFICATION_NOT_FOUND');
    expect((await verify.execute({ actor: actorFor(erin), credentials: pw('2023000001') })).ok).toBe(true);
    expect((await ports.auditLog.list({ limit: 10 })).map((a) => a.action)).toContain('student.release');
  });
});
