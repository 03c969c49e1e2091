import { isDatabaseUnavailable } from '@xianzhi/adapters';
import { DomainError, systemClock, type Clock, type Result } from '@xianzhi/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { failureFields } from '../logging.js';
import { fieldProblems } from './validation.js';

export class DevLoginDisabled extends DomainError<'DEV_LOGIN_DISABLED'> {
  readonly code = 'DEV_LOGIN_DISABLED' as const;
  constructor() {
    super('开发登录仅在嵌入式（XZ_ENV=embedded）模式下可用');
  }
}

/** A multipart body that cannot be parsed: no boundary, cut short, or a broken part header. */
export class MultipartMalformed extends DomainError<'MULTIPART_MALFORMED'> {
  readonly code = 'MULTIPART_MALFORMED' as const;
  constructor() {
    super('上传内容格式有误（multipart/form-data 不完整或缺少 boundary），请重新上传');
  }
}

/**
 * The one table from error code to HTTP status. Every core error code must appear here (a test
 * scans core's exports); the rest are the API's own. Input problems are all 400, whoever finds them.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_ISBN: 400,
  INVALID_CURSOR: 400,
  PHOTO_UNREADABLE: 400,
  MULTIPART_MALFORMED: 400,
  CATEGORY_NOT_SELECTABLE: 400,
  CONTENT_RISKY: 400,
  BAD_REQUEST: 400,
  INVALID_URL: 400,
  CAMPUS_CREDENTIALS_WRONG: 400,
  CAMPUS_LOGIN_METHOD_MISMATCH: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  REFRESH_TOKEN_INVALID: 401,
  QQ_CODE_INVALID: 401,
  NOT_VERIFIED: 403,
  USER_BANNED: 403,
  ADMIN_ONLY: 403,
  ADMIN_SCOPE: 403,
  NOT_LISTING_OWNER: 403,
  NOT_COMMENT_MODERATOR: 403,
  CANNOT_REPORT_OWN: 403,
  OWN_LISTING: 403,
  OFFER_NOT_YOUR_MOVE: 403,
  RATING_REPLY_NOT_ALLOWED: 403,
  DEV_LOGIN_DISABLED: 403,
  LISTING_NOT_FOUND: 404,
  CATEGORY_NOT_FOUND: 404,
  CAMPUS_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  COMMENT_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  VERIFICATION_NOT_FOUND: 404,
  PHOTO_NOT_FOUND: 404,
  REPORT_TARGET_NOT_FOUND: 404,
  MODERATION_CASE_NOT_FOUND: 404,
  BLOCKED_SEARCH_TERM_NOT_FOUND: 404,
  NOTIFICATION_NOT_FOUND: 404,
  DEAD_LETTER_NOT_FOUND: 404,
  BANNER_NOT_FOUND: 404,
  NOTICE_NOT_FOUND: 404,
  FEEDBACK_NOT_FOUND: 404,
  OFFER_NOT_FOUND: 404,
  TRADE_NOT_FOUND: 404,
  RATING_NOT_FOUND: 404,
  SAVED_SEARCH_NOT_FOUND: 404,
  LISTING_VERSION_CONFLICT: 409,
  LISTING_TRANSITION_NOT_ALLOWED: 409,
  LISTING_NOT_OPEN: 409,
  LISTING_NOT_REMOVED: 409,
  ALREADY_REPORTED: 409,
  MODERATION_CASE_CLOSED: 409,
  CATEGORY_CODE_TAKEN: 409,
  ADMIN_USERNAME_TAKEN: 409,
  STUDENT_NUMBER_IN_USE: 409,
  CAMPUS_VERIFICATION_UNAVAILABLE: 409,
  FEEDBACK_CLOSED: 409,
  LISTING_NOT_FOR_SALE: 409,
  OFFER_ALREADY_OPEN: 409,
  OFFER_NOT_OPEN: 409,
  OFFER_EXPIRED: 409,
  TRADE_ALREADY_OPEN: 409,
  TRADE_CLOSED: 409,
  BUYER_NOT_ELIGIBLE: 409,
  TRADE_NOT_COMPLETED: 409,
  ALREADY_RATED: 409,
  RATING_ALREADY_REPLIED: 409,
  SAVED_SEARCH_LIMIT_REACHED: 409,
  PAYLOAD_TOO_LARGE: 413,
  URL_TOO_LONG: 414,
  PHOTO_TOO_LARGE: 413,
  PHOTO_TOO_MANY_PIXELS: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PHOTO_TYPE_UNSUPPORTED: 415,
  CAMPUS_ACCOUNT_LOCKED: 423,
  RENEW_TOO_SOON: 429,
  TOO_MANY_ATTEMPTS: 429,
  QQ_RATE_LIMITED: 429,
  VERIFICATION_RATE_LIMITED: 429,
  FEEDBACK_LIMIT_REACHED: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  QQ_UNAVAILABLE: 503,
  CONTENT_SAFETY_UNAVAILABLE: 503,
  CAMPUS_PORTAL_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  CAMPUS_IDENTITY_INCOMPLETE: 502,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

/** Carries an expected failure from a route to the error handler, so there is one place that answers. */
export class Failure extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
    this.name = 'Failure';
  }
}

