import { DomainError } from '../shared/errors.js';

/**
 * One refresh token of a login. Only the SHA-256 of the token is stored; the token itself exists
 * once, in the response that issued it. Every rotation issues the next token of the same family;
 * presenting a token that was already rotated means it leaked (or a client raced itself), so the
 * whole family is revoked.
 */
export class RefreshToken {
  id!: string;
  familyId!: string;
  userId!: string;
  /** Hex SHA-256 of the raw token. */
  tokenHash!: string;
  issuedAt!: Date;
  expiresAt!: Date;
  /** Set when this token was exchanged for the next one. */
  rotatedAt!: Date | null;
  /** Set when the family was revoked (logout, reuse, ban). */
  revokedAt!: Date | null;

  static issue(input: {
    id: string;
    familyId: string;
    userId: string;
    tokenHash: string;
    now: Date;
    lifetimeMs: number;
  }): RefreshToken {
    const t = new RefreshToken();
    t.id = input.id;
    t.familyId = input.familyId;
    t.userId = input.userId;
    t.tokenHash = input.tokenHash;
    t.issuedAt = input.now;
    t.expiresAt = new Date(input.now.getTime() + input.lifetimeMs);
    t.rotatedAt = null;
    t.revokedAt = null;
    return t;
  }
}

export interface RefreshTokenRepository {
  save(token: RefreshToken): Promise<void>;
  byHash(tokenHash: string): Promise<RefreshToken | null>;
  /**
   * Marks the token rotated if nobody did yet. Answers false when it was already rotated: the
   * compare-and-set is what makes two concurrent refreshes with one token a detected reuse.
   */
  markRotated(id: string, at: Date): Promise<boolean>;
  revokeFamily(familyId: string, at: Date): Promise<void>;
  revokeAllOfUser(userId: string, at: Date): Promise<void>;
  /** Forgets tokens that expired before `before` (they are refused anyway); answers how many. */
  deleteExpired(before: Date): Promise<number>;
}

/** 256 random bits, base64url: what the client keeps. */
export function newRefreshTokenValue(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function hashRefreshToken(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class RefreshTokenInvalid extends DomainError<'REFRESH_TOKEN_INVALID'> {
  readonly code = 'REFRESH_TOKEN_INVALID' as const;
  constructor() {
    super('登录已失效，请重新登录');
  }
}
