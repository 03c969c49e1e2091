import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Every project `tsc -b tsconfig.json` builds, with the files its include/exclude/files select (imports aside). */
function projects(configPath: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(configPath)) return seen;
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  // A solution file (`files: []`) reports "no inputs found"; any other diagnostic is a broken config.
  const broken = parsed.errors.filter((d) => d.code !== 18003);
  if (broken.length)
    throw new Error(broken.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  seen.set(
    relative(root, configPath),
    parsed.fileNames.map((f) => relative(root, f)),
  );
  for (const ref of parsed.projectReferences ?? []) projects(ts.resolveProjectReferencePath(ref), seen);
  return seen;
}

describe('type check coverage', () => {
  it('is what `pnpm run typecheck` runs: a build of the root solution', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(manifest.scripts['typecheck']).toBe('tsc -b tsconfig.json');
  });

  it('puts every tracked .ts/.tsx file in exactly one project of the root solution', () => {
    const tracked = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.tsx'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f !== '' && !/(^|\/)dist(-[^/]*)?\//.test(f));
    expect(tracked).toContain('test/architecture/typecheck-coverage.test.ts');
    const owners = new Map<string, string[]>();
    for (const [config, files] of projects(join(root, 'tsconfig.json'))) {
      for (const file of files) owners.set(file, [...(owners.get(file) ?? []), config]);
    }
    const unchecked = tracked.filter((f) => !owners.has(f));
    const twice = tracked
      .filter((f) => (owners.get(f)?.length ?? 0) > 1)
      .map((f) => `${f}: ${owners.get(f)!.join(', ')}`);
    // A file listed here is read by no type check: add its folder to a tsconfig referenced from ./tsconfig.json.
    // One in two projects is checked twice, possibly under different options: keep the includes disjoint.
    expect({ unchecked, twice }).toEqual({ unchecked: [], twice: [] });
  });
});
