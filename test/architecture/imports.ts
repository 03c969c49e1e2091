import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Every .ts/.tsx file under `dir`, build output and dependencies left out. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name.startsWith('dist-')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
export function importsOf(source: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /(?:^|\s)(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /(?:^|\s)import\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.add(m[1]!);
  return [...found];
}

/** Node → the nodes it depends on, each with the first import seen that makes the edge (for messages). */
export type Graph = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * The import graph between groups of files under `root`: an edge a → b when a file of group a imports,
 * by a relative path, a file of group b. `groupOf` names a file's group (a path relative to `root`),
 * or null to leave the file out as importer and as imported. Imports within one group are no edge.
 */
export function importGraph(root: string, groupOf: (path: string) => string | null): Graph {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(root)) {
    const from = groupOf(relative(root, file));
    if (from === null) continue;
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = resolveSource(resolve(dirname(file), specifier));
      if (target === null || !target.startsWith(root + sep)) continue;
      const to = groupOf(relative(root, target));
      if (to === null || to === from || edges.has(to)) continue;
      edges.set(to, `${relative(root, file)} imports ${specifier}`);
    }
  }
  return graph;
}

/** The source file an ESM specifier names: `./x.js` is `./x.ts` (or .tsx) in source, a folder its index. */
function resolveSource(path: string): string | null {
  const base = path.replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), path]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * One cycle for each tangle in the graph (a strongly connected component of two or more nodes), as the
 * shortest path from its first node back to itself: `['a', 'b', 'a']`. Empty when the graph is a DAG.
 */
export function findCycles(graph: Graph): string[][] {
  return tangles(graph).map((tangle) => shortestLoop(graph, tangle));
}

/** Strongly connected components of two or more nodes (Tarjan), members sorted, components sorted. */
function tangles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** Breadth-first from the tangle's first node, staying inside it, until the walk comes back. */
function shortestLoop(graph: Graph, tangle: readonly string[]): string[] {
  const start = tangle[0]!;
  const inside = new Set(tangle);
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (!inside.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = cameFrom.get(at))
          path.unshift(at);
        return [start, ...path];
      }
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, node);
      queue.push(next);
    }
  }
  throw new Error(`no loop through ${start}, though it is in a tangle`);
}

/** A cycle as a reader needs it: the loop, then the import behind each step. */
export function describeCycle(graph: Graph, cycle: readonly string[]): string {
  const steps = cycle.slice(1).map((to, i) => `  ${graph.get(cycle[i]!)!.get(to)!}`);
  return [cycle.join(' → '), ...steps].join('\n');
}
