#!/usr/bin/env node
// Checks that `taro build --type qq` left a loadable QQ mini-program in dist-qq/: the app's entry
// files; for every page in app.json (main package and subpackages) its .js, .json, .qml template and
// .qss style; every page folder of src/pages registered; the main package within QQ's budget; and
// the share wiring of the pages worth sharing. Exits non-zero with the list of what is wrong and
// prints the main package's size. Usage: node scripts/check-qq-output.mjs [dir]
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** QQ refuses a main package over 2 MB; we keep a margin for the pages still to come. */
export const MAIN_PACKAGE_LIMIT = 1.5 * 1024 * 1024;

/** Pages a student shares (detail, seller profile, home, search results): QQ's menu and both share hooks. */
export const SHARED_PAGES = ['pages/home/index', 'pages/detail/index', 'pages/profile/index', 'pages/search/index'];

/** Share targets QQ offers in its menu (lib/share.ts asks for all of them). */
const SHARE_ITEMS = ['qq', 'qzone', 'wechatFriends', 'wechatMoment'];

function walk(dir, visit) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, visit);
    else visit(p);
  }
}

/** Every page of app.json: the main package's, then each subpackage's under its root. */
export function appPages(app) {
  const main = Array.isArray(app.pages) ? app.pages : [];
  const subs = (app.subPackages ?? app.subpackages ?? []).flatMap((s) => (s.pages ?? []).map((p) => `${s.root}/${p}`));
  return { main, subs, all: [...main, ...subs] };
}

/** Bytes of everything outside the subpackage roots: what QQ downloads before the first page shows. */
export function mainPackageBytes(dir, app) {
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => join(dir, s.root));
  let bytes = 0;
  walk(dir, (p) => {
    if (!roots.some((r) => p.startsWith(r + '/'))) bytes += statSync(p).size;
  });
  return bytes;
}

/**
 * @param {string} dir the build output
 * @param {{ sourcePages?: string[] }} [opts] page paths that must be registered (from src/pages)
 */
export function checkQqOutput(dir, opts = {}) {
  const problems = [];
  const need = (rel) => {
    const p = join(dir, rel);
    if (!existsSync(p) || statSync(p).size === 0) problems.push(`missing or empty: ${rel}`);
  };
  for (const f of ['app.json', 'app.js', 'app.qss', 'project.config.json']) need(f);
  if (problems.some((p) => p.endsWith('app.json'))) return { problems, pages: [], mainBytes: 0 };

  const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8'));
  const { main, all: pages } = appPages(app);
  if (main.length === 0) problems.push('app.json lists no pages');
  for (const page of pages) for (const ext of ['.js', '.json', '.qml', '.qss']) need(page + ext);
  for (const page of opts.sourcePages ?? []) if (!pages.includes(page)) problems.push(`page not in app.json: ${page}`);
  for (const item of app.tabBar?.list ?? []) {
    if (!main.includes(item.pagePath)) problems.push(`tabBar page not in the main package: ${item.pagePath}`);
    for (const icon of [item.iconPath, item.selectedIconPath]) if (icon) need(icon);
  }

  // A QQ build must not contain WeChat templates: that would mean the qq plugin was not applied.
  const wxml = [];
  const scripts = [];
  walk(dir, (p) => {
    if (/\.(wxml|wxss)$/.test(p)) wxml.push(p);
    if (p.endsWith('.js')) scripts.push(p);
  });
  if (wxml.length) problems.push(`WeChat files in a QQ build: ${wxml.slice(0, 3).join(', ')}`);

  // Share: the page flags that make Taro define onShareAppMessage / onShareTimeline, and QQ's targets.
  for (const page of SHARED_PAGES.filter((p) => pages.includes(p))) {
    const js = existsSync(join(dir, `${page}.js`)) ? readFileSync(join(dir, `${page}.js`), 'utf8') : '';
    for (const flag of ['enableShareAppMessage', 'enableShareTimeline']) {
      if (!new RegExp(`${flag}\\s*[=:]\\s*(!0|true)`).test(js)) problems.push(`${page} is not shareable: no ${flag}`);
    }
  }
  if (SHARED_PAGES.some((p) => pages.includes(p))) {
    const withMenu = scripts.some((p) => {
      const js = readFileSync(p, 'utf8');
      return js.includes('showShareMenu') && SHARE_ITEMS.every((t) => js.includes(`"${t}"`) || js.includes(`'${t}'`));
    });
    if (!withMenu) problems.push(`no showShareMenu with QQ's share targets (${SHARE_ITEMS.join(', ')})`);
  }

  const mainBytes = mainPackageBytes(dir, app);
  if (mainBytes > MAIN_PACKAGE_LIMIT) {
    problems.push(
      `main package is ${kb(mainBytes)}, over the ${kb(MAIN_PACKAGE_LIMIT)} limit: move pages to subPackages`,
    );
  }
  return { problems, pages, mainBytes };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The pages the source has: every src/pages/<name>/index.tsx. */
function sourcePages(srcDir) {
  const pagesDir = join(srcDir, 'pages');
  if (!existsSync(pagesDir)) return [];
  return readdirSync(pagesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(pagesDir, e.name, 'index.tsx')))
    .map((e) => `pages/${e.name}/index`);
}

