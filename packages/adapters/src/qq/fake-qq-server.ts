import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake received at SendSubscriptionMessage, and whether it accepted it. */
export interface ReceivedSubscriptionMessage {
  readonly touser: string;
  readonly template_id: string;
  readonly page: string | undefined;
  readonly data: Record<string, { value: string }>;
  readonly accepted: boolean;
  readonly errcode: number;
}

/** What the fake's content-safety endpoints received (MsgSecCheck text, ImgSecCheck file bytes). */
export interface ReceivedSecurityCheck {
  readonly kind: 'text' | 'image';
  readonly appid: string | undefined;
  readonly content?: string;
  readonly bytes?: Buffer;
  readonly contentType?: string;
  readonly errcode: number;
}

/** The next security checks answer this errcode, hang, or fail with a 500. */
export type SecurityScript = number | 'hang' | 'error500';

/** The next SendSubscriptionMessage calls answer this errcode, or hang (no answer), or fail with a 502. */
export type SubscriptionScript = number | 'hang' | 'garbage';

/**
 * A loopback stand-in for api.q.qq.com's jscode2session: checks appid/secret, answers each issued
 * code once, and can be told to answer -1 (busy), 45011 (too fast) or to hang, for the next calls.
 * It also issues access tokens (GET /api/getToken, each with `expires_in`; they can be expired or
 * revoked) and takes subscription messages (POST /api/json/subscribe/SendSubscriptionMessage),
 * checking the token, recording every message and answering scripted error codes.
 */
export class FakeQqServer {
  private server: Server | null = null;
  private readonly codes = new Map<string, { openid: string; unionid?: string }>();
  private readonly script: Array<'busy' | 'rate_limited' | 'hang' | 'garbage'> = [];
  readonly requests: URL[] = [];
  baseUrl = '';
  /** access_token → expiry (epoch ms). */
  private readonly tokens = new Map<string, number>();
  private readonly sendScript: SubscriptionScript[] = [];
  /** Every subscription message received, accepted or not, in arrival order. */
  readonly subscriptionMessages: ReceivedSubscriptionMessage[] = [];
  /** How many tokens were issued. */
  tokenIssues = 0;
  /** `expires_in` of the next tokens, in seconds. */
  tokenLifetimeSeconds = 7200;
  /** Delay before answering each SendSubscriptionMessage (a slow platform, for crash tests and benches). */
  sendDelayMs = 0;
  /** MsgSecCheck answers 87014 for content containing any of these. */
  readonly riskyWords = new Set<string>(['违禁测试词']);
  /** ImgSecCheck's verdict on the file it received (87014 risky, 0 fine). */
  imageVerdict: (bytes: Buffer, contentType: string | undefined) => Promise<number> | number = () => 0;
  readonly securityChecks: ReceivedSecurityCheck[] = [];
  private readonly securityScript: SecurityScript[] = [];

  constructor(
    readonly appId = 'fake-app-id',
    readonly appSecret = 'fake-app-secret-0123456789',
  ) {}

  /** A code `qq.login` would have produced for this user. */
  issueCode(openid: string, unionid?: string): string {
    const code = `code-${this.codes.size + 1}-${Math.random().toString(36).slice(2)}`;
    this.codes.set(code, unionid ? { openid, unionid } : { openid });
    return code;
  }

  /** The next calls misbehave in this order. */
  misbehave(...behaviour: Array<'busy' | 'rate_limited' | 'hang' | 'garbage'>): this {
    this.script.push(...behaviour);
    return this;
  }

  /** Messages QQ accepted (errcode 0). */
  get deliveredMessages(): ReceivedSubscriptionMessage[] {
    return this.subscriptionMessages.filter((m) => m.accepted);
  }

  /** The next subscription sends answer these in order (then 0). */
  scriptSends(...answers: SubscriptionScript[]): this {
    this.sendScript.push(...answers);
    return this;
  }

  /** Drops what is still scripted: the next sends answer 0. */
  clearSendScript(): void {
    this.sendScript.length = 0;
  }

  /** The next content-safety checks answer these in order (then the real verdict). */
  scriptSecurity(...answers: SecurityScript[]): this {
    this.securityScript.push(...answers);
    return this;
  }

  /** Every token issued so far stops working: the next send answers 40014 (expired). */
  expireTokens(): void {
    for (const t of this.tokens.keys()) this.tokens.set(t, 0);
  }

