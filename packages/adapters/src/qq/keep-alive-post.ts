import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** How a POST ended before an answer: `not_sent` only when the request surely never left this machine. */
export class PostFailed extends Error {
  constructor(
    readonly outcome: 'not_sent' | 'unknown',
    cause: unknown,
    what: string,
  ) {
    super(what, { cause });
    this.name = 'PostFailed';
  }
}

/** Failures before a request leaves this machine: the connection was never made. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export interface PostAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * JSON POSTs over a pool of kept-alive connections (node:http's Agent), for a sender that makes thousands of
 * small calls to one host: `fetch` spends about a fifth of a busy notification worker's CPU on its WHATWG
 * streams, abort signals and per-request objects, and this path none of it. Errors keep fetch's meaning for
 * the caller: a connection never made is `not_sent`; anything after the request may have been written
 * (timeout, reset, a cut answer) is `unknown`.
 */
export class KeepAlivePoster {
  private readonly http = new HttpAgent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64, timeout: 30_000 });
  private readonly https = new HttpsAgent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64, timeout: 30_000 });

  constructor(private readonly timeoutMs: number) {}

  post(url: URL, body: string): Promise<PostAnswer> {
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    return new Promise<PostAnswer>((resolve, reject) => {
      let connected = false;
      const req = send(url, {
        method: 'POST',
        agent: secure ? this.https : this.http,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      });
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      req.once('socket', (socket) => {
        // A kept-alive socket is connected already; a new one is once it says so.
        if (!socket.connecting) connected = true;
        else socket.once('connect', () => (connected = true));
      });
      req.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const never = !connected && e.code !== undefined && NOT_SENT_CODES.has(e.code);
        reject(new PostFailed(never ? 'not_sent' : 'unknown', e, `${e.code ?? e.name}: ${e.message}`));
      });
      req.once('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.once('error', (e) => {
          clearTimeout(timer);
          reject(new PostFailed('unknown', e, `answer cut: ${e.message}`));
        });
        res.once('end', () => {
          clearTimeout(timer);
          if (!res.complete) reject(new PostFailed('unknown', null, 'answer cut'));
          else resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.end(body);
    });
  }

  /** Idle kept-alive sockets never hold a process open (node:http unrefs them); this closes them at once. */
  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
