import {
  RetryJobLater,
  SendOutcomeUnknown,
  type NotificationKind,
  type SendOutcome,
  type SubscriptionMessage,
  type SubscriptionMessageSender,
} from '@xianzhi/core';
import { KeepAlivePoster, PostFailed } from './keep-alive-post.js';
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

/** How long a send waits for QQ's answer by default; a claim's lease must comfortably outlast it. */
export const QQ_SEND_TIMEOUT_MS = 8000;

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
  private readonly poster: KeepAlivePoster;

  constructor(private readonly options: HttpQqSubscriptionSenderOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://api.q.qq.com').replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? QQ_SEND_TIMEOUT_MS;
    this.tooFastDelayMs = options.tooFastDelayMs ?? 60_000;
    this.poster = new KeepAlivePoster(this.timeoutMs);
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
    const url = new URL(
      `${this.baseUrl}/api/json/subscribe/SendSubscriptionMessage?access_token=${encodeURIComponent(token)}`,
    );
    let answer: { status: number; body: string };
    try {
      answer = await this.poster.post(url, payload);
    } catch (e) {
      if (e instanceof PostFailed && e.outcome === 'not_sent')
        throw new Error(`QQ unreachable (${e.message})`, { cause: e });
      throw new SendOutcomeUnknown(`no answer from QQ (${e instanceof Error ? e.message : 'error'})`);
    }
    if (answer.status < 200 || answer.status > 299) throw new Error(`QQ answered HTTP ${answer.status}`);
    try {
      return JSON.parse(answer.body) as { errcode?: number; errmsg?: string };
    } catch {
      throw new SendOutcomeUnknown('QQ answered with a body that is not JSON');
    }
  }
}
