import type { Clock } from '../shared/clock.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import type { RateLimiter, RateRule } from '../shared/rate-limit.js';
import { auditActorOf, type AuditLog } from '../shared/audit.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { Actor } from './actor.js';
import {
  CampusLoginMethodMismatch,
  CampusVerificationUnavailable,
  StudentNumberInUse,
  VerificationNotFound,
  VerificationRateLimited,
  type CampusAuthFailure,
  type CampusAuthenticatorRegistry,
  type CampusCredentials,
  type StudentNumberHasher,
  type StudentVerificationRepository,
} from './campus-verification.js';
import type { AdminScope } from './admin.js';
import { UserNotFound, type AdminOnly, type NotAuthenticated, type UserBanned } from './errors.js';
import { requireActiveUser, requireAdmin, requireAdminOf } from './policy.js';
import type { UserRepository } from './ports.js';
import type { User } from './user.js';

/** Five tries per quarter hour per user: enough for typos, too few to guess. Only the user's own session spends them. */
export const VERIFICATION_ATTEMPTS: RateRule = { limit: 5, windowMs: 15 * 60_000 };

/**
 * Failed tries per client address across users, so one client cannot guess with many accounts. A
 * campus NAT puts hundreds of students behind one address, so it is sized for many honest typos:
 * one student's failures must not block the others.
 */
export const VERIFICATION_CLIENT_FAILURES: RateRule = { limit: 60, windowMs: 15 * 60_000 };

export type VerifyStudentError =
  | NotAuthenticated
  | UserBanned
  | UserNotFound
  | ValidationFailed
  | CampusVerificationUnavailable
  | CampusLoginMethodMismatch
  | VerificationRateLimited
  | CampusAuthFailure
  | StudentNumberInUse;

export interface VerifyStudentDeps {
  readonly users: UserRepository;
  readonly verifications: StudentVerificationRepository;
  readonly authenticators: CampusAuthenticatorRegistry;
  readonly hasher: StudentNumberHasher;
  readonly limiter: RateLimiter;
  readonly uow: UnitOfWork;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** Defaults to `VERIFICATION_ATTEMPTS`. */
  readonly limit?: RateRule;
}

/**
 * 学生身份验证: the user's campus login confirms who they are; we keep only a keyed hash of the
 * student number, the campus and the time, and one number verifies one account per campus.
 */
export class VerifyStudent {
  private readonly deps: Required<VerifyStudentDeps>;

  constructor({ limit = VERIFICATION_ATTEMPTS, ...deps }: VerifyStudentDeps) {
    this.deps = { ...deps, limit };
  }

  /** `clientKey` identifies where the request came from (an address), so one client cannot try many accounts. */
  async execute(input: {
    actor: Actor;
    credentials: CampusCredentials;
    clientKey?: string;
  }): Promise<Result<User, VerifyStudentError>> {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    const user = await this.deps.users.byId(who.value.userId);
    if (!user) return err(new UserNotFound(who.value.userId));
    const authenticator = this.deps.authenticators.forCampus(user.campusId);
    if (!authenticator) return err(new CampusVerificationUnavailable(user.campusId));
    const expected = authenticator.method === 'cas' ? 'cas-ticket' : 'password';
    if (input.credentials.kind !== expected) return err(new CampusLoginMethodMismatch(authenticator.method));
    const invalid = checkCredentials(input.credentials);
    if (invalid) return err(invalid);

    const refused = await this.countAttempt(user.id, input.clientKey);
    if (refused) return err(refused);

    const identity = await authenticator.authenticate(input.credentials);
    if (!identity.ok) {
      // An outage or the campus's own configuration is nobody's guess: neither counts against the address.
      const guessed =
        identity.error.code !== 'CAMPUS_PORTAL_UNAVAILABLE' && identity.error.code !== 'CAMPUS_IDENTITY_INCOMPLETE';
      if (input.clientKey && guessed)
        await this.deps.limiter.hit(clientKey(input.clientKey), VERIFICATION_CLIENT_FAILURES, this.deps.clock.now());
      return identity;
    }
    const studentNumberHash = this.deps.hasher.hash(user.campusId, identity.value.studentNumber);

    return this.deps.uow.run(async () => {
      const holder = await this.deps.verifications.byStudentNumber(user.campusId, studentNumberHash);
      if (holder && holder.userId !== user.id) return err(new StudentNumberInUse());
      const now = this.deps.clock.now();
      const saved = await this.deps.verifications.save({
        userId: user.id,
        campusId: user.campusId,
        studentNumberHash,
        verifiedAt: now,
      });
      if (saved === 'taken') return err(new StudentNumberInUse());
      const fresh = (await this.deps.users.byId(user.id)) ?? user;
      fresh.markVerified(now);
      await this.deps.users.save(fresh);
      await this.deps.audit.record({
        actor: auditActorOf(input.actor),
        action: 'student.verify',
        targetType: 'user',
        targetId: user.id,
        campusId: user.campusId,
        details: { method: authenticator.method, kind: identity.value.kind },
        at: now,
      });
      return ok(fresh);
    });
  }

