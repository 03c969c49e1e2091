import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles } from './imports.js';

const root = join(import.meta.dirname, '..', '..');

function violations(pkg: string, allowed: (specifier: string, file: string) => boolean): string[] {
  return sourceFiles(join(root, 'packages', pkg, 'src')).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8'))
      .filter((s) => !allowed(s, file))
      .map((s) => `${relative(root, file)} imports ${s}`),
  );
}

/** True when every statement naming `specifier` is `import type …` or `export type … from`: erased at build. */
export function onlyTypeImports(text: string, specifier: string): boolean {
  const quoted = specifier.replace(/[/@]/g, (c) => `\\${c}`);
  const statements = [
    ...text.matchAll(new RegExp(`(?:^|;|\\n)\\s*((?:import|export)\\b[^;]*?['"]${quoted}['"])`, 'g')),
  ].map((m) => m[1]!);
  return statements.length > 0 && statements.every((st) => /^(?:import|export)\s+type\s/.test(st));
}

const isTestCode = (file: string) => /\.test\.tsx?$/.test(file) || file.includes(`${join('core', 'src', 'testing')}`);
const isInside = (folder: string, path: string) => path === folder || path.startsWith(folder + sep);

describe('package boundaries', () => {
  it('keeps core free of frameworks, drivers, Node built-ins and our other packages', () => {
    const found = violations('core', (s, file) => s.startsWith('.') || (s === 'vitest' && isTestCode(file)));
    expect(found).toEqual([]);
  });

  it('gives core no runtime dependencies at all', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'packages/core/package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest['dependencies'] ?? {}).toEqual({});
    const peers = Object.keys(manifest['peerDependencies'] ?? {});
    expect(peers.filter((p) => p !== 'vitest')).toEqual([]);
  });

  it('lets adapters depend on core only, never on the API or the front ends', () => {
    const found = violations('adapters', (s) => !/^@xianzhi\/(api|miniprogram|admin)/.test(s));
    expect(found).toEqual([]);
  });

  it('lets the front ends take only types from the API, and nothing from core or adapters', () => {
    for (const pkg of ['miniprogram', 'admin']) {
      const files = sourceFiles(join(root, 'packages', pkg, 'src'));
      const bad = files.flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return importsOf(text)
          .filter((s) => s.startsWith('@xianzhi/'))
          .filter((s) => !(s === '@xianzhi/api/contract' && onlyTypeImports(text, s)))
          .map((s) => `${relative(root, file)} imports ${s}`);
      });
      expect(bad).toEqual([]);
    }
  });

  it('keeps test support out of production code: nothing outside tests imports @xianzhi/core/testing', () => {
    const testingFolder = join(root, 'packages', 'core', 'src', 'testing');
    const intoTesting = (specifier: string, file: string) =>
      specifier === '@xianzhi/core/testing' ||
      specifier.startsWith('@xianzhi/core/testing/') ||
      (specifier.startsWith('.') && isInside(testingFolder, resolve(dirname(file), specifier)));
    const found = ['core', 'adapters', 'api'].flatMap((pkg) =>
      violations(pkg, (s, file) => isTestCode(file) || !intoTesting(s, file)),
    );
    expect(found).toEqual([]);
  });

  it('keeps the embedding examples on the core alone: no API, no adapters', () => {
    const bad = readdirSync(join(root, 'examples')).flatMap((example) =>
      sourceFiles(join(root, 'examples', example)).flatMap((file) =>
        importsOf(readFileSync(file, 'utf8'))
          .filter((s) => s.startsWith('@xianzhi/') && s !== '@xianzhi/core' && s !== '@xianzhi/core/testing')
          .map((s) => `${relative(root, file)} imports ${s}`),
      ),
    );
    expect(bad).toEqual([]);
  });

  it('tells type-only contract imports from value imports', () => {
    const spec = '@xianzhi/api/contract';
    expect(onlyTypeImports("import type { Me } from '@xianzhi/api/contract'", spec)).toBe(true);
    expect(onlyTypeImports("export type {\n  Me,\n  Catalog,\n} from '@xianzhi/api/contract'", spec)).toBe(true);
    expect(onlyTypeImports("import { Me } from '@xianzhi/api/contract'", spec)).toBe(false);
    expect(onlyTypeImports("export { Me } from '@xianzhi/api/contract'", spec)).toBe(false);
    expect(
      onlyTypeImports(
        "import type { A } from '@xianzhi/api/contract';\nimport { B } from '@xianzhi/api/contract'",
        spec,
      ),
    ).toBe(false);
  });

  it('detects the imports it is meant to forbid', () => {
    // The checks above are only as good as this parser: prove it sees each import form.
    const sample = [
      "import { MikroORM } from '@mikro-orm/core';",
      "export * from 'fastify';",
      "import 'reflect-metadata';",
      "const m = await import('bullmq');",
      "import type {\n  X,\n} from 'inversify';",
    ].join('\n');
    expect(importsOf(sample).sort()).toEqual(['@mikro-orm/core', 'bullmq', 'fastify', 'inversify', 'reflect-metadata']);
  });
});
