import {
  CampusAccountLocked,
  CampusCredentialsWrong,
  CampusPortalUnavailable,
  err,
  ok,
  type CampusAuthenticator,
  type CampusAuthFailure,
  type CampusCredentials,
  type CampusIdentity,
  type Result,
} from '@xianzhi/core';

/**
 * 星光大学 (a fictional university) signs students in with a JSON endpoint:
 *   POST /api/v1/sso/verify  { "account": "...", "password": "..." }
 *   → { "code": 0, "data": { "studentId": "...", "realName": "...", "userType": "undergraduate" | "graduate" | "teacher" } }
 *   → { "code": 1001 } wrong password · { "code": 1002 } account frozen · HTTP 5xx when down.
 * This file is all a university writes: one class implementing the core's CampusAuthenticator port.
 */
export class StarlightCampusAuthenticator implements CampusAuthenticator {
  readonly kind = 'starlight-sso';
  readonly method = 'password' as const;

  constructor(
    readonly campusId: string,
    private readonly endpoint: string,
    private readonly timeoutMs = 5000,
  ) {}

  async authenticate(credentials: CampusCredentials): Promise<Result<CampusIdentity, CampusAuthFailure>> {
    if (credentials.kind !== 'password') return err(new CampusCredentialsWrong('method'));
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ account: credentials.username, password: credentials.password }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      // Never pass the fetch error on: keep failures free of anything from the request.
      return err(new CampusPortalUnavailable('unreachable'));
    }
    if (!res.ok) return err(new CampusPortalUnavailable(`http-${res.status}`));
    const body = (await res.json().catch(() => null)) as {
      code?: number;
      data?: { studentId?: string; realName?: string; userType?: string };
    } | null;
    if (body?.code === 1001) return err(new CampusCredentialsWrong());
    if (body?.code === 1002) return err(new CampusAccountLocked());
    if (body?.code !== 0 || !body.data?.studentId) return err(new CampusPortalUnavailable('unexpected-answer'));
    return ok({
      studentNumber: body.data.studentId,
      kind: body.data.userType === 'teacher' ? 'staff' : 'student',
      name: body.data.realName ?? null,
    });
  }
}

/** What XZ_CAMPUSES' `module` kind imports: `{ "kind": "module", "module": "./starlight-login.js", "options": { "endpoint": "…" } }`. */
export function createCampusAuthenticator(
  campusId: string,
  options: { endpoint: string; timeoutMs?: number },
): CampusAuthenticator {
  return new StarlightCampusAuthenticator(campusId, options.endpoint, options.timeoutMs);
}
