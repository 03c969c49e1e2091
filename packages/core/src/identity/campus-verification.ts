import { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';

/** Who the campus portal says the person is. The name is optional: many portals do not tell. */
export interface CampusIdentity {
  readonly studentNumber: string;
  readonly kind: 'student' | 'staff';
  readonly name: string | null;
}

/** A CAS ticket from the campus login page, or a username and password relayed to a portal. */
export type CampusCredentials =
  | { readonly kind: 'cas-ticket'; readonly ticket: string; readonly service: string }
  | { readonly kind: 'password'; readonly username: string; readonly password: string };

export type CampusLoginMethod = 'cas' | 'password';

export class CampusCredentialsWrong extends DomainError<'CAMPUS_CREDENTIALS_WRONG'> {
  readonly code = 'CAMPUS_CREDENTIALS_WRONG' as const;
  constructor(reason = 'rejected') {
    super('学号或密码不正确，或登录凭据已失效', { reason });
  }
}

export class CampusPortalUnavailable extends DomainError<'CAMPUS_PORTAL_UNAVAILABLE'> {
  readonly code = 'CAMPUS_PORTAL_UNAVAILABLE' as const;
  constructor(reason = 'unavailable') {
    super('学校统一认证暂时无法访问，请稍后再试', { reason });
  }
}

export class CampusAccountLocked extends DomainError<'CAMPUS_ACCOUNT_LOCKED'> {
  readonly code = 'CAMPUS_ACCOUNT_LOCKED' as const;
  constructor() {
    super('学校账号已被锁定，请先在学校门户解锁');
  }
}

/**
 * The campus login succeeded but did not say who the student is in the way this campus is configured
 * (a CAS answer without the student-number attribute): a configuration matter for the operators, never
 * a reason to fall back to some other identifier.
 */
export class CampusIdentityIncomplete extends DomainError<'CAMPUS_IDENTITY_INCOMPLETE'> {
  readonly code = 'CAMPUS_IDENTITY_INCOMPLETE' as const;
  constructor(
    readonly campusId: string,
    readonly missing: string,
  ) {
    super('学校统一认证没有返回学号，暂时无法完成验证，请联系平台管理员', { campusId, missing });
  }
}

export type CampusAuthFailure =
  CampusCredentialsWrong | CampusPortalUnavailable | CampusAccountLocked | CampusIdentityIncomplete;

/**
 * One campus's login (CAS, a relayed portal form, a university's own plugin). It only answers who
 * the credentials belong to; it never stores or logs them.
 */
export interface CampusAuthenticator {
  readonly campusId: string;
  /** 'cas', 'form', 'demo' or a plugin's name; for operators, not for logic. */
  readonly kind: string;
  /** Which credentials it takes: a CAS ticket, or a username and password. */
  readonly method: CampusLoginMethod;
  authenticate(credentials: CampusCredentials): Promise<Result<CampusIdentity, CampusAuthFailure>>;
  /** For CAS: the page the client opens so the student signs in at the campus, never with us. */
  loginUrl?(): { url: string; service: string };
}

/** The authenticator of each campus this deployment serves. */
export interface CampusAuthenticatorRegistry {
  forCampus(campusId: string): CampusAuthenticator | null;
}

/** A registry from a plain list, one authenticator per campus. */
export class CampusAuthenticators implements CampusAuthenticatorRegistry {
  private readonly byCampus = new Map<string, CampusAuthenticator>();
  constructor(authenticators: readonly CampusAuthenticator[]) {
    for (const a of authenticators) {
      if (this.byCampus.has(a.campusId)) throw new Error(`two campus authenticators for campus "${a.campusId}"`);
      this.byCampus.set(a.campusId, a);
    }
  }
  forCampus(campusId: string): CampusAuthenticator | null {
    return this.byCampus.get(campusId) ?? null;
  }
  get all(): CampusAuthenticator[] {
    return [...this.byCampus.values()];
  }
}

/**
 * A keyed hash (HMAC with a server-side key) of a student number within a campus: lets us tell that
 * a number is already bound without keeping the number.
 */
export interface StudentNumberHasher {
  hash(campusId: string, studentNumber: string): string;
}

/** The only record of a verification: whose, which campus, the number's keyed hash, and when. */
export interface StudentVerification {
  readonly userId: string;
  readonly campusId: string;
  readonly studentNumberHash: string;
  readonly verifiedAt: Date;
}

export interface StudentVerificationRepository {
  byUser(userId: string): Promise<StudentVerification | null>;
  byStudentNumber(campusId: string, studentNumberHash: string): Promise<StudentVerification | null>;
  /** Saves the user's binding (replacing an earlier one); 'taken' when another user holds the number. */
  save(verification: StudentVerification): Promise<'saved' | 'taken'>;
  removeForUser(userId: string): Promise<boolean>;
}

export class CampusVerificationUnavailable extends DomainError<'CAMPUS_VERIFICATION_UNAVAILABLE'> {
  readonly code = 'CAMPUS_VERIFICATION_UNAVAILABLE' as const;
  constructor(readonly campusId: string) {
    super('本校暂未开通学生身份验证', { campusId });
  }
}

export class CampusLoginMethodMismatch extends DomainError<'CAMPUS_LOGIN_METHOD_MISMATCH'> {
  readonly code = 'CAMPUS_LOGIN_METHOD_MISMATCH' as const;
  constructor(readonly expected: CampusLoginMethod) {
    super(expected === 'cas' ? '本校通过统一身份认证页面验证，请从登录页进入' : '本校通过学号和密码验证', { expected });
  }
}

export class StudentNumberInUse extends DomainError<'STUDENT_NUMBER_IN_USE'> {
  readonly code = 'STUDENT_NUMBER_IN_USE' as const;
  constructor() {
    super('该学号已验证过另一个账号；如有疑问请联系管理员解除绑定');
  }
}

export class VerificationRateLimited extends DomainError<'VERIFICATION_RATE_LIMITED'> {
  readonly code = 'VERIFICATION_RATE_LIMITED' as const;
  constructor(readonly retryAt: Date) {
    super(`验证尝试过于频繁，请在 ${chinaTime(retryAt)} 之后再试`, { retryAt: retryAt.toISOString() });
  }
}

export class VerificationNotFound extends DomainError<'VERIFICATION_NOT_FOUND'> {
  readonly code = 'VERIFICATION_NOT_FOUND' as const;
  constructor(readonly userId: string) {
    super('该用户没有学号绑定', { userId });
  }
}

/** HH:MM in China Standard Time, for messages people read. */
function chinaTime(at: Date): string {
  const t = at.getTime();
  return Number.isFinite(t) ? new Date(t + 8 * 3600_000).toISOString().slice(11, 16) : String(at);
}
