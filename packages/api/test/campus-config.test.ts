import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { campusAuthenticators } from '../src/main/campuses.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'xz-campuses-'));
const SECRET = 'x'.repeat(40);
const PRODUCTION = {
  XZ_ENV: 'production',
  XZ_JWT_SECRET: SECRET,
  XZ_QQ_APP_ID: '1109999999',
  XZ_QQ_APP_SECRET: 'qq-secret',
  XZ_REDIS_URL: 'redis://127.0.0.1:6379',
};
const problemsOf = (env: Record<string, string>, cwd = scratch()): string[] => {
  try {
    loadConfig(env, { cwd });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [...error.problems];
  }
};

describe('XZ_CAMPUSES', () => {
  it('defaults to the demo login for the default campus in embedded mode, and to nothing in production', () => {
    expect(loadConfig({}, { cwd: scratch() }).campuses).toEqual([{ id: 'demo', auth: { kind: 'demo' } }]);
    expect(loadConfig({ XZ_DEFAULT_CAMPUS: 'east' }, { cwd: scratch() }).campuses).toEqual([
      { id: 'east', auth: { kind: 'demo' } },
    ]);
    expect(loadConfig(PRODUCTION, { cwd: scratch() }).campuses).toEqual([]);
  });

  it("reads inline JSON or a file, resolving plugin paths from the file's folder", () => {
    const campuses = [
      { id: 'north', name: '北方大学', auth: { kind: 'cas', baseUrl: 'https://cas.north.edu.cn/cas', version: 3 } },
    ];
    expect(loadConfig({ XZ_CAMPUSES: JSON.stringify(campuses) }, { cwd: scratch() }).campuses.map((c) => c.id)).toEqual(
      ['north'],
    );
    const dir = scratch();
    writeFileSync(join(dir, 'campuses.json'), JSON.stringify({ campuses }));
    const config = loadConfig({ XZ_CAMPUSES: 'campuses.json' }, { cwd: dir });
    expect([config.campuses.length, config.campusesBaseDir]).toEqual([1, dir]);
  });

  it('stops the start with clear problems', () => {
    expect(problemsOf({ XZ_CAMPUSES: '[{' })[0]).toMatch(/^XZ_CAMPUSES is not valid JSON/);
    expect(problemsOf({ XZ_CAMPUSES: 'missing.json' })[0]).toMatch(/^XZ_CAMPUSES: cannot read .*missing\.json/);
    expect(problemsOf({ XZ_CAMPUSES: '[{"id":"north","name":"北方","auth":{"kind":"cas","version":2}}]' })).toEqual([
      'XZ_CAMPUSES campus "north": auth: "baseUrl" must be the CAS server\'s http(s) URL',
    ]);
    expect(problemsOf({ ...PRODUCTION, XZ_CAMPUSES: '[{"id":"demo","name":"示例","auth":{"kind":"demo"}}]' })).toEqual([
      'XZ_CAMPUSES campus "demo": the demo login accepts anyone; it is refused when XZ_ENV=production',
    ]);
  });

  it('stops the start when a plugin module cannot be loaded or exports no factory', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'empty.mjs'), 'export const nothing = 1;');
    const config = (module: string) =>
      loadConfig(
        { XZ_CAMPUSES: JSON.stringify([{ id: 'west', name: '西部大学', auth: { kind: 'module', module } }]) },
        { cwd: dir },
      );
    await expect(campusAuthenticators(config('./missing.mjs'))).rejects.toThrow(ConfigError);
    await expect(campusAuthenticators(config('./empty.mjs'))).rejects.toThrow(
      /campus "west": module "\.\/empty\.mjs" must export a function createCampusAuthenticator/,
    );
  });
});
