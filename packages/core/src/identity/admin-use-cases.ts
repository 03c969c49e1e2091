import type { Clock } from '../shared/clock.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import type { EventFactory, Outbox } from '../shared/events.js';
import type { IdGenerator } from '../shared/ids.js';
import { TooManyAttempts, type RateLimiter, type RateRule } from '../shared/rate-limit.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { auditActorOf, systemAuditActor, type AuditLog } from '../shared/audit.js';
import type { Actor } from './actor.js';
import {
  ADMIN_PASSWORD_MIN,
  ADMIN_USERNAME,
  AdminAccount,
  AdminUsernameTaken,
  InvalidCredentials,
  type AdminAccountRepository,
  type AdminRole,
  type AdminScope,
  type PasswordHasher,
} from './admin.js';
import { CampusNotFound, UserNotFound, type AdminOnly, type NotAuthenticated } from './errors.js';
import { requireAdmin, requireAdminOf } from './policy.js';
import type { BannedOwnerListings, CampusRepository, UserRepository } from './ports.js';
import { hashRefreshToken, type RefreshTokenRepository } from './session.js';
import type { User } from './user.js';

/** Failed admin logins allowed per (username, client address): enough for typos, the usual lock-out. */
export const ADMIN_LOGIN_RULE: RateRule = { limit: 5, windowMs: 15 * 60 * 1000 };

export interface AdminLoginDeps {
  readonly admins: AdminAccountRepository;
  readonly hasher: PasswordHasher;
  readonly limiter: RateLimiter;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** Defaults to `ADMIN_LOGIN_RULE`. */
  readonly rule?: RateRule;
}

/**
 * Failed logins of one username from anywhere, longest window last. Far above the per-address limit,
 * so someone elsewhere cannot lock the real admin out by failing a few times; a spread-out attack
 * still slows down, then stops for the day.
 */
export const ADMIN_LOGIN_ACCOUNT_RULES: readonly RateRule[] = [
  { limit: 20, windowMs: 15 * 60 * 1000 },
  { limit: 60, windowMs: 24 * 60 * 60 * 1000 },
];

/** Failed logins from one client address across usernames (password spraying). */
export const ADMIN_LOGIN_CLIENT_RULE: RateRule = { limit: 20, windowMs: 15 * 60 * 1000 };

/**
 * Admin sign-in. A hash made under older parameters is replaced on success. Failures are counted (in shared storage, so every API process sees them) per
 * username and client address, per client address, and per username with a much higher limit; past
 * any of them even the right password is refused until the window moves on. An unknown username
 * costs the same hashing time as a wrong password.
 */
export class AdminLogin {
  private dummyHash: Promise<string> | null = null;

  private readonly deps: Required<AdminLoginDeps>;

  constructor({ rule = ADMIN_LOGIN_RULE, ...deps }: AdminLoginDeps) {
    this.deps = { ...deps, rule };
  }

  /**
   * `clientKey` (a keyed hash of the address) counts failures; `clientAddress` is only written to the
   * audit entry of a failure, so admins can see where attacks come from.
   */
  async execute(input: {
    username: string;
    password: string;
    clientKey: string;
    clientAddress?: string;
  }): Promise<Result<AdminAccount, InvalidCredentials | TooManyAttempts>> {
    const username = input.username.trim().toLowerCase();
    // What was typed as a username may be a password typed in the wrong box: keys hold only its hash.
    const typed = await hashRefreshToken(`admin-login\n${username}`);
    const pairKey = `admin-login:pair:${typed}:${input.clientKey}`;
    const accountKey = `admin-login:user:${typed}`;
    const limits: [string, RateRule][] = [
      [pairKey, this.deps.rule],
      [`admin-login:client:${input.clientKey}`, ADMIN_LOGIN_CLIENT_RULE],
      ...ADMIN_LOGIN_ACCOUNT_RULES.map((r): [string, RateRule] => [accountKey, r]),
    ];
    const now = this.deps.clock.now();
    let retryAt: Date | null = null;
    for (const [key, rule] of limits) {
      const decision = await this.deps.limiter.check(key, rule, now);
      if (!decision.allowed && (!retryAt || decision.retryAt! > retryAt)) retryAt = decision.retryAt!;
    }
    if (retryAt) return err(new TooManyAttempts(retryAt));
    const account = await this.deps.admins.byUsername(username);
    this.dummyHash ??= this.deps.hasher.hash('not-a-password-of-anyone');
    const matches = await this.deps.hasher.verify(input.password, account?.passwordHash ?? (await this.dummyHash));
    if (!account || !matches || !account.active) {
      // One hit per key, under its longest window (hit forgets attempts older than the rule's window).
      const longest = new Map<string, RateRule>();
      for (const [key, rule] of limits) if ((longest.get(key)?.windowMs ?? -1) < rule.windowMs) longest.set(key, rule);
      for (const [key, rule] of longest) await this.deps.limiter.hit(key, rule, now);
      // Never what was typed (it may be a password): the account when the username is one, else nothing.
      await this.deps.audit.record({
        actor: systemAuditActor,
        action: 'admin.login_failed',
        targetType: 'admin',
        targetId: account?.id ?? '',
        campusId: account?.campusId ?? null,
        details: { known: account !== null, ...(input.clientAddress ? { address: input.clientAddress } : {}) },
        at: now,
      });
      return err(new InvalidCredentials());
    }
    await this.deps.limiter.reset(pairKey);
    await this.deps.limiter.reset(accountKey);
    if (this.deps.hasher.needsRehash(account.passwordHash)) {
      account.passwordHash = await this.deps.hasher.hash(input.password);
      await this.deps.admins.save(account);
    }
    await this.deps.audit.record({
      actor: { kind: 'admin', id: account.id },
      action: 'admin.login',
      targetType: 'admin',
      targetId: account.id,
      campusId: account.campusId,
      at: now,
    });
    return ok(account);
  }
}

