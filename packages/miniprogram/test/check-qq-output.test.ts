import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without type declarations
import { checkQqOutput, MAIN_PACKAGE_LIMIT } from '../scripts/check-qq-output.mjs';

const dirs: string[] = [];
const SHARE_MENU = 'showShareMenu({showShareItems:["qq","qzone","wechatFriends","wechatMoment"]})';
const SHAREABLE = 'p.enableShareTimeline=!0,p.enableShareAppMessage=!0';

function fakeBuild(
  pages: string[],
  skip: string[] = [],
  subPackages: { root: string; pages: string[] }[] = [],
  scripts: Record<string, string> = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'xz-qq-'));
  dirs.push(dir);
  const write = (rel: string, text = 'x') => {
    if (skip.includes(rel)) return;
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  write('app.json', JSON.stringify({ pages, subPackages, tabBar: { list: [{ pagePath: pages[0], text: '首页' }] } }));
  for (const f of ['app.js', 'app.qss', 'project.config.json']) write(f);
  write('common.js', SHARE_MENU);
  const all = [...pages, ...subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
  for (const p of all)
    for (const ext of ['.js', '.json', '.qml', '.qss']) write(p + ext, ext === '.js' ? SHAREABLE : 'x');
  for (const [rel, text] of Object.entries(scripts)) write(rel, text);
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

  it('checks the pages of subpackages too, and that every source page is registered', () => {
    const dir = fakeBuild(
      ['pages/home/index'],
      ['pages/notice/index.qml'],
      [{ root: 'pages/notice', pages: ['index'] }],
    );
    expect(
      checkQqOutput(dir, { sourcePages: ['pages/home/index', 'pages/notice/index', 'pages/profile/index'] }).problems,
    ).toEqual(['missing or empty: pages/notice/index.qml', 'page not in app.json: pages/profile/index']);
  });

  it('measures the main package without the subpackages, and fails it above 1.5 MB', () => {
    const big = 'x'.repeat(MAIN_PACKAGE_LIMIT / 2);
    const dir = fakeBuild(['pages/home/index'], [], [{ root: 'pages/notice', pages: ['index'] }], {
      'pages/notice/big.js': big + big + big,
    });
    const ok = checkQqOutput(dir);
    expect(ok.problems).toEqual([]);
    expect(ok.mainBytes).toBeLessThan(10_000);
    writeFileSync(join(dir, 'vendors.js'), big + big + big);
    expect(checkQqOutput(dir).problems).toEqual([
      expect.stringMatching(/^main package is 2304\.\d KB, over the 1536\.0 KB limit/),
    ]);
  });

  it('reports a shared page without its share flags, and a share menu without the QQ targets', () => {
    const dir = fakeBuild(['pages/home/index', 'pages/detail/index'], [], [], {
      'pages/detail/index.js': 'p.enableShareAppMessage=!0',
      'common.js': 'showShareMenu({showShareItems:["qq"]})',
    });
    expect(checkQqOutput(dir).problems).toEqual([
      'pages/detail/index is not shareable: no enableShareTimeline',
      "no showShareMenu with QQ's share targets (qq, qzone, wechatFriends, wechatMoment)",
    ]);
  });

  it('reports a missing app.js and WeChat templates left in the output', () => {
    const dir = fakeBuild(['pages/home/index'], ['app.js']);
    writeFileSync(join(dir, 'base.wxml'), '<view/>');
    const { problems } = checkQqOutput(dir);
    expect(problems).toContain('missing or empty: app.js');
    expect(problems.some((p: string) => p.startsWith('WeChat files'))).toBe(true);
  });
});
