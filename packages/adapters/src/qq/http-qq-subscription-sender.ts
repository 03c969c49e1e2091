import {
  RetryJobLater,
  SendOutcomeUnknown,
  type NotificationKind,
  type SendOutcome,
  type SubscriptionMessage,
  type SubscriptionMessageSender,
} from '@xianzhi/core';
import type { QqAccessTokens } from './qq-access-tokens.js';

export interface HttpQqSubscriptionSenderOptions {
  readonly tokens: QqAccessTokens;
  /** Template id (模板 ID) per kind; a kind without one is told in the inbox only. */
  readonly templates: Partial<Record<NotificationKind, string>>;
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  /** How long to wait after 41030 (this user got messages too fast). */
  readonly tooFastDelayMs?: number;
}

/** An error code QQ answered: the message was not sent; the job retries with backoff. */
export class QqSendFailed extends Error {
  constructor(
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`QQ SendSubscriptionMessage errcode ${errcode}: ${errmsg.slice(0, 120)}`);
    this.name = 'QqSendFailed';
  }
}

const TOKEN_REFUSED = new Set([40001, 40014, 42001]);
const TOO_FAST = 41030;
const CONSENT_GONE = new Set([46001, 46003]);
const DAILY_QUOTA = 46002;
/** Failures that happen before a request leaves this machine: surely not delivered. */
const NOT_SENT_CAUSES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * POST /api/json/subscribe/SendSubscriptionMessage. Answers by errcode: a refused token is
 * replaced and the call tried once more; 41030 waits (RetryJobLater); 46001/46003 mean the user's
 * consent is gone and 46002 the daily quota is spent (inbox only, no retry); anything else throws
 * for the queue's backoff. A request that may have arrived without an answer (timeout, cut
 * connection) is SendOutcomeUnknown: the caller must not send it again.
 */
export class HttpQqSubscriptionSender implements SubscriptionMessageSender {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly tooFastDelayMs: number;

  constructor(private readonly options: HttpQqSubscriptionSenderOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://api.q.qq.com').replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 8000;
    this.tooFastDelayMs = options.tooFastDelayMs ?? 60_000;
  }

  supports(kind: NotificationKind): boolean {
    return Boolean(this.options.templates[kind]);
  }

  async send(message: SubscriptionMessage): Promise<SendOutcome> {
    const templateId = this.options.templates[message.kind];
    if (!templateId) throw new Error(`no QQ template configured for ${message.kind}`);
    const payload = JSON.stringify({
      touser: message.openId,
      template_id: templateId,
      page: message.page,
      data: Object.fromEntries(message.fields.map((value, i) => [`keyword${i + 1}`, { value }])),
    });
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await this.options.tokens.get();
      const answer = await this.post(token, payload);
      const errcode = answer.errcode ?? 0;
      if (errcode === 0) return 'sent';
      if (TOKEN_REFUSED.has(errcode)) {
        await this.options.tokens.invalidate(token);
        continue;
      }
      if (errcode === TOO_FAST)
        throw new RetryJobLater(this.tooFastDelayMs, 'QQ 41030: too many messages to this user');
      if (CONSENT_GONE.has(errcode)) return 'consent_revoked';
      if (errcode === DAILY_QUOTA) return 'quota_exceeded';
      throw new QqSendFailed(errcode, answer.errmsg ?? '');
    }
    throw new QqSendFailed(40014, 'access token refused twice');
  }

  private async post(token: string, payload: string): Promise<{ errcode?: number; errmsg?: string }> {
    const url = `${this.baseUrl}/api/json/subscribe/SendSubscriptionMessage?access_token=${encodeURIComponent(token)}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        body: payload,
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { 'content-type': 'application/json', accept: 'application/json' },
      });
    } catch (e) {
      const code = (e as { cause?: { code?: string } }).cause?.code;
      if (code && NOT_SENT_CAUSES.has(code)) throw new Error(`QQ unreachable (${code})`, { cause: e });
      throw new SendOutcomeUnknown(`no answer from QQ (${code ?? (e instanceof Error ? e.name : 'error')})`);
    }
    if (!response.ok) throw new Error(`QQ answered HTTP ${response.status}`);
    try {
      return (await response.json()) as { errcode?: number; errmsg?: string };
    } catch {
      throw new SendOutcomeUnknown('QQ answered with a body that is not JSON');
    }
  }
}
