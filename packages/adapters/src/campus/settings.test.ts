import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCampusAuthenticators, defaultCasService, parseCampusSettings } from './settings.js';

describe('campus settings (XZ_CAMPUSES)', () => {
  it('accepts every kind and names each problem with its campus', () => {
    const good = parseCampusSettings([
      { id: 'demo', name: '示例大学', auth: { kind: 'demo' } },
      {
        id: 'north',
        name: '北方大学',
        areas: [{ id: 'gate', name: '北门' }],
        auth: {
          kind: 'cas',
          baseUrl: 'https://cas.north.edu.cn/cas',
          version: 3,
          studentNumberAttribute: 'xh',
          renew: false,
        },
      },
      {
        id: 'south',
        name: '南方大学',
        auth: {
          kind: 'form',
          loginUrl: 'https://jwc.south.edu.cn/login',
          passwordTransform: 'md5',
          success: { bodyContains: '欢迎' },
        },
      },
      { id: 'west', name: '西部大学', auth: { kind: 'module', module: './west-login.mjs', options: { x: 1 } } },
    ]);
    expect(good.problems).toEqual([]);
    expect(good.campuses.map((c) => c.auth.kind)).toEqual(['demo', 'cas', 'form', 'module']);

    const bad = parseCampusSettings([
      { id: 'north', name: '北方大学', auth: { kind: 'cas', baseUrl: 'ftp://x', version: 4, renew: 'yes' } },
      { id: 'south', name: '', auth: { kind: 'form', loginUrl: 'https://x', success: {}, studentNumberPattern: '[' } },
      { id: 'north', name: 'again', auth: { kind: 'demo' } },
      { id: 'Bad Id', name: 'x', auth: { kind: 'ldap' } },
    ]);
    expect(bad.problems).toEqual([
      'XZ_CAMPUSES campus "north": auth: "baseUrl" must be the CAS server\'s http(s) URL',
      'XZ_CAMPUSES campus "north": auth: "version" must be 2 or 3',
      'XZ_CAMPUSES campus "north": auth: "renew" must be true or false',
      'XZ_CAMPUSES campus "south": "name" must be a non-empty string of at most 100 characters',
      'XZ_CAMPUSES campus "south": auth: "success" must name at least one of "status", "bodyContains", "redirectContains"',
      'XZ_CAMPUSES campus "south": auth: "studentNumberPattern" must be a regular expression with one capturing group',
      'XZ_CAMPUSES campus "north": is listed twice',
      'XZ_CAMPUSES campus "Bad Id": "id" must be 1–40 lowercase letters, digits or dashes',
    ]);
    expect(parseCampusSettings({}).problems).toHaveLength(1);
  });

  it("builds each campus's adapter, loading a plugin module by path", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xz-plugin-'));
    writeFileSync(
      join(dir, 'west-login.mjs'),
      `
      export function createCampusAuthenticator(campusId, options) {
        return { campusId, kind: 'west-sso', method: 'password',
          async authenticate(c) { return c.password === options.password
            ? { ok: true, value: { studentNumber: c.username, kind: 'student', name: null } }
            : { ok: false, error: { code: 'CAMPUS_CREDENTIALS_WRONG', message: 'wrong' } }; } };
      }`,
    );
    writeFileSync(join(dir, 'broken.mjs'), 'export const nothing = 1;');
    const { campuses } = parseCampusSettings([
      { id: 'demo', name: '示例大学', auth: { kind: 'demo' } },
      { id: 'north', name: '北方大学', auth: { kind: 'cas', baseUrl: 'https://cas.north.edu.cn/cas', version: 2 } },
      {
        id: 'west',
        name: '西部大学',
        auth: { kind: 'module', module: './west-login.mjs', options: { password: 'open' } },
      },
    ]);
    const built = await createCampusAuthenticators(campuses, { publicUrl: 'https://xz.example.cn/', baseDir: dir });
    expect(built.map((a) => [a.campusId, a.kind, a.method])).toEqual([
      ['demo', 'demo', 'password'],
      ['north', 'cas', 'cas'],
      ['west', 'west-sso', 'password'],
    ]);
    expect(built[1]!.loginUrl!().service).toBe(defaultCasService('https://xz.example.cn', 'north'));
    expect((await built[2]!.authenticate({ kind: 'password', username: 'w1', password: 'open' })).ok).toBe(true);

    const broken = parseCampusSettings([
      { id: 'west', name: 'x', auth: { kind: 'module', module: './broken.mjs' } },
    ]).campuses;
    await expect(createCampusAuthenticators(broken, { publicUrl: 'http://x', baseDir: dir })).rejects.toThrow(
      /must export a function createCampusAuthenticator/,
    );
    const missing = parseCampusSettings([
      { id: 'west', name: 'x', auth: { kind: 'module', module: './nope.mjs' } },
    ]).campuses;
    await expect(createCampusAuthenticators(missing, { publicUrl: 'http://x', baseDir: dir })).rejects.toThrow(
      /could not be loaded/,
    );
  });

  it('takes an optional contact per campus, trimmed, and names each bad or unknown key', () => {
    const auth = { kind: 'demo' };
    const good = parseCampusSettings([
      {
        id: 'north',
        name: '北方大学',
        contact: {
          qq: '123456789',
          email: 'xianzhi@north.edu.cn',
          phone: '+86 10-1234 5678',
          hours: ' 工作日 9:00–17:00 ',
        },
        auth,
      },
      { id: 'south', name: '南方大学', contact: {}, auth },
      { id: 'west', name: '西部大学', auth },
    ]);
    expect(good.problems).toEqual([]);
    expect(good.campuses.map((c) => c.contact)).toEqual([
      { qq: '123456789', email: 'xianzhi@north.edu.cn', phone: '+86 10-1234 5678', hours: '工作日 9:00–17:00' },
      {},
      undefined,
    ]);
    const bad = parseCampusSettings([
      { id: 'a', name: 'A', contact: 'qq 123', auth },
      {
        id: 'b',
        name: 'B',
        contact: { qq: 'abc', email: 'nobody', phone: 12345, wechat: 'x', hours: 'x'.repeat(101) },
        auth,
      },
    ]);
    expect(bad.problems).toEqual([
      'XZ_CAMPUSES campus "a": "contact" must be an object with any of "qq", "email", "phone", "hours"',
      'XZ_CAMPUSES campus "b": contact: "qq" must be a QQ number (5–12 digits)',
      'XZ_CAMPUSES campus "b": contact: "email" must be an e-mail address',
      'XZ_CAMPUSES campus "b": contact: "phone" must be a phone number (digits, spaces, dashes, an optional leading +)',
      'XZ_CAMPUSES campus "b": contact: unknown key "wechat" (use "qq", "email", "phone" or "hours")',
      'XZ_CAMPUSES campus "b": contact: "hours" must be at most 100 characters of text',
    ]);
  });
});