export interface CreateAdminAccountDeps {
  readonly admins: AdminAccountRepository;
  readonly campuses: CampusRepository;
  readonly hasher: PasswordHasher;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

/** Creates an admin account (the CLI's create-admin; trusted caller, so no actor). */
export class CreateAdminAccount {
  constructor(private readonly deps: CreateAdminAccountDeps) {}

  async execute(input: {
    username: string;
    password: string;
    role: AdminRole;
    campusId: string | null;
  }): Promise<Result<AdminAccount, ValidationFailed | CampusNotFound | AdminUsernameTaken>> {
    const username = input.username.trim().toLowerCase();
    const p = new Problems()
      .check(ADMIN_USERNAME.test(username), 'username', '用户名须为 3 到 32 位小写字母、数字、点、下划线或连字符')
      .check(input.password.length >= ADMIN_PASSWORD_MIN, 'password', `密码至少 ${ADMIN_PASSWORD_MIN} 位`)
      .check(
        input.role === 'super_admin' || input.role === 'campus_admin',
        'role',
        '角色须为 super_admin 或 campus_admin',
      )
      .check(input.role !== 'campus_admin' || !!input.campusId, 'campusId', '校区管理员须指定校区');
    if (p.any) return err(p.toError());
    if (input.role === 'campus_admin' && !(await this.deps.campuses.byId(input.campusId!)))
      return err(new CampusNotFound(input.campusId!));
    if (await this.deps.admins.byUsername(username)) return err(new AdminUsernameTaken(username));
    const account = AdminAccount.create({
      id: this.deps.ids.next(),
      username,
      passwordHash: await this.deps.hasher.hash(input.password),
      role: input.role,
      campusId: input.role === 'campus_admin' ? input.campusId : null,
      now: this.deps.clock.now(),
    });
    await this.deps.admins.save(account);
    return ok(account);
  }
}

const BAN_REASON_MAX = 200;
type ModerationError = NotAuthenticated | AdminOnly | AdminScope | UserNotFound | ValidationFailed;

export interface SetUserBanDeps {
  readonly users: UserRepository;
  readonly refreshTokens: RefreshTokenRepository;
  readonly outbox: Outbox;
  readonly audit: AuditLog;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly events: EventFactory;
  /** A banned student's listings leave the feed, search and recommendations, and come back on unban. */
  readonly listings: BannedOwnerListings;
}

/**
 * Bans or unbans a student. A ban refuses every request and sign-in at once (the API loads the user on
 * every request), revokes their refresh tokens and takes their listings out of the feed, search and
 * recommendations (an unban puts them back as they were); the change is recorded in the outbox and
 * the audit log.
 */
export class SetUserBan {
  constructor(private readonly deps: SetUserBanDeps) {}

  execute(input: {
    actor: Actor;
    userId: string;
    banned: boolean;
    reason: string;
  }): Promise<Result<User, ModerationError>> {
    return this.deps.uow.run(async () => {
      const anyAdmin = requireAdmin(input.actor);
      if (!anyAdmin.ok) return anyAdmin;
      const reason = input.reason.trim();
      const p = new Problems()
        .check(reason.length > 0, 'reason', '请填写原因')
        .check(reason.length <= BAN_REASON_MAX, 'reason', `原因最多 ${BAN_REASON_MAX} 字`);
      if (p.any) return err(p.toError());
      const user = await this.deps.users.byId(input.userId);
      if (!user) return err(new UserNotFound(input.userId));
      const admin = requireAdminOf(input.actor, user.campusId);
      if (!admin.ok) return admin;
      if (user.banned === input.banned) return ok(user);
      const now = this.deps.clock.now();
      user.status = input.banned ? 'banned' : 'active';
      user.updatedAt = now;
      await this.deps.users.save(user);
      if (input.banned) await this.deps.refreshTokens.revokeAllOfUser(user.id, now);
      await this.deps.listings.setOwnerBanned(user.id, input.banned);
      const payload = { userId: user.id, by: admin.value.adminId, reason };
      await this.deps.outbox.append([
        input.banned
          ? this.deps.events.create('UserBanned', user.id, payload)
          : this.deps.events.create('UserUnbanned', user.id, payload),
      ]);
      await this.deps.audit.record({
        actor: auditActorOf(input.actor),
        action: input.banned ? 'user.ban' : 'user.unban',
        targetType: 'user',
        targetId: user.id,
        campusId: user.campusId,
        details: { reason },
        at: now,
      });
      return ok(user);
    });
  }
}
