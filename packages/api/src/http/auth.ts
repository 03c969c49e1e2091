import { createHmac } from 'node:crypto';
import {
  actorFor,
  adminActorFor,
  anonymous,
  NotAuthenticated,
  UserBanned,
  type Actor,
  type AdminAccount,
  type AdminAccountRepository,
  type RecordActivity,
  type User,
  type UserRepository,
} from '@xianzhi/core';
import { jwtVerify, SignJWT } from 'jose';

export const TOKEN_ISSUER = 'xianzhi';
export const STUDENT_AUDIENCE = 'xianzhi-student';
export const ADMIN_AUDIENCE = 'xianzhi-admin';
/** Students: short, because the refresh token renews it; the user is still re-read on every request. */
export const STUDENT_TOKEN_SECONDS = 30 * 60;
/** Admins have no refresh token: one working session, then sign in again. */
export const ADMIN_TOKEN_SECONDS = 2 * 60 * 60;

export type TokenAudience = 'student' | 'admin';

export interface TokenLifetimes {
  readonly studentSeconds: number;
  readonly adminSeconds: number;
}

/**
 * HS256 access tokens. Students and admins get different audiences, so a token minted for one kind
 * of account is never accepted as the other. Revocation is by account state: the account is loaded
 * on every request (banned or disabled stops at once); refresh tokens are what a logout revokes.
 */
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly now: () => Date = () => new Date(),
    private readonly lifetimes: TokenLifetimes = {
      studentSeconds: STUDENT_TOKEN_SECONDS,
      adminSeconds: ADMIN_TOKEN_SECONDS,
    },
  ) {
    // A key of its own, derived from the server secret, so no other use of the secret can mint tokens.
    this.key = createHmac('sha256', secret).update('xianzhi/jwt/v1').digest();
  }

  issue(userId: string): Promise<{ token: string; expiresAt: Date }> {
    return this.sign(userId, STUDENT_AUDIENCE, this.lifetimes.studentSeconds);
  }

  issueAdmin(adminId: string): Promise<{ token: string; expiresAt: Date }> {
    return this.sign(adminId, ADMIN_AUDIENCE, this.lifetimes.adminSeconds);
  }

  private async sign(subject: string, audience: string, seconds: number): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    const expiresAt = new Date((issuedAt + seconds) * 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + seconds)
      .sign(this.key);
    return { token, expiresAt };
  }

  /** The user id of a student token, or null for anything else (admin tokens included). */
  async verify(token: string): Promise<string | null> {
    const v = await this.verifyAny(token);
    return v?.audience === 'student' ? v.subject : null;
  }

  /** The audience and subject, or null for anything not minted here, tampered with, or expired. */
  async verifyAny(token: string): Promise<{ audience: TokenAudience; subject: string } | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: TOKEN_ISSUER,
        audience: [STUDENT_AUDIENCE, ADMIN_AUDIENCE],
        algorithms: ['HS256'],
        currentDate: this.now(),
      });
      const aud = [payload.aud].flat();
      if (aud.length !== 1 || typeof payload.sub !== 'string' || payload.sub.length === 0) return null;
      return { audience: aud[0] === ADMIN_AUDIENCE ? 'admin' : 'student', subject: payload.sub };
    } catch {
      return null;
    }
  }
}

export interface Caller {
  readonly actor: Actor;
  readonly user: User | null;
  readonly admin: AdminAccount | null;
}

/**
 * Turns an Authorization header into the acting user, loaded fresh on every request so that a ban
 * or a verification applies to the very next call. A header that is present but wrong is refused
 * even on public routes: silently treating it as anonymous would hide a client bug.
 */
export class Authenticator {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly users: UserRepository,
    private readonly admins: AdminAccountRepository,
    /** Notes each signed-in student active for the day (the dashboard's daily active users). */
    private readonly activity: RecordActivity,
  ) {}

  /**
   * A banned student's token answers 403 USER_BANNED on every route, reads included, so a ban
   * takes effect at once and the client can tell the user why. A disabled admin is simply unknown.
   */
  async identify(authorization: string | undefined): Promise<Caller | NotAuthenticated | UserBanned> {
    if (authorization === undefined || authorization === '') return { actor: anonymous, user: null, admin: null };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) return new NotAuthenticated();
    const verified = await this.tokens.verifyAny(match[1]!);
    if (verified === null) return new NotAuthenticated();
    if (verified.audience === 'admin') {
      const admin = await this.admins.byId(verified.subject);
      if (!admin || !admin.active) return new NotAuthenticated();
      return { actor: adminActorFor(admin), user: null, admin };
    }
    const user = await this.users.byId(verified.subject);
    if (!user) return new NotAuthenticated();
    if (user.banned) return new UserBanned();
    await this.activity.execute(user);
    return { actor: actorFor(user), user, admin: null };
  }
}

/**
 * A stable, unlinkable key for an anonymous client, so views are counted once a day (and lock-outs
 * kept) without the address itself ever being stored. Keyed by the address alone: the user agent is
 * the client's to choose, and rotating it made every request a new viewer (issue 16).
 */
export class ViewerKeys {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('xianzhi/viewer-key/v1').digest();
  }

  keyFor(ip: string): string {
    // The trailing newline keeps the keys lock-outs already hold (they were made with an empty user agent).
    return createHmac('sha256', this.key).update(`${ip}\n`).digest('base64url').slice(0, 32);
  }
}
