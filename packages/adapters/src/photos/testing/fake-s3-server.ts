import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface FakeObject {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly cacheControl: string | null;
  readonly etag: string;
}

export type FakeS3Outage = 'hang' | 'error500';

/**
 * A loopback stand-in for an S3-compatible object store (MinIO, Tencent COS, AWS S3): PutObject,
 * GetObject, HeadObject and DeleteObject on one bucket, path-style (`/bucket/key`) or virtual-hosted
 * (`bucket.host`). Every request must carry a valid AWS Signature Version 4 for the configured key pair:
 * the canonical request is rebuilt from what arrived and the signature recomputed, so a client with a
 * wrong secret is refused with `SignatureDoesNotMatch` and an unknown key id with `InvalidAccessKeyId`
 * (both 403, as S3 answers). Errors are S3's XML bodies.
 */
export class FakeS3Server {
  private server: Server | null = null;
  readonly objects = new Map<string, FakeObject>();
  readonly requests: Array<{ method: string; path: string; signedHeaders: string[] }> = [];
  private readonly script: FakeS3Outage[] = [];
  endpoint = '';

  constructor(
    readonly bucket = 'xianzhi-photos',
    readonly accessKeyId = 'FAKEACCESSKEY0001',
    readonly secretAccessKey = 'fake-secret-key-0123456789abcdef',
    readonly region = 'ap-guangzhou',
  ) {}

  /** The next requests misbehave in this order. */
  misbehave(...outage: FakeS3Outage[]): this {
    this.script.push(...outage);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const rawUrl = req.url ?? '/';
    const rawPath = rawUrl.split('?')[0]!;
    const rawQuery = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '';
    const method = req.method ?? 'GET';

    const next = this.script.shift();
    if (next === 'hang') return; // never answers: the client's timeout must fire
    if (next === 'error500')
      return this.error(res, 500, 'InternalError', 'We encountered an internal error. Please try again.');

    const auth = this.verifySignature(req, method, rawPath, rawQuery, body);
    this.requests.push({ method, path: rawPath, signedHeaders: auth.signedHeaders });
    if (auth.problem) return this.error(res, 403, auth.problem.code, auth.problem.message);

    const located = this.locate(req, rawPath);
    if (!located) return this.error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    const { key } = located;
    if (key === '') return this.error(res, 400, 'InvalidRequest', 'Bucket operations are not supported by this fake');

    if (method === 'PUT') {
      const etag = `"${createHash('md5').update(body).digest('hex')}"`;
      this.objects.set(key, {
        bytes: body,
        etag,
        contentType: header(req, 'content-type') ?? 'binary/octet-stream',
        cacheControl: header(req, 'cache-control'),
      });
      res.writeHead(200, { etag }).end();
      return;
    }
    if (method === 'GET' || method === 'HEAD') {
      const found = this.objects.get(key);
      if (!found) {
        if (method === 'HEAD') {
          res.writeHead(404).end(); // HEAD answers carry no body, so no error XML either
          return;
        }
        return this.error(res, 404, 'NoSuchKey', 'The specified key does not exist.', key);
      }
      res.writeHead(200, {
        'content-type': found.contentType,
        'content-length': String(found.bytes.length),
        etag: found.etag,
        ...(found.cacheControl ? { 'cache-control': found.cacheControl } : {}),
      });
      res.end(method === 'HEAD' ? undefined : found.bytes);
      return;
    }
    if (method === 'DELETE') {
      this.objects.delete(key); // S3 answers 204 whether or not the key existed
      res.writeHead(204).end();
      return;
    }
    this.error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  }

  private locate(req: IncomingMessage, rawPath: string): { key: string } | null {
    const host = (header(req, 'host') ?? '').split(':')[0]!;
    const segments = rawPath.split('/').slice(1);
    if (host.startsWith(`${this.bucket}.`)) return { key: decodeURIComponent(segments.join('/')) };
    if (segments[0] !== this.bucket) return null;
    return { key: decodeURIComponent(segments.slice(1).join('/')) };
  }

  private verifySignature(
    req: IncomingMessage,
    method: string,
    rawPath: string,
    rawQuery: string,
    body: Buffer,
  ): {
    signedHeaders: string[];
    problem?: { code: string; message: string };
  } {
    const authorization = header(req, 'authorization') ?? '';
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
        authorization,
      );
    if (!m) return { signedHeaders: [], problem: { code: 'AccessDenied', message: 'Access Denied' } };
    const [, keyId, date, region, signedList, signature] = m as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const signedHeaders = signedList.split(';');
    if (keyId !== this.accessKeyId) {
      return {
        signedHeaders,
        problem: {
          code: 'InvalidAccessKeyId',
          message: 'The AWS Access Key Id you provided does not exist in our records.',
        },
      };
    }
    const amzDate = header(req, 'x-amz-date') ?? '';
    const payloadHash = header(req, 'x-amz-content-sha256') ?? '';
    if (
      !signedHeaders.includes('host') ||
      !signedHeaders.includes('x-amz-date') ||
      !amzDate.startsWith(date) ||
      region !== this.region
    ) {
      return { signedHeaders, problem: { code: 'AccessDenied', message: 'Access Denied' } };
    }
    if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== createHash('sha256').update(body).digest('hex')) {
      return {
        signedHeaders,
        problem: {
          code: 'XAmzContentSHA256Mismatch',
          message: 'The provided x-amz-content-sha256 header does not match what was computed.',
        },
      };
    }
    const canonicalHeaders = signedHeaders
      .map((h) => `${h}:${(header(req, h) ?? '').trim().replace(/\s+/g, ' ')}\n`)
      .join('');
    const canonicalRequest = [
      method,
      rawPath,
      canonicalQuery(rawQuery),
      canonicalHeaders,
      signedList,
      payloadHash,
    ].join('\n');
    const scope = `${date}/${region}/s3/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
    let key: Buffer = hmac(`AWS4${this.secretAccessKey}`, date);
    for (const part of [region, 's3', 'aws4_request']) key = hmac(key, part);
    const expected = hmac(key, stringToSign);
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
      return {
        signedHeaders,
        problem: {
          code: 'SignatureDoesNotMatch',
          message: 'The request signature we calculated does not match the signature you provided.',
        },
      };
    }
    return { signedHeaders };
  }

  private error(res: ServerResponse, status: number, code: string, message: string, key?: string): void {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${key ? `<Key>${escapeXml(key)}</Key>` : ''}<RequestId>fake-${Date.now()}</RequestId></Error>`;
    res.writeHead(status, { 'content-type': 'application/xml' }).end(xml);
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name.toLowerCase()];
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(',') : v;
}

function canonicalQuery(raw: string): string {
  if (raw === '') return '';
  return raw
    .split('&')
    .filter((p) => p !== '')
    .map((pair) => {
      const i = pair.indexOf('=');
      const k = decodeURIComponent(i < 0 ? pair : pair.slice(0, i));
      const v = i < 0 ? '' : decodeURIComponent(pair.slice(i + 1));
      return [rfc3986(k), rfc3986(v)] as const;
    })
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