  /** Forgets every token issued so far: the next send answers 40001 (invalid credential). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.baseUrl);
    this.requests.push(url);
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/api/getToken') return json(this.issueToken(url.searchParams));
    if (req.method === 'POST' && url.pathname === '/api/json/subscribe/SendSubscriptionMessage') {
      void this.subscriptionMessage(req, url, res, json);
      return;
    }
    if (
      req.method === 'POST' &&
      (url.pathname === '/api/json/security/MsgSecCheck' || url.pathname === '/api/json/security/ImgSecCheck')
    ) {
      void this.securityCheck(req, url, res, json);
      return;
    }
    if (req.method !== 'GET' || url.pathname !== '/sns/jscode2session') {
      res.writeHead(404).end();
      return;
    }
    const next = this.script.shift();
    if (next === 'hang') return; // never answers: the client's timeout must fire
    if (next === 'garbage') {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
      return;
    }
    if (next === 'busy') return json({ errcode: -1, errmsg: 'system error' });
    if (next === 'rate_limited') return json({ errcode: 45011, errmsg: 'api minute-quota reach limit' });
    const q = url.searchParams;
    if (q.get('appid') !== this.appId || q.get('secret') !== this.appSecret)
      return json({ errcode: 40013, errmsg: 'invalid appid' });
    if (q.get('grant_type') !== 'authorization_code') return json({ errcode: 40002, errmsg: 'invalid grant_type' });
    const code = q.get('js_code') ?? '';
    const user = this.codes.get(code);
    if (!user) return json({ errcode: 40029, errmsg: 'invalid code' });
    this.codes.delete(code); // single use
    return json({
      errcode: 0,
      errmsg: 'ok',
      openid: user.openid,
      session_key: `SESSION-KEY-${user.openid}`,
      ...(user.unionid ? { unionid: user.unionid } : {}),
    });
  }

  private issueToken(q: URLSearchParams): object {
    if (q.get('appid') !== this.appId || q.get('secret') !== this.appSecret)
      return { errcode: 40013, errmsg: 'invalid appid' };
    if (q.get('grant_type') !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
    this.tokenIssues++;
    const token = `TOKEN-${this.tokenIssues}-${Math.random().toString(36).slice(2)}`;
    this.tokens.set(token, Date.now() + this.tokenLifetimeSeconds * 1000);
    return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: this.tokenLifetimeSeconds };
  }

  /** MsgSecCheck takes JSON `{ appid, content }`; ImgSecCheck multipart `appid` and the file `media` (at most 1 MB). */
  private async securityCheck(
    req: IncomingMessage,
    url: URL,
    res: ServerResponse,
    json: (body: unknown) => void,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const expiry = this.tokens.get(url.searchParams.get('access_token') ?? '');
    const tokenError = expiry === undefined ? 40001 : expiry <= Date.now() ? 40014 : 0;
    const next = tokenError ? undefined : this.securityScript.shift();
    if (next === 'hang') return;
    if (next === 'error500') {
      res.writeHead(500, { 'content-type': 'text/html' }).end('<html>internal error</html>');
      return;
    }
    const record = (check: Omit<ReceivedSecurityCheck, 'errcode'>, verdict: number) => {
      const errcode = tokenError || (typeof next === 'number' ? next : verdict);
      this.securityChecks.push({ ...check, errcode });
      json({ errcode, errmsg: errcode === 0 ? 'ok' : errcode === 87014 ? 'risky content' : `error ${errcode}` });
    };
    if (url.pathname.endsWith('/MsgSecCheck')) {
      let body: { appid?: unknown; content?: unknown };
      try {
        body = JSON.parse(raw.toString('utf8')) as typeof body;
      } catch {
        return json({ errcode: 47001, errmsg: 'data format error' });
      }
      if (typeof body.content !== 'string') return json({ errcode: 47001, errmsg: 'data format error' });
      const content = body.content;
      return record(
        { kind: 'text', appid: typeof body.appid === 'string' ? body.appid : undefined, content },
        [...this.riskyWords].some((w) => content.includes(w)) ? 87014 : 0,
      );
    }
    const parts = multipartParts(raw, req.headers['content-type'] ?? '');
    const media = parts.find((p) => p.name === 'media' && p.filename !== undefined);
    const appid = parts.find((p) => p.name === 'appid')?.body.toString('utf8');
    if (!media) return json({ errcode: 41005, errmsg: 'media data missing' });
    if (media.body.length > 1024 * 1024) return json({ errcode: 40006, errmsg: 'invalid media size' });
    record(
      { kind: 'image', appid, bytes: media.body, ...(media.contentType ? { contentType: media.contentType } : {}) },
      await this.imageVerdict(media.body, media.contentType),
    );
  }

  private async subscriptionMessage(
    req: IncomingMessage,
    url: URL,
    res: ServerResponse,
    json: (body: unknown) => void,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.sendDelayMs > 0) await new Promise((r) => setTimeout(r, this.sendDelayMs));
    const expiry = this.tokens.get(url.searchParams.get('access_token') ?? '');
    const tokenError = expiry === undefined ? 40001 : expiry <= Date.now() ? 40014 : 0;
    // A bad token is answered before the script, so scripted answers wait for a good one.
    const next = tokenError ? undefined : this.sendScript.shift();
    if (next === 'hang') return;
    if (next === 'garbage') {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
      return;
    }
    let body: { touser?: unknown; template_id?: unknown; page?: unknown; data?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return json({ errcode: 47001, errmsg: 'data format error' });
    }
    let errcode = tokenError || (next ?? 0);
    if (
      errcode === 0 &&
      (typeof body.touser !== 'string' || typeof body.template_id !== 'string' || typeof body.data !== 'object')
    )
      errcode = 47001;
    this.subscriptionMessages.push({
      touser: String(body.touser),
      template_id: String(body.template_id),
      page: typeof body.page === 'string' ? body.page : undefined,
      data: (body.data ?? {}) as Record<string, { value: string }>,
      accepted: errcode === 0,
      errcode,
    });
    json({ errcode, errmsg: errcode === 0 ? 'ok' : `scripted error ${errcode}` });
  }
}

interface MultipartPart {
  readonly name: string;
  readonly filename?: string;
  readonly contentType?: string;
  readonly body: Buffer;
}

function multipartParts(raw: Buffer, contentType: string): MultipartPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: MultipartPart[] = [];
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    const part = raw.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
    if (name !== undefined)
      parts.push({
        name,
        body: part.subarray(split + 4),
        ...(filename !== undefined ? { filename } : {}),
        ...(type ? { contentType: type.trim() } : {}),
      });
    at = next;
  }
  return parts;
}
