import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { openPersistence, type Persistence } from '@xianzhi/adapters';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer } from '../src/composition/container.js';
import { HttpParts } from '../src/composition/http-tokens.js';
import { Identity } from '../src/composition/identity-tokens.js';
import { Moderation } from '../src/composition/moderation-tokens.js';
import { Photos } from '../src/composition/photo-tokens.js';
import { Search } from '../src/composition/search-tokens.js';
import { Insights } from '../src/composition/insights-tokens.js';
import { Recs } from '../src/composition/recommendations-tokens.js';
import { Notify } from '../src/composition/notifications-tokens.js';
import { Trades } from '../src/composition/trades-tokens.js';
import { Announcements } from '../src/composition/announcements-tokens.js';
import { SavedSearches } from '../src/composition/saved-search-tokens.js';
import { resolve } from '../src/composition/token.js';
import { Core, Http, Ports } from '../src/composition/tokens.js';
import { loadConfig } from '../src/config.js';

const SRC = join(import.meta.dirname, '../src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('the composition root', () => {
  let persistence: Persistence;
  beforeAll(async () => {
    persistence = await openPersistence({ url: 'sqlite::memory:' });
  });
  afterAll(() => persistence.close());

  it('resolves every use case, port and HTTP part, each once (singletons)', () => {
    const config = loadConfig({ XZ_JWT_SECRET: 'x'.repeat(40), XZ_DATA_DIR: '/nonexistent-never-written' });
    const container = createContainer({ config, logger: pino({ level: 'silent' }), persistence });
    for (const group of [
      Core,
      Ports,
      HttpParts,
      Http,
      Identity,
      Moderation,
      Photos,
      Search,
      Insights,
      Recs,
      Notify,
      Announcements,
      Trades,
      SavedSearches,
    ]) {
      for (const [name, token] of Object.entries(group)) {
        const first = resolve(container, token as symbol & { readonly never?: unknown });
        expect(first, name).toBeDefined();
        expect(resolve(container, token as symbol & { readonly never?: unknown }), name).toBe(first);
      }
    }
    expect(resolve(container, Ports.Listings)).toBe(persistence.listings);
    expect(resolve(container, Http.Parts).api).toHaveLength(25);
  });

  it('keeps modules apart: they share token files, never import one another, and no import cycle exists', () => {
    const dir = join(SRC, 'composition');
    const graph = new Map(
      files(dir).map((f) => [
        basename(f, '.ts'),
        [...readFileSync(f, 'utf8').matchAll(/from '\.\/([\w-]+)\.js'/g)].map((m) => m[1]!),
      ]),
    );
    const isModule = (name: string) => name.endsWith('-module') || name === 'background';
    const crossings = [...graph]
      .filter(([name]) => isModule(name))
      .flatMap(([name, deps]) => deps.filter(isModule).map((dep) => `${name} -> ${dep}`));
    expect(crossings).toEqual([]);

    const cycles: string[] = [];
    const done = new Set<string>();
    const visit = (name: string, path: string[]) => {
      if (path.includes(name)) return void cycles.push([...path.slice(path.indexOf(name)), name].join(' -> '));
      if (done.has(name)) return;
      for (const dep of graph.get(name) ?? []) visit(dep, [...path, name]);
      done.add(name);
    };
    for (const name of graph.keys()) visit(name, []);
    expect(cycles).toEqual([]);
  });

  it('is the only code that knows inversify exists', () => {
    const users = files(SRC)
      .filter((f) => /from 'inversify'/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(users.length).toBeGreaterThan(0);
    expect(users.filter((f) => !f.startsWith('composition/'))).toEqual([]);
  });

  it('never resolves from the container inside HTTP code (no service locator)', () => {
    const http = files(join(SRC, 'http')).filter((f) =>
      /\b(container|Container)\b|\.get\(\s*(Core|Ports|Http)\./.test(readFileSync(f, 'utf8')),
    );
    expect(http.map((f) => relative(SRC, f))).toEqual([]);
  });
});
