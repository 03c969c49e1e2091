import { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';

/** What QQ says about a login code. `sessionKey` stays on the server: never logged, never returned. */
export interface QqSession {
  readonly openId: string;
  readonly unionId: string | null;
  readonly sessionKey: string;
}

export class QqCodeInvalid extends DomainError<'QQ_CODE_INVALID'> {
  readonly code = 'QQ_CODE_INVALID' as const;
  readonly reason = 'invalid_code' as const;
  constructor() {
    super('QQ 登录凭证无效或已使用，请重新登录');
  }
}

export class QqRateLimited extends DomainError<'QQ_RATE_LIMITED'> {
  readonly code = 'QQ_RATE_LIMITED' as const;
  readonly reason = 'rate_limited' as const;
  constructor() {
    super('QQ 登录过于频繁，请稍后再试');
  }
}

export class QqUnavailable extends DomainError<'QQ_UNAVAILABLE'> {
  readonly code = 'QQ_UNAVAILABLE' as const;
  readonly reason = 'unavailable' as const;
  constructor() {
    super('QQ 登录服务暂时不可用，请稍后再试');
  }
}

export type QqLoginFailed = QqCodeInvalid | QqRateLimited | QqUnavailable;

/** Exchanges the `code` from `qq.login` for the user's openid (jscode2session). */
export interface QqAuthClient {
  exchangeCode(code: string): Promise<Result<QqSession, QqLoginFailed>>;
}
