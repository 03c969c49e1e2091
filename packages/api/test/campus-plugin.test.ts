import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { User } from '@xianzhi/core';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfiguredCampuses } from '../src/main/campuses.js';
import { call, expectError } from './support/http.js';
import { startStack, type Stack } from './support/stack.js';

/**
 * A university's own login as a plugin: a module named in an XZ_CAMPUSES file, loaded at start,
 * verifying students through the API with nothing of ours changed.
 */
describe('a campus login plugin named in XZ_CAMPUSES', () => {
  let s: Stack;
  const dir = mkdtempSync(join(tmpdir(), 'xz-plugin-api-'));

  beforeAll(async () => {
    writeFileSync(
      join(dir, 'west-login.mjs'),
      `
      export function createCampusAuthenticator(campusId, options) {
        return {
          campusId, kind: 'west-sso', method: 'password',
          async authenticate(c) {
            if (c.kind === 'password' && c.password === options.password && /^W\\d{6}$/.test(c.username)) {
              return { ok: true, value: { studentNumber: c.username, kind: 'student', name: null } };
            }
            return { ok: false, error: { code: 'CAMPUS_CREDENTIALS_WRONG', message: '西部大学：账号或密码错误', details: null } };
          },
        };
      }`,
    );
    writeFileSync(
      join(dir, 'campuses.json'),
      JSON.stringify([
        { id: 'demo', name: '示例大学', auth: { kind: 'demo' } },
        {
          id: 'west',
          name: '西部大学',
          areas: [{ id: 'west-gate', name: '西门' }],
          auth: { kind: 'module', module: './west-login.mjs', options: { password: 'open' } },
        },
      ]),
    );
    s = await startStack('sqlite', { env: { XZ_CAMPUSES: join(dir, 'campuses.json') } });
    await syncConfiguredCampuses(s.config, s.persistence, pino({ level: 'silent' }));
  });
  afterAll(() => s?.close());

  it("tells the client the plugin's method and verifies a student of that campus", async () => {
    expect((await call(s.app, { method: 'GET', url: '/v1/campuses/west/login' })).body).toMatchObject({
      method: 'password',
      kind: 'west-sso',
    });
    const id = '01HXWESTSTUDENT00000000001';
    await s.persistence.users.save(
      User.register({
        id,
        qqOpenId: 'OPENID-WEST-1',
        nickname: '西部同学',
        avatarUrl: null,
        campusId: 'west',
        now: s.clock.now(),
      }),
    );
    const headers = { authorization: `Bearer ${(await s.tokens.issue(id)).token}` };
    const verify = (password: string) =>
      call(s.app, {
        method: 'POST',
        url: '/v1/me/campus-verification',
        headers,
        payload: { method: 'password', username: 'W123456', password },
        remoteAddress: '10.9.9.9',
      });
    expectError(await verify('closed'), 400, 'CAMPUS_CREDENTIALS_WRONG');
    const ok = await verify('open');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ campusId: 'west', verified: true });
    // The demo campus keeps its own login beside it.
    expect((await call(s.app, { method: 'GET', url: '/v1/campuses/demo/login' })).body.kind).toBe('demo');
  });
});