/** Every file under `dir` whose name ends with `ext`, as [relative path, text]. */
function filesWith(dir, ext) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith(ext))
        out.push([join(d, e.name).slice(dir.length + 1), readFileSync(join(d, e.name), 'utf8')]);
    }
  };
  walk(dir);
  return out;
}

/**
 * The QQ-only wiring students rely on, checked in the compiled output (issue 11): 加QQ好友 is a
 * `<button open-type="addFriend" open-id>` after `qq.authorize({ scope: 'setting.addFriend' })`, and
 * 联系客服 a `<button open-type="contact">`. The base template must pass both attributes through.
 */
export function checkQqWiring(dir) {
  const problems = [];
  const js = filesWith(dir, '.js');
  const find = (re) => js.filter(([, text]) => re.test(text)).map(([rel]) => rel);
  const addFriend = find(/openType:\s*["']addFriend["']/);
  if (addFriend.length === 0) problems.push('no add-friend button (openType "addFriend") in the compiled pages');
  else if (find(/openId:/).filter((f) => addFriend.includes(f)).length === 0)
    problems.push(`the add-friend button passes no openId (${addFriend.join(', ')})`);
  if (find(/["']setting\.addFriend["']/).length === 0)
    problems.push('no setting.addFriend authorisation before the add-friend button');
  const contact = find(/openType:\s*["']contact["']/);
  if (contact.length === 0) problems.push('no customer-service button (openType "contact") in the compiled pages');
  const base = existsSync(join(dir, 'base.qml')) ? readFileSync(join(dir, 'base.qml'), 'utf8') : '';
  for (const attr of ['open-type=', 'open-id=']) {
    if (!base.includes(attr)) problems.push(`base.qml: the button template does not pass ${attr}`);
  }
  return { problems, addFriend, contact };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = resolve(process.argv[2] ?? join(here, '..', 'dist-qq'));
  const { problems, pages, mainBytes } = checkQqOutput(dir, { sourcePages: sourcePages(join(here, '..', 'src')) });
  console.log(`QQ main package: ${kb(mainBytes)} (limit ${kb(MAIN_PACKAGE_LIMIT)})`);
  if (problems.length) {
    console.error(`QQ output check failed for ${dir}:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`QQ output OK: ${pages.length} pages with .js/.json/.qml/.qss, share wiring present, in ${dir}`);
  const wiring = checkQqWiring(dir);
  if (wiring.problems.length) {
    console.error(`QQ wiring check failed for ${dir}:\n  ${wiring.problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`QQ wiring OK: add-friend in ${wiring.addFriend.join(', ')}; contact in ${wiring.contact.join(', ')}`);
}
