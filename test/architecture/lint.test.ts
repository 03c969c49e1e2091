import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

// The project's own ESLint config (eslint.config.js), on two files planted with a cycle: if the import-cycle
// rule were dropped, misconfigured or unable to resolve TypeScript's `.js` specifiers, this fails.
describe('lint', () => {
  it('reports a planted import cycle between two TypeScript files', async () => {
    const eslint = new ESLint({ cwd: root, ignore: false });
    const results = await eslint.lintFiles([
      'test/architecture/fixtures/cycle/a.ts',
      'test/architecture/fixtures/cycle/b.ts',
    ]);
    const cycles = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'import-x/no-cycle').map(() => r.filePath.split('/').pop()),
    );
    expect(cycles.sort()).toEqual(['a.ts', 'b.ts']);
  }, 60_000);
});
