import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for api.q.qq.com's jscode2session: checks appid/secret, answers each issued
 * code once, and can be told to answer -1 (busy), 45011 (too fast) or to hang, for the next calls.
 */
export class FakeQqServer {
  private server: Server | null = null;
  private readonly codes = new Map<string, { openid: string; unionid?: string }>();
  private readonly script: Array<'busy' | 'rate_limited' | 'hang' | 'garbage'> = [];
  readonly requests: URL[] = [];
  baseUrl = '';

  constructor(readonly appId = 'fake-app-id', readonly appSecret = 'fake-app-secret-0123456789') {}

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
    if (q.get('appid') !== this.appId || q.get('secret') !== this.appSecret) return json({ errcode: 40013, errmsg: 'invalid appid' });
    if (q.get('grant_type') !== 'authorization_code') return json({ errcode: 40002, errmsg: 'invalid grant_type' });
    const code = q.get('js_code') ?? '';
    const user = this.codes.get(code);
    if (!user) return json({ errcode: 40029, errmsg: 'invalid code' });
    this.codes.delete(code); // single use
    return json({ errcode: 0, errmsg: 'ok', openid: user.openid, session_key: `SESSION-KEY-${user.openid}`, ...(user.unionid ? { unionid: user.unionid } : {}) });
  }
}
