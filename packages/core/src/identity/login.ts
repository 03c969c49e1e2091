import type { Clock } from '../shared/clock.js';
import type { RateLimiter } from '../shared/rate-limit.js';
import type { IdGenerator } from '../shared/ids.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { CampusNotFound, UserBanned } from './errors.js';
import type { CampusRepository, UserRepository } from './ports.js';
import type { QqAuthClient, QqLoginFailed } from './qq.js';
import {
  hashRefreshToken,
  newRefreshTokenValue,
  RefreshToken,
  RefreshTokenInvalid,
  type RefreshTokenRepository,
} from './session.js';
import { User } from './user.js';

export interface LoginWithQqDeps {
  readonly qq: QqAuthClient;
  readonly users: UserRepository;
  readonly campuses: CampusRepository;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

/**
 * Signs a student in with the `code` from `qq.login`: finds the user by openid, or registers an
 * unverified one in the named campus. An existing user keeps their campus whatever the client says.
 * A banned student gets no session: every request with one would be refused anyway.
 */
export class LoginWithQq {
  constructor(private readonly deps: LoginWithQqDeps) {}

  async execute(input: {
    code: string;
    campusId: string;
  }): Promise<Result<User, QqLoginFailed | CampusNotFound | UserBanned>> {
    const session = await this.deps.qq.exchangeCode(input.code);
    if (!session.ok) return session;
    const existing = await this.deps.users.byOpenId(session.value.openId);
    if (existing?.banned) return err(new UserBanned());
    if (existing) return ok(existing);
    if (!(await this.deps.campuses.byId(input.campusId))) return err(new CampusNotFound(input.campusId));
    const user = User.register({
      id: this.deps.ids.next(),
      qqOpenId: session.value.openId,
      nickname: `QQ用户${session.value.openId.slice(-4)}`,
      avatarUrl: null,
      campusId: input.campusId,
      now: this.deps.clock.now(),
    });
    await this.deps.users.save(user);
    return ok(user);
  }
}

export interface IssuedRefreshToken {
  /** The raw token: handed to the client once, never stored. */
  readonly refreshToken: string;
  readonly refreshExpiresAt: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a refresh token lives; every refresh issues a new one with a fresh lifetime. */
export interface SessionPolicy {
  readonly refreshLifetimeMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { refreshLifetimeMs: 30 * DAY_MS };

async function issue(
  tokens: RefreshTokenRepository,
  ids: IdGenerator,
  now: Date,
  policy: SessionPolicy,
  userId: string,
  familyId: string,
): Promise<IssuedRefreshToken> {
  const value = newRefreshTokenValue();
  const token = RefreshToken.issue({
    id: ids.next(),
    familyId,
    userId,
    tokenHash: await hashRefreshToken(value),
    now,
    lifetimeMs: policy.refreshLifetimeMs,
  });
  await tokens.save(token);
  return { refreshToken: value, refreshExpiresAt: token.expiresAt };
}

/** Opens a new token family for a user who just proved who they are (QQ login, dev login). */
export class StartSession {
  constructor(
    private readonly tokens: RefreshTokenRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  ) {}

  async execute(input: { userId: string }): Promise<IssuedRefreshToken> {
    return issue(this.tokens, this.ids, this.clock.now(), this.policy, input.userId, this.ids.next());
  }
}

export interface RefreshSessionDeps {
  readonly tokens: RefreshTokenRepository;
  readonly users: UserRepository;
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  /** Defaults to `DEFAULT_SESSION_POLICY`. */
  readonly policy?: SessionPolicy;
}

/**
 * Exchanges a refresh token for the next one of its family. A token presented after it was already
 * exchanged has leaked or been replayed: the whole family is revoked, so whoever holds any of its
 * tokens must log in again. A banned user's family is revoked too, and any token of theirs, even one
 * the ban already revoked, is answered USER_BANNED, so the app can say why rather than ask to sign in.
 */
export class RefreshSession {
  private readonly deps: Required<RefreshSessionDeps>;

  constructor({ policy = DEFAULT_SESSION_POLICY, ...deps }: RefreshSessionDeps) {
    this.deps = { ...deps, policy };
  }

  async execute(input: {
    refreshToken: string;
  }): Promise<Result<IssuedRefreshToken & { user: User }, RefreshTokenInvalid | UserBanned>> {
    const hash = await hashRefreshToken(input.refreshToken);
    // A refusal rolls its unit of work back, so the family it condemns is revoked after it, on its own.
    const condemned: { familyId: string | null; at: Date } = { familyId: null, at: new Date(0) };
    const result = await this.deps.uow.run(async () => {
      condemned.familyId = null;
      const now = this.deps.clock.now();
      const token = await this.deps.tokens.byHash(hash);
      if (!token) return err(new RefreshTokenInvalid());
      const owner = await this.deps.users.byId(token.userId);
      if (owner?.banned) {
        if (token.revokedAt === null) {
          condemned.familyId = token.familyId;
          condemned.at = now;
        }
        return err(new UserBanned());
      }
      if (token.revokedAt !== null || token.expiresAt.getTime() <= now.getTime()) return err(new RefreshTokenInvalid());
      if (token.rotatedAt !== null || !(await this.deps.tokens.markRotated(token.id, now))) {
        condemned.familyId = token.familyId;
        condemned.at = now;
        return err(new RefreshTokenInvalid());
      }
      const user = owner;
      if (!user) return err(new RefreshTokenInvalid());
      const next = await issue(this.deps.tokens, this.deps.ids, now, this.deps.policy, user.id, token.familyId);
      return ok({ ...next, user });
    });
    if (condemned.familyId !== null) await this.deps.tokens.revokeFamily(condemned.familyId, condemned.at);
    return result;
  }
}

/** Logout: revokes the family of the presented refresh token. Unknown tokens are ignored (idempotent). */
export class EndSession {
  constructor(
    private readonly tokens: RefreshTokenRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: { refreshToken: string }): Promise<void> {
    const token = await this.tokens.byHash(await hashRefreshToken(input.refreshToken));
    if (token) await this.tokens.revokeFamily(token.familyId, this.clock.now());
  }
}

/**
 * Housekeeping for the server's periodic sweep: expired refresh tokens and rate-limit attempts
 * older than any window in use. Neither is needed to refuse anything any more.
 */
export class PruneSessions {
  constructor(
    private readonly tokens: RefreshTokenRepository,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<{ refreshTokens: number; attempts: number }> {
    const now = this.clock.now();
    const refreshTokens = await this.tokens.deleteExpired(new Date(now.getTime() - DAY_MS));
    const attempts = await this.limiter.prune(new Date(now.getTime() - DAY_MS));
    return { refreshTokens, attempts };
  }
}
