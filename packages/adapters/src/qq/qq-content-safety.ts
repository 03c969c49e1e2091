import sharp from 'sharp';
import type { ContentSafety, SafetyContext, SafetyVerdict } from '@xianzhi/core';
import type { QqAccessTokens } from './qq-access-tokens.js';

export interface QqContentSafetyOptions {
  readonly appId: string;
  readonly tokens: QqAccessTokens;
  /** `https://api.q.qq.com` in production; a loopback fake in tests. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
}

const RISKY = 87014;
const TOKEN_REFUSED = new Set([40001, 40014, 42001]);
/** ImgSecCheck's limit. */
export const IMG_SEC_CHECK_MAX_BYTES = 1024 * 1024;

/**
 * QQ's content safety: MsgSecCheck for text, ImgSecCheck for images (multipart, at most 1 MB, JPEG or
 * PNG: a WebP variant is re-encoded as a small JPEG first). 87014 is risky; a refused access token is
 * replaced once and the call repeated; anything else that is not an answer (timeouts, 5xx, -1 busy,
 * unknown codes, no token) is `unavailable`, for the configured policy to decide.
 */
export class QqContentSafety implements ContentSafety {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: QqContentSafetyOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://api.q.qq.com').replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 3000;
  }

  checkText(text: string, _context?: SafetyContext): Promise<SafetyVerdict> {
    return this.call('/api/json/security/MsgSecCheck', () => ({
      body: JSON.stringify({ appid: this.options.appId, content: text }),
      headers: { 'content-type': 'application/json' },
    }));
  }

  async checkImage(bytes: Uint8Array, _context?: SafetyContext): Promise<SafetyVerdict> {
    let jpeg: Buffer;
    try {
      jpeg = await sharp(bytes)
        .rotate()
        .resize({ width: 750, height: 750, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 80 })
        .toBuffer();
    } catch {
      return { kind: 'risky', label: 'undecodable' };
    }
    if (jpeg.length > IMG_SEC_CHECK_MAX_BYTES)
      jpeg = await sharp(jpeg).resize({ width: 480, height: 480, fit: 'inside' }).jpeg({ quality: 60 }).toBuffer();
    return this.call('/api/json/security/ImgSecCheck', () => {
      const form = new FormData();
      form.set('appid', this.options.appId);
      form.set('media', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'photo.jpg');
      return { body: form, headers: {} };
    });
  }

  private async call(
    path: string,
    request: () => { body: string | FormData; headers: Record<string, string> },
  ): Promise<SafetyVerdict> {
    for (let attempt = 0; attempt < 2; attempt++) {
      let token: string;
      try {
        token = await this.options.tokens.get();
      } catch {
        return { kind: 'unavailable' };
      }
      const url = `${this.baseUrl}${path}?access_token=${encodeURIComponent(token)}`;
      let errcode: number;
      try {
        const { body, headers } = request();
        const response = await fetch(url, {
          method: 'POST',
          body,
          headers: { accept: 'application/json', ...headers },
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        if (!response.ok) return { kind: 'unavailable' };
        const parsed = (await response.json()) as { errcode?: unknown };
        errcode = typeof parsed.errcode === 'number' ? parsed.errcode : 0;
      } catch {
        // Timeouts, refused connections and malformed answers alike: QQ could not be asked.
        return { kind: 'unavailable' };
      }
      if (errcode === 0) return { kind: 'ok' };
      if (errcode === RISKY) return { kind: 'risky', label: 'qq:87014' };
      if (TOKEN_REFUSED.has(errcode) && attempt === 0) {
        await this.options.tokens.invalidate(token);
        continue;
      }
      return { kind: 'unavailable' };
    }
    return { kind: 'unavailable' };
  }
}
