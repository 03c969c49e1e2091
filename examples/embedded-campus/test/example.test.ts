import { campusAuthenticatorContract } from '@xianzhi/core/testing';
import { describe, expect, it } from 'vitest';
import { runExample } from '../src/main.js';
import { createCampusAuthenticator, StarlightCampusAuthenticator } from '../src/starlight-login.js';
import { startStarlightServer } from '../src/starlight-server.js';

describe('embedding the core with a home-made campus login', () => {
  it('verifies a student through the core use case', async () => {
    const lines: string[] = [];
    const { wrong, result, audit } = await runExample((l) => lines.push(l));
    expect(wrong.ok ? 'ok' : wrong.error.code).toBe('CAMPUS_CREDENTIALS_WRONG');
    expect(result.ok && result.value.verified).toBe(true);
    expect(audit.map((a) => a.action)).toEqual(['student.verify']);
    expect(lines[1]).toMatch(/^verified 小星 at /);
  });
});

// The university runs the same contract every built-in adapter passes.
campusAuthenticatorContract('星光大学 SSO (example plugin)', async () => {
  const server = await startStarlightServer({
    '20250001': { password: 'starlight-pw', realName: '星星' },
    '20250009': { password: 'frozen-pw', realName: '冰冰', frozen: true },
  });
  return {
    authenticator: createCampusAuthenticator('starlight', { endpoint: server.endpoint }),
    valid: async () => ({
      credentials: { kind: 'password', username: '20250001', password: 'starlight-pw' },
      identity: { studentNumber: '20250001', kind: 'student', name: '星星' },
    }),
    wrong: async () => ({ kind: 'password', username: '20250001', password: 'nope-nope' }),
    locked: async () => ({ kind: 'password', username: '20250009', password: 'frozen-pw' }),
    outages: {
      down: async () => {
        server.setDown(true);
        return new StarlightCampusAuthenticator('starlight', server.endpoint);
      },
      unreachable: async () =>
        new StarlightCampusAuthenticator('starlight', 'http://127.0.0.1:9/api/v1/sso/verify', 500),
    },
    dispose: () => server.close(),
  };
});
