import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without type declarations
import { checkQqOutput } from '../scripts/check-qq-output.mjs';

const dirs: string[] = [];
function fakeBuild(pages: string[], skip: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'xz-qq-'));
  dirs.push(dir);
  const write = (rel: string, text = 'x') => {
    if (skip.includes(rel)) return;
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  write('app.json', JSON.stringify({ pages, tabBar: { list: [{ pagePath: pages[0], text: '首页' }] } }));
  for (const f of ['app.js', 'app.qss', 'project.config.json']) write(f);
  for (const p of pages) for (const ext of ['.js', '.json', '.qml', '.qss']) write(p + ext);
  return dir;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('check-qq-output', () => {
  it('passes a complete QQ build', () => {
    const { problems, pages } = checkQqOutput(fakeBuild(['pages/home/index', 'pages/me/index']));
    expect(problems).toEqual([]);
    expect(pages).toHaveLength(2);
  });

  it('reports a page without its .qml template or .qss style', () => {
    const dir = fakeBuild(['pages/home/index', 'pages/me/index'], ['pages/me/index.qml', 'pages/home/index.qss']);
    expect(checkQqOutput(dir).problems).toEqual([
      'missing or empty: pages/home/index.qss',
      'missing or empty: pages/me/index.qml',
    ]);
  });

  it('reports a tab bar icon that was not copied', () => {
    const dir = fakeBuild(['pages/home/index']);
    const app = {
      pages: ['pages/home/index'],
      tabBar: { list: [{ pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png' }] },
    };
    writeFileSync(join(dir, 'app.json'), JSON.stringify(app));
    expect(checkQqOutput(dir).problems).toEqual(['missing or empty: assets/tab/home.png']);
  });

  it('reports a missing app.js and WeChat templates left in the output', () => {
    const dir = fakeBuild(['pages/home/index'], ['app.js']);
    writeFileSync(join(dir, 'base.wxml'), '<view/>');
    const { problems } = checkQqOutput(dir);
    expect(problems).toContain('missing or empty: app.js');
    expect(problems.some((p: string) => p.startsWith('WeChat files'))).toBe(true);
  });
});
