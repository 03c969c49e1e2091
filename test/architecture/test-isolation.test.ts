import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Tracked test files under `dirs` whose text replaces a module (vi.mock / vi.doMock). */
function mocking(dirs: string[]): string[] {
  const files = execFileSync('git', ['ls-files', '--', ...dirs], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.(test\.)?tsx?$/.test(f) && !f.includes('/fixtures/'));
  return files.filter((f) => /\bvi\.(do)?[mM]ock\(/.test(readFileSync(join(root, f), 'utf8')));
}

/**
 * The backend projects and the admin app's component tests run with `isolate: false` (vitest.config.ts,
 * packages/admin/vite.config.ts): a worker keeps one module graph across files, so a module replaced with
 * vi.mock in one file could be the real one in the next, or leak into it. Such a file must run in an
 * isolated project (as the mini-program's Comments test does) instead of being added here.
 */
describe('test isolation', () => {
  it('no file in a shared-module-graph project replaces a module', () => {
    expect(
      mocking([
        'packages/core',
        'packages/adapters',
        'packages/api',
        'examples',
        'test/architecture',
        'test/deploy',
        'packages/admin',
      ]),
    ).toEqual([]);
  });

  it('the mini-program runs the files that mock an app module in its isolated project, and only those', () => {
    const config = readFileSync(join(root, 'packages/miniprogram/vitest.config.ts'), 'utf8');
    const listed = /const MOCKS_APP_MODULES = \[([^\]]*)\]/.exec(config)?.[1] ?? '';
    const isolated = [...listed.matchAll(/'([^']+)'/g)].map((m) => `packages/miniprogram/${m[1]}`);
    const mocks = mocking(['packages/miniprogram/test']).filter((f) => !f.endsWith('/setup.ts'));
    expect(isolated.sort()).toEqual(mocks.sort());
  });
});
