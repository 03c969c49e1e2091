import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@xianzhi/core';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../src/http/errors.js';

/** An argument every constructor accepts: any property, call or conversion gives something usable. */
const anything: unknown = new Proxy(function () {}, {
  get: (_t, key) =>
    key === Symbol.toPrimitive ? () => 'x' : key === 'toISOString' ? () => '2026-01-01T00:00:00.000Z' : anything,
  apply: () => anything,
});

function coreErrorCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const [name, value] of Object.entries(core)) {
    if (typeof value !== 'function' || !(value.prototype instanceof core.DomainError)) continue;
    const instance = Reflect.construct(value, [anything, anything, anything]) as { code?: unknown };
    expect(typeof instance.code, `${name}.code`).toBe('string');
    codes.set(name, instance.code as string);
  }
  return codes;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('the error table', () => {
  it('has a status for every error code core exports', () => {
    const codes = coreErrorCodes();
    expect(codes.size).toBeGreaterThanOrEqual(15);
    for (const [name, code] of codes) expect(ERROR_STATUS, `${name} (${code})`).toHaveProperty(code);
  });

  it('misses no error class, even one core forgot to export', () => {
    const coreSrc = join(import.meta.dirname, '../../core/src');
    const declared = sourceFiles(coreSrc).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/readonly code = '([A-Z_]+)' as const/g)].map((m) => m[1]!),
    );
    expect(declared.length).toBeGreaterThanOrEqual(15);
    for (const code of declared) expect(ERROR_STATUS, code).toHaveProperty(code);
    expect(new Set(declared)).toEqual(new Set(coreErrorCodes().values()));
  });

  it('maps codes by their meaning', () => {
    const byStatus = (status: number) =>
      Object.entries(ERROR_STATUS)
        .filter(([, s]) => s === status)
        .map(([c]) => c)
        .sort();
    expect(byStatus(401)).toEqual([
      'INVALID_CREDENTIALS',
      'QQ_CODE_INVALID',
      'REFRESH_TOKEN_INVALID',
      'UNAUTHENTICATED',
    ]);
    expect(byStatus(403)).toEqual([
      'ADMIN_ONLY',
      'ADMIN_SCOPE',
      'CANNOT_REPORT_OWN',
      'DEV_LOGIN_DISABLED',
      'NOT_COMMENT_MODERATOR',
      'NOT_LISTING_OWNER',
      'NOT_VERIFIED',
      'OFFER_NOT_YOUR_MOVE',
      'OWN_LISTING',
      'RATING_REPLY_NOT_ALLOWED',
      'USER_BANNED',
    ]);
    for (const code of Object.keys(ERROR_STATUS).filter((c) => c.endsWith('_NOT_FOUND')))
      expect(ERROR_STATUS[code as keyof typeof ERROR_STATUS]).toBe(404);
    expect(ERROR_STATUS.LISTING_VERSION_CONFLICT).toBe(409);
    expect(ERROR_STATUS.RENEW_TOO_SOON).toBe(429);
    expect([ERROR_STATUS.TOO_MANY_ATTEMPTS, ERROR_STATUS.QQ_RATE_LIMITED, ERROR_STATUS.QQ_UNAVAILABLE]).toEqual([
      429, 429, 503,
    ]);
    expect([ERROR_STATUS.VALIDATION_FAILED, ERROR_STATUS.INVALID_ISBN, ERROR_STATUS.CATEGORY_NOT_SELECTABLE]).toEqual([
      400, 400, 400,
    ]);
    expect([
      ERROR_STATUS.CAMPUS_CREDENTIALS_WRONG,
      ERROR_STATUS.CAMPUS_ACCOUNT_LOCKED,
      ERROR_STATUS.CAMPUS_PORTAL_UNAVAILABLE,
      ERROR_STATUS.STUDENT_NUMBER_IN_USE,
      ERROR_STATUS.VERIFICATION_RATE_LIMITED,
    ]).toEqual([400, 423, 503, 409, 429]);
    // Risky content is an input problem (change the field); a checker that is down is the server's, retry later.
    expect([
      ERROR_STATUS.CONTENT_RISKY,
      ERROR_STATUS.CONTENT_SAFETY_UNAVAILABLE,
      ERROR_STATUS.ALREADY_REPORTED,
      ERROR_STATUS.MODERATION_CASE_CLOSED,
    ]).toEqual([400, 503, 409, 409]);
    // Trades: acting out of turn is forbidden; a state that moved on (or a rule one-at-a-time) is a conflict.
    expect([
      ERROR_STATUS.OFFER_ALREADY_OPEN,
      ERROR_STATUS.OFFER_EXPIRED,
      ERROR_STATUS.TRADE_ALREADY_OPEN,
      ERROR_STATUS.TRADE_NOT_COMPLETED,
      ERROR_STATUS.ALREADY_RATED,
    ]).toEqual([409, 409, 409, 409, 409]);
    expect(ERROR_STATUS.INTERNAL).toBe(500);
  });
});
