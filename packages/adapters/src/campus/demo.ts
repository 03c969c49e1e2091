import {
  CampusAccountLocked,
  CampusCredentialsWrong,
  err,
  ok,
  type CampusAuthenticator,
  type CampusAuthFailure,
  type CampusCredentials,
  type CampusIdentity,
  type Result,
} from '@xianzhi/core';

export const DEMO_PASSWORD = 'demo';
const DEMO_STUDENT_NUMBER = /^20\d{8}$/;
export const DEMO_LOCKED_NUMBER = '2000000000';

/**
 * The embedded default's campus login, so a newcomer can try verification without a university:
 * any ten-digit number starting with 20 (e.g. 2023123456) with the password `demo` is a student;
 * 2000000000 is a locked account; everything else is refused.
 */
export class DemoCampusAuthenticator implements CampusAuthenticator {
  readonly kind = 'demo';
  readonly method = 'password' as const;
  constructor(readonly campusId: string) {}

  async authenticate(c: CampusCredentials): Promise<Result<CampusIdentity, CampusAuthFailure>> {
    if (c.kind !== 'password') return err(new CampusCredentialsWrong('method'));
    const username = c.username.trim();
    if (!DEMO_STUDENT_NUMBER.test(username) || c.password !== DEMO_PASSWORD) return err(new CampusCredentialsWrong());
    if (username === DEMO_LOCKED_NUMBER) return err(new CampusAccountLocked());
    return ok({ studentNumber: username, kind: 'student', name: null });
  }
}