  /**
   * Every attempt counts against the user, successful or not; only failures count against the client
   * address. A refused attempt is not counted, so hammering does not push the retry time further out.
   */
  private async countAttempt(userId: string, client: string | undefined): Promise<VerificationRateLimited | null> {
    const now = this.deps.clock.now();
    const userKey = `verify-student:user:${userId}`;
    const limits: [string, RateRule][] = [
      [userKey, this.deps.limit],
      ...(client ? [[clientKey(client), VERIFICATION_CLIENT_FAILURES] as [string, RateRule]] : []),
    ];
    let retryAt: Date | null = null;
    for (const [key, rule] of limits) {
      const decision = await this.deps.limiter.check(key, rule, now);
      if (!decision.allowed) {
        const at = decision.retryAt ?? new Date(now.getTime() + rule.windowMs);
        if (!retryAt || at > retryAt) retryAt = at;
      }
    }
    if (retryAt) return new VerificationRateLimited(retryAt);
    await this.deps.limiter.hit(userKey, this.deps.limit, now);
    return null;
  }
}

const clientKey = (client: string) => `verify-student:client:${client}`;

function checkCredentials(c: CampusCredentials): ValidationFailed | null {
  const p = new Problems();
  const present = (v: string, max: number) => v.trim().length > 0 && v.length <= max;
  if (c.kind === 'password') {
    p.check(present(c.username, 64), 'username', '请填写学号（不超过 64 个字符）');
    p.check(c.password.length > 0 && c.password.length <= 128, 'password', '请填写密码（不超过 128 个字符）');
  } else {
    p.check(present(c.ticket, 512), 'ticket', '缺少登录票据');
    p.check(present(c.service, 1024), 'service', '缺少服务地址');
  }
  return p.any ? p.toError() : null;
}

export interface ReleaseStudentNumberDeps {
  readonly users: UserRepository;
  readonly verifications: StudentVerificationRepository;
  readonly audit: AuditLog;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
}

/**
 * 解除学号绑定: an admin frees a student number (a student changed accounts, or someone else
 * verified with it); the account that held it is no longer verified.
 */
export class ReleaseStudentNumber {
  constructor(private readonly deps: ReleaseStudentNumberDeps) {}

  execute(input: {
    actor: Actor;
    userId: string;
    reason?: string;
  }): Promise<Result<User, NotAuthenticated | AdminOnly | AdminScope | UserNotFound | VerificationNotFound>> {
    return this.deps.uow.run(async () => {
      const admin = requireAdmin(input.actor);
      if (!admin.ok) return admin;
      const user = await this.deps.users.byId(input.userId);
      if (!user) return err(new UserNotFound(input.userId));
      const scoped = requireAdminOf(input.actor, user.campusId);
      if (!scoped.ok) return scoped;
      if (!(await this.deps.verifications.removeForUser(user.id))) return err(new VerificationNotFound(user.id));
      user.verifiedAt = null;
      user.updatedAt = this.deps.clock.now();
      await this.deps.users.save(user);
      await this.deps.audit.record({
        actor: auditActorOf(input.actor),
        action: 'student.release',
        targetType: 'user',
        targetId: user.id,
        campusId: user.campusId,
        details: input.reason ? { reason: input.reason } : {},
        at: user.updatedAt,
      });
      return ok(user);
    });
  }
}
