#!/usr/bin/env node
// Renders the tab bar's SVG icons (src/assets/tab/*.svg) to the 81×81 PNGs mini-programs require:
// `<name>.png` in the idle grey and `<name>-active.png` in the brand orange of app.config.ts.
// Uses sharp (librsvg), a dependency of @xianzhi/adapters. Usage: node scripts/render-tab-icons.mjs [name…]
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'src', 'assets', 'tab');
const sharp = createRequire(join(here, '..', '..', 'adapters', 'package.json'))('sharp');
const COLORS = { '': '#8a8f99', '-active': '#ff6a00' };

const names = process.argv.slice(2);
const svgs = names.length
  ? names
  : readdirSync(dir)
      .filter((f) => f.endsWith('.svg'))
      .map((f) => f.slice(0, -4));
for (const name of svgs) {
  const svg = readFileSync(join(dir, `${name}.svg`), 'utf8');
  for (const [suffix, color] of Object.entries(COLORS)) {
    const colored = Buffer.from(svg.replaceAll('currentColor', color));
    await sharp(colored, { density: 300 })
      .resize(81, 81)
      .png()
      .toFile(join(dir, `${name}${suffix}.png`));
  }
  console.log(`rendered ${name}.png and ${name}-active.png`);
}
