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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = resolve(process.argv[2] ?? join(here, '..', 'dist-qq'));
  const { problems, pages } = checkQqOutput(dir);
  if (problems.length) {
    console.error(`QQ output check failed for ${dir}:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`QQ output OK: ${pages.length} pages with .js/.json/.qml/.qss in ${dir}`);
}