export function orFail<T>(result: Result<T, DomainError>): T {
  if (!result.ok) throw new Failure(result.error);
  return result.value;
}

export function statusOf(code: string): number {
  return (ERROR_STATUS as Record<string, number>)[code] ?? 500;
}

/** What a client is told to wait after a database outage answer: a restarted MariaDB takes connections within seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The one error handler. The clock is the domain's, so Retry-After agrees with the rule that refused. */
export function createErrorHandler(clock: Clock) {
  return (error: FastifyError | Failure, request: FastifyRequest, reply: FastifyReply): FastifyReply =>
    handle(error, request, reply, clock);
}

function handle(
  error: FastifyError | Failure,
  request: FastifyRequest,
  reply: FastifyReply,
  clock: Clock,
): FastifyReply {
  if (error instanceof Failure) return answer(reply, error.problem, clock);
  if (error.validation) {
    const details = fieldProblems(error.validation as never, error.validationContext);
    return answer(reply, {
      code: 'VALIDATION_FAILED',
      message: `请求参数有误：${details.map((d) => `${d.field} ${d.message}`).join('；')}`,
      details,
    });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    request.log.info({ err: error }, 'request refused by the framework');
    return answer(reply, transportProblem(status));
  }
  if (isDatabaseUnavailable(error)) {
    // An outage, not a bug: one line per request, without the stack (the same for every request meanwhile).
    request.log.error(failureFields(error), 'database unavailable');
    reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    return answer(reply, {
      code: 'DATABASE_UNAVAILABLE',
      message: '服务暂时不可用（数据库连接中断），请稍后再试',
      details: { requestId: request.id },
    });
  }
  request.log.error({ err: error, reqId: request.id }, 'unhandled error');
  return answer(reply, { code: 'INTERNAL', message: '服务器开小差了，请稍后再试', details: { requestId: request.id } });
}

function transportProblem(status: number): Problem {
  if (status === 413) return { code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' };
  if (status === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE', message: '仅支持 application/json 请求体' };
  if (status === 404) return { code: 'ROUTE_NOT_FOUND', message: '接口不存在' };
  return { code: 'BAD_REQUEST', message: '请求格式有误（请检查 JSON 是否完整）' };
}

function answer(reply: FastifyReply, problem: Problem, clock: Clock = systemClock): FastifyReply {
  const status = statusOf(problem.code);
  if (problem.code === 'RATE_LIMITED') {
    const seconds = (problem.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (seconds !== undefined) reply.header('retry-after', String(seconds));
  }
  if (
    problem.code === 'RENEW_TOO_SOON' ||
    problem.code === 'TOO_MANY_ATTEMPTS' ||
    problem.code === 'VERIFICATION_RATE_LIMITED' ||
    problem.code === 'FEEDBACK_LIMIT_REACHED'
  ) {
    const retryAt = Date.parse((problem.details as { retryAt?: string } | undefined)?.retryAt ?? '');
    if (Number.isFinite(retryAt))
      reply.header('retry-after', String(Math.max(1, Math.ceil((retryAt - clock.now().getTime()) / 1000))));
  }
  return reply
    .code(status)
    .send({ error: { code: problem.code, message: problem.message, details: problem.details ?? null } });
}

/**
 * What the router refuses before any route runs: a URL it cannot percent-decode (`%`, `%C0%80`), and a
 * path parameter longer than its limit. Fastify answers these itself, in its own shape, unless told.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  request.log.info({ err: error }, 'request refused by the router');
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') answer(reply, { code: 'URL_TOO_LONG', message: '请求地址过长' });
  else answer(reply, { code: 'INVALID_URL', message: '请求地址有误（含无法解码的字符）' });
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return answer(reply, {
    code: 'ROUTE_NOT_FOUND',
    message: `接口不存在：${request.method} ${request.url.split('?')[0]}`,
  });
}
