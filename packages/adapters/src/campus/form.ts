import { createHash } from 'node:crypto';
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
import { DEFAULT_PORTAL_TIMEOUT_MS, portalRequest } from './http.js';

export type PasswordTransform = 'plain' | 'md5' | 'sha1';

export interface FormLoginSettings {
  /** The portal's login form action, e.g. https://jwc.example.edu.cn/login.action */
  readonly loginUrl: string;
  readonly usernameField?: string;
  readonly passwordField?: string;
  /** Fixed fields the form also posts (a hidden `lt`, a language…). */
  readonly extraFields?: Readonly<Record<string, string>>;
  /** How the portal expects the password: as typed, or its md5 / sha1 hex (the original system posted md5). */
  readonly passwordTransform?: PasswordTransform;
  /** Every condition given must hold for a login to count as successful. */
  readonly success: {
    readonly status?: number;
    readonly bodyContains?: string;
    /** A substring of the Location header of the redirect after a good login. */
    readonly redirectContains?: string;
  };
  /** A marker in the body of the page shown for a locked account. */
  readonly lockedBodyContains?: string;
  /** A regular expression with one group capturing the student number from the success page; the username otherwise. */
  readonly studentNumberPattern?: string;
  readonly namePattern?: string;
  readonly timeoutMs?: number;
}

/**
 * Relays a username and password to a portal's login form (how the original system verified
 * students). The password lives only in this call: never stored, logged, or put in an error.
 */
export class FormLoginCampusAuthenticator implements CampusAuthenticator {
  readonly kind = 'form';
  readonly method = 'password' as const;
  private readonly studentNumber: RegExp | null;
  private readonly name: RegExp | null;

  constructor(
    readonly campusId: string,
    private readonly settings: FormLoginSettings,
  ) {
    this.studentNumber = settings.studentNumberPattern ? new RegExp(settings.studentNumberPattern) : null;
    this.name = settings.namePattern ? new RegExp(settings.namePattern) : null;
  }

  async authenticate(c: CampusCredentials): Promise<Result<CampusIdentity, CampusAuthFailure>> {
    if (c.kind !== 'password') return err(new CampusCredentialsWrong('method'));
    const s = this.settings;
    const form = new URLSearchParams({ ...(s.extraFields ?? {}) });
    form.set(s.usernameField ?? 'username', c.username.trim());
    form.set(s.passwordField ?? 'password', transform(c.password, s.passwordTransform ?? 'plain'));
    const res = await portalRequest(
      s.loginUrl,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      },
      s.timeoutMs ?? DEFAULT_PORTAL_TIMEOUT_MS,
    );
    if (res instanceof CampusPortalUnavailable) return err(res);
    if (res.status >= 500) return err(new CampusPortalUnavailable(`http-${res.status}`));

    const succeeded =
      (s.success.status === undefined || res.status === s.success.status) &&
      (s.success.bodyContains === undefined || res.body.includes(s.success.bodyContains)) &&
      (s.success.redirectContains === undefined || (res.location ?? '').includes(s.success.redirectContains));
    if (!succeeded) {
      if (s.lockedBodyContains && res.body.includes(s.lockedBodyContains)) return err(new CampusAccountLocked());
      return err(new CampusCredentialsWrong());
    }
    let studentNumber = c.username.trim();
    if (this.studentNumber) {
      const found = this.studentNumber.exec(res.body)?.[1]?.trim();
      // The login worked but the page no longer looks as configured: the portal changed, not the student.
      if (!found) return err(new CampusPortalUnavailable('student-number-not-found'));
      studentNumber = found;
    }
    return ok({ studentNumber, kind: 'student', name: this.name?.exec(res.body)?.[1]?.trim() || null });
  }
}

function transform(password: string, how: PasswordTransform): string {
  if (how === 'plain') return password;
  return createHash(how).update(password, 'utf8').digest('hex');
}
