import {
  err,
  ok,
  QqCodeInvalid,
  QqRateLimited,
  QqUnavailable,
  type QqAuthClient,
  type QqLoginFailed,
  type QqSession,
  type Result,
} from '@xianzhi/core';

export interface HttpQqAuthClientOptions {
  readonly appId: string;
  readonly appSecret: string;
  /** `https://api.q.qq.com` in production; a loopback fake in tests. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
}

interface Jscode2SessionBody {
  errcode?: number;
  errmsg?: string;
  openid?: string;
  unionid?: string;
  session_key?: string;
}

const BUSY = -1;
const BAD_CODE = 40029;
const TOO_FAST = 45011;

/**
 * QQ mini-program login (GET /sns/jscode2session). QQ's "system busy" (-1) is retried once; any
 * other failure to get an answer is `unavailable`. Errors carry no URL: it holds the app secret.
 */
export class HttpQqAuthClient implements QqAuthClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpQqAuthClientOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://api.q.qq.com').replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  async exchangeCode(code: string): Promise<Result<QqSession, QqLoginFailed>> {
    if (code.trim() === '' || code.length > 256) return err(new QqCodeInvalid());
    for (let attempt = 0; attempt < 2; attempt++) {
      const body = await this.call(code);
      if (body === null) return err(new QqUnavailable());
      const errcode = body.errcode ?? 0;
      if (errcode === BUSY) continue;
      if (errcode === BAD_CODE) return err(new QqCodeInvalid());
      if (errcode === TOO_FAST) return err(new QqRateLimited());
      if (
        errcode !== 0 ||
        typeof body.openid !== 'string' ||
        body.openid === '' ||
        typeof body.session_key !== 'string'
      ) {
        return err(new QqUnavailable());
      }
      return ok({
        openId: body.openid,
        unionId: typeof body.unionid === 'string' && body.unionid !== '' ? body.unionid : null,
        sessionKey: body.session_key,
      });
    }
    return err(new QqUnavailable());
  }

  private async call(code: string): Promise<Jscode2SessionBody | null> {
    const url = new URL(`${this.baseUrl}/sns/jscode2session`);
    url.searchParams.set('appid', this.options.appId);
    url.searchParams.set('secret', this.options.appSecret);
    url.searchParams.set('js_code', code);
    url.searchParams.set('grant_type', 'authorization_code');
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { accept: 'application/json' },
      });
      if (!response.ok) return null;
      const parsed = await response.json();
      return parsed !== null && typeof parsed === 'object' ? parsed : null;
    } catch {
      // Timeouts, refused connections and malformed JSON alike: QQ could not be asked.
      return null;
    }
  }
}
