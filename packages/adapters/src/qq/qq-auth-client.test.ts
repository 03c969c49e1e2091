import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DemoQqAuthClient, demoQqOpenId } from './demo-qq-auth-client.js';
import { FakeQqServer } from './fake-qq-server.js';
import { HttpQqAuthClient } from './http-qq-auth-client.js';

describe('HttpQqAuthClient against a fake jscode2session on loopback', () => {
  let qq: FakeQqServer;
  let client: HttpQqAuthClient;
  beforeEach(async () => {
    qq = await new FakeQqServer().start();
    client = new HttpQqAuthClient({ appId: qq.appId, appSecret: qq.appSecret, baseUrl: qq.baseUrl, timeoutMs: 300 });
  });
  afterEach(() => qq.stop());

  it('exchanges a code for the openid, unionid and session key, sending the documented query', async () => {
    const r = await client.exchangeCode(qq.issueCode('OPENID-1', 'UNION-1'));
    expect(r).toEqual({
      ok: true,
      value: { openId: 'OPENID-1', unionId: 'UNION-1', sessionKey: 'SESSION-KEY-OPENID-1' },
    });
    const sent = qq.requests[0]!.searchParams;
    expect([...sent.keys()].sort()).toEqual(['appid', 'grant_type', 'js_code', 'secret']);
    expect(sent.get('grant_type')).toBe('authorization_code');
    const noUnion = await client.exchangeCode(qq.issueCode('OPENID-2'));
    expect(noUnion.ok && noUnion.value.unionId).toBeNull();
  });

  it('maps 40029 (a used or made-up code) to invalid_code', async () => {
    const code = qq.issueCode('OPENID-1');
    expect((await client.exchangeCode(code)).ok).toBe(true);
    const again = await client.exchangeCode(code);
    expect(!again.ok && [again.error.code, again.error.reason]).toEqual(['QQ_CODE_INVALID', 'invalid_code']);
    const empty = await client.exchangeCode('');
    expect(!empty.ok && empty.error.reason).toBe('invalid_code');
  });

  it('maps 45011 to rate_limited', async () => {
    qq.misbehave('rate_limited');
    const r = await client.exchangeCode(qq.issueCode('OPENID-1'));
    expect(!r.ok && [r.error.code, r.error.reason]).toEqual(['QQ_RATE_LIMITED', 'rate_limited']);
  });

  it('retries -1 (busy) once, then gives up as unavailable', async () => {
    qq.misbehave('busy');
    expect((await client.exchangeCode(qq.issueCode('OPENID-1'))).ok).toBe(true);
    expect(qq.requests).toHaveLength(2);
    qq.misbehave('busy', 'busy');
    const r = await client.exchangeCode(qq.issueCode('OPENID-2'));
    expect(!r.ok && r.error.reason).toBe('unavailable');
    expect(qq.requests).toHaveLength(4);
  });

  it('answers unavailable on a timeout, a non-JSON error page, a refused connection or a wrong app secret', async () => {
    qq.misbehave('hang');
    const started = Date.now();
    const hung = await client.exchangeCode(qq.issueCode('OPENID-1'));
    expect(!hung.ok && hung.error.reason).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(2000);
    qq.misbehave('garbage');
    const garbage = await client.exchangeCode(qq.issueCode('OPENID-1'));
    expect(!garbage.ok && garbage.error.reason).toBe('unavailable');
    const wrongSecret = new HttpQqAuthClient({ appId: qq.appId, appSecret: 'nope', baseUrl: qq.baseUrl });
    const w = await wrongSecret.exchangeCode(qq.issueCode('OPENID-1'));
    expect(!w.ok && w.error.reason).toBe('unavailable');
    const url = qq.baseUrl;
    await qq.stop();
    const refused = await new HttpQqAuthClient({ appId: 'a', appSecret: 'b', baseUrl: url }).exchangeCode('x');
    expect(!refused.ok && refused.error.reason).toBe('unavailable');
  });
});

describe('DemoQqAuthClient', () => {
  it('accepts demo:<name> codes with a stable openid and refuses anything else', async () => {
    const demo = new DemoQqAuthClient();
    const a = await demo.exchangeCode('demo:alice');
    const b = await demo.exchangeCode('demo:Alice');
    expect(a.ok && a.value.openId).toBe(demoQqOpenId('alice'));
    expect(b.ok && b.value.openId).toBe(demoQqOpenId('alice'));
    expect(demoQqOpenId('alice')).toMatch(/^[0-9A-F]{32}$/);
    expect((await demo.exchangeCode('alice')).ok).toBe(false);
    expect((await demo.exchangeCode('demo:')).ok).toBe(false);
  });
});
