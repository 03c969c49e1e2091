import { createHmac } from 'node:crypto';
import { actorFor, anonymous, NotAuthenticated, type Actor, type User, type UserRepository } from '@xianzhi/core';
import { jwtVerify, SignJWT } from 'jose';

export const TOKEN_ISSUER = 'xianzhi';
export const STUDENT_AUDIENCE = 'xianzhi-student';
export const TOKEN_LIFETIME_SECONDS = 2 * 60 * 60;

/** HS256 access tokens whose subject is a user id. Short-lived: there is no revocation list. */
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly now: () => Date = () => new Date()) {
    // A key of its own, derived from the server secret, so no other use of the secret can mint tokens.
    this.key = createHmac('sha256', secret).update('xianzhi/jwt/v1').digest();
  }

  async issue(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    const expiresAt = new Date((issuedAt + TOKEN_LIFETIME_SECONDS) * 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(STUDENT_AUDIENCE)
      .setSubject(userId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + TOKEN_LIFETIME_SECONDS)
      .sign(this.key);
    return { token, expiresAt };
  }

  /** The user id, or null for anything not minted here, tampered with, or expired. */
  async verify(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: TOKEN_ISSUER, audience: STUDENT_AUDIENCE, algorithms: ['HS256'], currentDate: this.now(),
      });
      return typeof payload.sub === 'string' && payload.sub.length > 0 ? payload.sub : null;
    } catch {
      return null;
    }
  }
}

export interface Caller {
  readonly actor: Actor;
  readonly user: User | null;
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
  ) {}

  async identify(authorization: string | undefined): Promise<Caller | NotAuthenticated> {
    if (authorization === undefined || authorization === '') return { actor: anonymous, user: null };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) return new NotAuthenticated();
    const userId = await this.tokens.verify(match[1]!);
    if (userId === null) return new NotAuthenticated();
    const user = await this.users.byId(userId);
    if (!user) return new NotAuthenticated();
    return { actor: actorFor(user), user };
  }
}

/**
 * A stable, unlinkable key for an anonymous viewer (IP + user agent), so views are counted once a
 * day without the address itself ever being stored.
 */
export class ViewerKeys {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('xianzhi/viewer-key/v1').digest();
  }

  keyFor(ip: string, userAgent: string | undefined): string {
    return createHmac('sha256', this.key).update(`${ip}\n${userAgent ?? ''}`).digest('base64url').slice(0, 32);
  }
}
