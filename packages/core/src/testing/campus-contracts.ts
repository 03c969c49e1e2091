import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CampusAuthenticator,
  CampusCredentials,
  CampusIdentity,
  StudentVerificationRepository,
} from '../identity/campus-verification.js';
import type { Outbox } from '../shared/events.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';

/** What a campus authenticator's test gives the contract: the adapter, and ways to make each outcome happen. */
export interface CampusAuthenticatorFixture {
  readonly authenticator: CampusAuthenticator;
  /** Fresh credentials that the portal accepts (a CAS ticket is single-use: a new one each call), and who they are. */
  valid(): Promise<{ credentials: CampusCredentials; identity: CampusIdentity }>;
  /** Credentials the portal rejects (a wrong password, an unknown ticket). */
  wrong(): Promise<CampusCredentials>;
  /**
   * Each way the portal can fail (down, answering 5xx, too slow): an authenticator of the same campus
   * facing it. Called after `valid()`, so it may break the portal for the rest of the case.
   */
  readonly outages: Record<string, () => Promise<CampusAuthenticator>>;
  /** Credentials of a locked account, when the portal can say so. */
  locked?(): Promise<CampusCredentials>;
  dispose?(): Promise<void>;
}

const secretsOf = (c: CampusCredentials): string[] => (c.kind === 'password' ? [c.password] : []);

/**
 * The contract every CampusAuthenticator passes (CAS, form login, demo, a university's plugin).
 * Run it against the real adapter talking to a fake portal on loopback, not against a mock.
 */
