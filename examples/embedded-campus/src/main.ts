import { createHmac } from 'node:crypto';
import {
  actorFor,
  CampusAuthenticators,
  systemClock,
  User,
  VerifyStudent,
  type StudentNumberHasher,
} from '@xianzhi/core';
import { aCampus, inMemoryPersistence, InMemoryStudentVerificationRepository } from '@xianzhi/core/testing';
import { StarlightCampusAuthenticator } from './starlight-login.js';
import { startStarlightServer } from './starlight-server.js';

/** The university keeps its own key; only the keyed hash of a student number is ever stored. */
class HmacHasher implements StudentNumberHasher {
  constructor(private readonly key: string) {}
  hash(campusId: string, studentNumber: string): string {
    return createHmac('sha256', this.key).update(`${campusId}\n${studentNumber.trim()}`).digest('hex');
  }
}

/**
 * The whole embedding: the core's VerifyStudent use case, the core's in-memory adapters, and a
 * campus login written here from scratch. No HTTP API, no database, no adapters package.
 */
export async function runExample(log: (line: string) => void = console.log) {
  const portal = await startStarlightServer({ '20250001': { password: 'starlight-pw', realName: '星星' } });
  try {
    const ports = inMemoryPersistence();
    await ports.campuses.save(aCampus({ id: 'starlight', name: '星光大学' }));
    const student = User.register({
      id: 'u-1',
      qqOpenId: 'OPENID-1',
      nickname: '小星',
      avatarUrl: null,
      campusId: 'starlight',
      now: new Date(),
    });
    await ports.users.save(student);

    const verify = new VerifyStudent({
      users: ports.users,
      verifications: new InMemoryStudentVerificationRepository(ports.store),
      authenticators: new CampusAuthenticators([new StarlightCampusAuthenticator('starlight', portal.endpoint)]),
      hasher: new HmacHasher('starlight-example-key'),
      limiter: ports.rateLimiter,
      uow: ports.uow,
      audit: ports.auditLog,
      clock: systemClock,
    });
    const wrong = await verify.execute({
      actor: actorFor(student),
      credentials: { kind: 'password', username: '20250001', password: 'typo' },
    });
    log(`wrong password → ${wrong.ok ? 'verified?!' : wrong.error.code}`);
    const result = await verify.execute({
      actor: actorFor(student),
      credentials: { kind: 'password', username: '20250001', password: 'starlight-pw' },
    });
    log(
      result.ok
        ? `verified ${result.value.nickname} at ${result.value.verifiedAt!.toISOString()}`
        : `not verified: ${result.error.code}`,
    );
    return { wrong, result, audit: await ports.auditLog.list({ limit: 10 }) };
  } finally {
    await portal.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runExample();
}
