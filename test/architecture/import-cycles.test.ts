import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeCycle, findCycles, importGraph, type Graph } from './imports.js';

const root = join(import.meta.dirname, '..', '..');

/**
 * A file's area is its first folder under src. Tests and `testing/` (in-memory adapters, contract suites)
 * stand above every area and may import any of them, so they are no part of the graph; nor is the root barrel.
 */
const areaOf = (path: string): string | null => {
  const [area, ...rest] = path.split(/[\\/]/);
  if (rest.length === 0 || area === 'testing' || /\.test\.tsx?$/.test(path)) return null;
  return area!;
};

const cyclesIn = (graph: Graph) => findCycles(graph).map((cycle) => describeCycle(graph, cycle));

describe('import cycles', () => {
  const coreAreas = importGraph(join(root, 'packages/core/src'), areaOf);

  it('keeps the core areas a DAG: no area imports, even indirectly, one that imports it', () => {
    expect(cyclesIn(coreAreas)).toEqual([]);
  });

  it('sees the edges between core areas it is meant to check', () => {
    // An empty graph would pass the check above: prove the reader finds the imports that exist.
    expect([...coreAreas.keys()]).toEqual(expect.arrayContaining(['shared', 'identity', 'listings', 'engagement']));
    expect([...coreAreas.get('engagement')!.keys()]).toEqual(expect.arrayContaining(['listings', 'identity']));
    expect([...coreAreas.get('shared')!.keys()]).toEqual([]);
  });

  it('keeps the API composition modules free of cycles', () => {
    const modules = importGraph(join(root, 'packages/api/src/composition'), (path) => path);
    expect(modules.size).toBeGreaterThan(5);
    expect(cyclesIn(modules)).toEqual([]);
  });

  describe('on a tree with a cycle planted in it', () => {
    let dir: string;
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const plant = (files: Record<string, string>) => {
      dir = mkdtempSync(join(tmpdir(), 'xz-cycles-'));
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      return importGraph(dir, areaOf);
    };

    it('names the cycle and the import behind each step', () => {
      const graph = plant({
        'low/a.ts': 'export const a = 1;\n',
        'mid/b.ts': "import { a } from '../low/a.js';\nimport type { C } from '../top/c.js';\nexport const b = a;\n",
        'top/c.ts': "export type C = number;\nexport { b } from '../mid/b.js';\n",
        'top/d.ts': "import { a } from '../low/a.js';\n",
      });
      expect(cyclesIn(graph)).toEqual([
        ['mid → top → mid', '  mid/b.ts imports ../top/c.js', '  top/c.ts imports ../mid/b.js'].join('\n'),
      ]);
    });

    it('finds a longer loop, one per tangle, and ignores what tests and testing/ import', () => {
      const graph = plant({
        'a/x.ts': "import '../b/y.js';\n",
        'b/y.ts': "const lazy = () => import('../c/z.js');\n",
        'c/z.ts': "export * from '../a/x.js';\n",
        'd/w.ts': "import '../e/v.js';\n",
        'e/v.ts': "import '../d/w.js';\n",
        'a/x.test.ts': "import '../f/u.js';\n",
        'f/u.ts': "import '../a/x.js';\n",
        'testing/t.ts': "import '../a/x.js';\n",
        'a/t.ts': "import '../testing/t.js';\n",
      });
      expect(findCycles(graph)).toEqual([
        ['a', 'b', 'c', 'a'],
        ['d', 'e', 'd'],
      ]);
    });

    it('finds nothing in a DAG', () => {
      const graph = plant({
        'low/a.ts': 'export const a = 1;\n',
        'mid/b.ts': "import { a } from '../low/a.js';\n",
        'top/c.ts': "import { a } from '../low/a.js';\nimport '../mid/b.js';\n",
      });
      expect(findCycles(graph)).toEqual([]);
    });
  });
});