export function campusAuthenticatorContract(name: string, setup: () => Promise<CampusAuthenticatorFixture>): void {
  describe(`${name}: CampusAuthenticator contract`, () => {
    let f: CampusAuthenticatorFixture;
    beforeEach(async () => {
      f = await setup();
    });
    afterEach(async () => {
      await f.dispose?.();
    });

    it('names its campus, its kind, and takes the credentials its method says', async () => {
      expect(f.authenticator.campusId).toMatch(/\S/);
      expect(f.authenticator.kind).toMatch(/\S/);
      const { credentials } = await f.valid();
      expect(credentials.kind).toBe(f.authenticator.method === 'cas' ? 'cas-ticket' : 'password');
      if (f.authenticator.method === 'cas') expect(f.authenticator.loginUrl?.().url).toMatch(/^https?:\/\//);
    });

    it('answers the identity for valid credentials', async () => {
      const { credentials, identity } = await f.valid();
      const result = await f.authenticator.authenticate(credentials);
      expect(result.ok ? result.value : result.error).toEqual(identity);
      expect(identity.studentNumber).toMatch(/\S/);
    });

    it('refuses wrong credentials with CAMPUS_CREDENTIALS_WRONG, without echoing secrets', async () => {
      const credentials = await f.wrong();
      const result = await f.authenticator.authenticate(credentials);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('CAMPUS_CREDENTIALS_WRONG');
      const text = JSON.stringify({ message: result.error.message, details: result.error.details });
      for (const secret of secretsOf(credentials)) expect(text).not.toContain(secret);
    });

    it('reports every outage as CAMPUS_PORTAL_UNAVAILABLE, never as wrong credentials or a throw', async () => {
      // An adapter with no portal behind it (the demo) has no outages to show.
      for (const [outage, make] of Object.entries(f.outages)) {
        const { credentials } = await f.valid();
        const authenticator = await make();
        const result = await authenticator.authenticate(credentials);
        expect(result.ok ? 'ok' : result.error.code, outage).toBe('CAMPUS_PORTAL_UNAVAILABLE');
        if (!result.ok) {
          const text = JSON.stringify({ message: result.error.message, details: result.error.details });
          for (const secret of secretsOf(credentials)) expect(text).not.toContain(secret);
        }
      }
    });

    it('reports a locked account as CAMPUS_ACCOUNT_LOCKED where the portal tells', async () => {
      if (!f.locked) return;
      const result = await f.authenticator.authenticate(await f.locked());
      expect(result.ok ? 'ok' : result.error.code).toBe('CAMPUS_ACCOUNT_LOCKED');
    });
  });
}

export interface VerificationPersistencePorts {
  readonly verifications: StudentVerificationRepository;
  readonly uow: UnitOfWork;
  /** Written after a save in the same unit (the use case saves the user then): it must not undo the save. */
  readonly outbox: Outbox;
  /** Whether a user row exists for the ids the suite uses; adapters with foreign keys create them. */
  prepareUsers(ids: readonly string[]): Promise<void>;
  dispose(): Promise<void>;
}

/** The contract of the student-number bindings (in-memory, SQLite, MariaDB). */
export function studentVerificationContract(name: string, factory: () => Promise<VerificationPersistencePorts>): void {
  describe(`${name}: StudentVerificationRepository contract`, () => {
    let p: VerificationPersistencePorts;
    const at = new Date('2026-09-01T02:00:00.123Z');
    beforeEach(async () => {
      p = await factory();
      await p.prepareUsers(['u1', 'u2']);
    });
    afterEach(async () => {
      await p.dispose();
    });

    it('round-trips a binding and finds it by user and by (campus, hash)', async () => {
      expect(
        await p.verifications.save({ userId: 'u1', campusId: 'demo', studentNumberHash: 'h1', verifiedAt: at }),
      ).toBe('saved');
      expect(await p.verifications.byUser('u1')).toEqual({
        userId: 'u1',
        campusId: 'demo',
        studentNumberHash: 'h1',
        verifiedAt: at,
      });
      expect((await p.verifications.byStudentNumber('demo', 'h1'))?.userId).toBe('u1');
      expect(await p.verifications.byStudentNumber('other-campus', 'h1')).toBeNull();
      expect(await p.verifications.byUser('u2')).toBeNull();
    });

    it('binds one number to one account per campus; the same user saving again replaces its binding', async () => {
      await p.verifications.save({ userId: 'u1', campusId: 'demo', studentNumberHash: 'h1', verifiedAt: at });
      expect(
        await p.verifications.save({ userId: 'u2', campusId: 'demo', studentNumberHash: 'h1', verifiedAt: at }),
      ).toBe('taken');
      expect(
        await p.verifications.save({ userId: 'u1', campusId: 'demo', studentNumberHash: 'h1', verifiedAt: at }),
      ).toBe('saved');
      expect(
        await p.verifications.save({ userId: 'u1', campusId: 'demo', studentNumberHash: 'h2', verifiedAt: at }),
      ).toBe('saved');
      expect(await p.verifications.byStudentNumber('demo', 'h1')).toBeNull();
      expect(
        await p.verifications.save({ userId: 'u2', campusId: 'demo', studentNumberHash: 'h1', verifiedAt: at }),
      ).toBe('saved');
    });

    it('keeps a re-verification made in one unit of work after reading the binding, when the unit writes more', async () => {
      await p.verifications.save({ userId: 'u1', campusId: 'demo', studentNumberHash: 'h1', verifiedAt: at });
      const later = new Date(at.getTime() + 60_000);
      await p.uow.run(async () => {
        expect((await p.verifications.byStudentNumber('demo', 'h1'))?.userId).toBe('u1');
        await p.verifications.save({ userId: 'u1', campusId: 'demo', studentNumberHash: 'h1', verifiedAt: later });
        await p.outbox.append([
          {
            id: 'evt-verify-1',
            type: 'ListingUnwanted',
            occurredAt: later,
            aggregateId: 'L1',
            payload: { listingId: 'L1', userId: 'u1' },
          },
        ]);
      });
      expect(await p.verifications.byUser('u1')).toMatchObject({ studentNumberHash: 'h1', verifiedAt: later });
    });

    it('answers taken, not a throw, when two accounts race for one number', async () => {
      const results = await Promise.all(
        ['u1', 'u2'].map((userId) =>
          p.verifications.save({ userId, campusId: 'demo', studentNumberHash: 'race', verifiedAt: at }),
        ),
      );
      expect(results.sort()).toEqual(['saved', 'taken']);
    });

    it('releases a binding, and a unit of work that throws takes a save back', async () => {
      await p.verifications.save({ userId: 'u1', campusId: 'demo', studentNumberHash: 'h1', verifiedAt: at });
      expect(await p.verifications.removeForUser('u1')).toBe(true);
      expect(await p.verifications.removeForUser('u1')).toBe(false);
      await expect(
        p.uow.run(async () => {
          await p.verifications.save({ userId: 'u2', campusId: 'demo', studentNumberHash: 'h9', verifiedAt: at });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await p.verifications.byUser('u2')).toBeNull();
    });
  });
}
