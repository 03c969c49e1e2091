#!/usr/bin/env node
// Checks that `taro build --type qq` left a loadable QQ mini-program in dist-qq/: the app's
// entry files, and for every page in app.json its .js, .json, .qml template and .qss style.
// Exits non-zero with the list of what is missing. Usage: node scripts/check-qq-output.mjs [dir]
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export function checkQqOutput(dir) {
  const problems = [];
  const need = (rel) => {
    const p = join(dir, rel);
    if (!existsSync(p) || statSync(p).size === 0) problems.push(`missing or empty: ${rel}`);
  };
  for (const f of ['app.json', 'app.js', 'app.qss', 'project.config.json']) need(f);
  if (problems.some((p) => p.endsWith('app.json'))) return { problems, pages: [] };

  const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8'));
  const pages = Array.isArray(app.pages) ? app.pages : [];
  if (pages.length === 0) problems.push('app.json lists no pages');
  for (const page of pages) for (const ext of ['.js', '.json', '.qml', '.qss']) need(page + ext);
  for (const item of app.tabBar?.list ?? []) {
    if (!pages.includes(item.pagePath)) problems.push(`tabBar page not in pages: ${item.pagePath}`);
    for (const icon of [item.iconPath, item.selectedIconPath]) if (icon) need(icon);
  }
  // A QQ build must not contain WeChat templates: that would mean the qq plugin was not applied.
  const wxml = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.(wxml|wxss)$/.test(e.name)) wxml.push(join(d, e.name));
    }
  };
  walk(dir);
  if (wxml.length) problems.push(`WeChat files in a QQ build: ${wxml.slice(0, 3).join(', ')}`);
  return { problems, pages };
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
  const { problems, pages } = checkQqOutput(dir);
  if (problems.length) {
    console.error(`QQ output check failed for ${dir}:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`QQ output OK: ${pages.length} pages with .js/.json/.qml/.qss in ${dir}`);
  const wiring = checkQqWiring(dir);
  if (wiring.problems.length) {
    console.error(`QQ wiring check failed for ${dir}:\n  ${wiring.problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`QQ wiring OK: add-friend in ${wiring.addFriend.join(', ')}; contact in ${wiring.contact.join(', ')}`);
}
