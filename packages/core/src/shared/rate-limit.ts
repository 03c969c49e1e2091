import { DomainError } from './errors.js';

/** At most `limit` attempts per `windowMs`, sliding. */
export interface RateRule {
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateDecision {
  readonly allowed: boolean;
  /** Attempts left in the window after this call. */
  readonly remaining: number;
  /** When the next attempt will be allowed; null while attempts remain. */
  readonly retryAt: Date | null;
}

/**
 * Counts attempts per key (`admin-login:user:alice`, `admin-login:ip:…`) in shared storage, so
 * several API processes enforce one limit. Keys never hold secrets; hash addresses if they must
 * not be stored in the clear.
 */
export interface RateLimiter {
  /** Whether one more attempt is allowed now; counts nothing. */
  check(key: string, rule: RateRule, now: Date): Promise<RateDecision>;
  /** Counts one attempt and answers as `check` would have after it. */
  hit(key: string, rule: RateRule, now: Date): Promise<RateDecision>;
  /** Forgets every attempt of the key (a successful login clears its failures). */
  reset(key: string): Promise<void>;
  /** Forgets attempts made before `before`, whatever their key; answers how many. For housekeeping. */
  prune(before: Date): Promise<number>;
}

export class TooManyAttempts extends DomainError<'TOO_MANY_ATTEMPTS'> {
  readonly code = 'TOO_MANY_ATTEMPTS' as const;
  constructor(readonly retryAt: Date) {
    super(`尝试次数过多，请在 ${retryAt.toISOString()} 之后再试`, { retryAt: retryAt.toISOString() });
  }
}

/** The decision for a log of attempt times (oldest first) already narrowed to the window. */
export function decide(times: readonly Date[], rule: RateRule): RateDecision {
  const remaining = Math.max(0, rule.limit - times.length);
  if (remaining > 0) return { allowed: true, remaining, retryAt: null };
  const oldestCounted = times[times.length - rule.limit]!;
  return { allowed: false, remaining: 0, retryAt: new Date(oldestCounted.getTime() + rule.windowMs) };
}
