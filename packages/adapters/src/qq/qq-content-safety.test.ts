import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WordListContentSafety } from '../safety/word-list-content-safety.js';
import { FakeQqServer } from './fake-qq-server.js';
import { HttpQqAccessTokens, InMemoryAccessTokenStore } from './qq-access-tokens.js';
import { QqContentSafety } from './qq-content-safety.js';

let qq: FakeQqServer;
beforeAll(async () => {
  qq = await new FakeQqServer('safety-app', 'safety-secret-0123456789').start();
});
afterAll(async () => {
  await qq.stop();
});

function client(timeoutMs = 500) {
  const tokens = new HttpQqAccessTokens({
    appId: qq.appId,
    appSecret: qq.appSecret,
    baseUrl: qq.baseUrl,
    store: new InMemoryAccessTokenStore(),
  });
  return new QqContentSafety({ appId: qq.appId, tokens, baseUrl: qq.baseUrl, timeoutMs });
}

/** A plain WebP of one colour: the fake's image check calls red photos risky. */
const webp = (colour: { r: number; g: number; b: number }, size = 600) =>
  sharp({ create: { width: size, height: Math.round(size * 0.75), channels: 3, background: colour } })
    .webp()
    .toBuffer();
/** Noise does not compress: a 1600 px PNG of it is several megabytes. */
const bigNoisePng = () =>
  sharp({
    create: {
      width: 1600,
      height: 1200,
      channels: 3,
      background: { r: 0, g: 0, b: 0 },
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .png()
    .toBuffer();

describe('QqContentSafety against the fake QQ server', () => {
  beforeEach(() => {
    qq.securityChecks.length = 0;
    qq.imageVerdict = async (bytes) => {
      const { channels } = await sharp(bytes).stats();
      return channels[0]!.mean > 150 && channels[1]!.mean < 100 ? 87014 : 0;
    };
  });

  it('MsgSecCheck: fine text is ok, 87014 is risky; the app id and the text are sent with a token', async () => {
    const safety = client();
    expect(await safety.checkText('九成新自行车，送车锁', { scene: 'listing' })).toEqual({ kind: 'ok' });
    expect(await safety.checkText('出售违禁测试词一批', { scene: 'comment' })).toEqual({
      kind: 'risky',
      label: 'qq:87014',
    });
    expect(qq.securityChecks.map((c) => [c.kind, c.appid, c.content])).toEqual([
      ['text', 'safety-app', '九成新自行车，送车锁'],
      ['text', 'safety-app', '出售违禁测试词一批'],
    ]);
  });

  it('ImgSecCheck: sends a JPEG of at most 1 MB and 750 px however big the input; a risky image is risky', async () => {
    const safety = client(5000);
    const big = await bigNoisePng();
    expect(big.length).toBeGreaterThan(1024 * 1024);
    expect(await safety.checkImage(big, { scene: 'photo' })).toEqual({ kind: 'ok' });
    const sent = qq.securityChecks.at(-1)!;
    expect(sent.contentType).toBe('image/jpeg');
    expect(sent.bytes!.length).toBeLessThanOrEqual(1024 * 1024);
    const meta = await sharp(sent.bytes).metadata();
    expect([meta.format, Math.max(meta.width, meta.height)]).toEqual(['jpeg', 750]);
    expect(await safety.checkImage(await webp({ r: 230, g: 20, b: 20 }), { scene: 'photo' })).toEqual({
      kind: 'risky',
      label: 'qq:87014',
    });
  });

  it('an expired or revoked token is replaced once and the check repeated', async () => {
    const safety = client();
    await safety.checkText('预热', { scene: 'listing' });
    const issued = qq.tokenIssues;
    qq.expireTokens();
    expect(await safety.checkText('台灯', { scene: 'listing' })).toEqual({ kind: 'ok' });
    qq.revokeTokens();
    expect(await safety.checkText('违禁测试词', { scene: 'listing' })).toEqual({ kind: 'risky', label: 'qq:87014' });
    expect(qq.tokenIssues).toBe(issued + 2);
    expect(qq.securityChecks.map((c) => c.errcode)).toEqual([0, 40014, 0, 40001, 87014]);
  });

  it('an outage is `unavailable`: a hang (timeout), a 500, QQ busy (-1), a token refused twice, no token at all', async () => {
    const safety = client(300);
    await safety.checkText('预热', { scene: 'listing' });
    qq.scriptSecurity('hang');
    const started = Date.now();
    expect(await safety.checkText('台灯', { scene: 'listing' })).toEqual({ kind: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(2000);
    qq.scriptSecurity('error500');
    expect(await safety.checkImage(await webp({ r: 1, g: 2, b: 3 }, 100), { scene: 'photo' })).toEqual({
      kind: 'unavailable',
    });
    qq.scriptSecurity(-1);
    expect(await safety.checkText('台灯', { scene: 'listing' })).toEqual({ kind: 'unavailable' });
    qq.scriptSecurity(40001, 40001);
    expect(await safety.checkText('台灯', { scene: 'listing' })).toEqual({ kind: 'unavailable' });
    const wrongSecret = new QqContentSafety({
      appId: qq.appId,
      baseUrl: qq.baseUrl,
      tokens: new HttpQqAccessTokens({
        appId: qq.appId,
        appSecret: 'wrong',
        baseUrl: qq.baseUrl,
        store: new InMemoryAccessTokenStore(),
      }),
    });
    expect(await wrongSecret.checkText('台灯', { scene: 'listing' })).toEqual({ kind: 'unavailable' });
    // Back to normal after the script ran out.
    expect(await safety.checkText('台灯', { scene: 'listing' })).toEqual({ kind: 'ok' });
  });
});

describe('WordListContentSafety (the embedded default)', () => {
  it('finds listed words through spaces, punctuation, width and case, and nothing else', async () => {
    const safety = new WordListContentSafety();
    for (const text of ['期末代考，包过', '代 考', '代-考', '可开发票', '高价收ＱＱ号 违禁测试词']) {
      expect((await safety.checkText(text, { scene: 'listing' })).kind, text).toBe('risky');
    }
    for (const text of ['考研资料出售', '论文格式指导书', '九成新自行车', '']) {
      expect(await safety.checkText(text, { scene: 'listing' }), text).toEqual({ kind: 'ok' });
    }
    expect(await new WordListContentSafety(['ABC']).checkText('xx a b c', { scene: 'comment' })).toEqual({
      kind: 'risky',
      label: 'word:abc',
    });
  });
});
