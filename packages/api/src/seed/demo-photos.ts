import sharp from 'sharp';
import type { Actor, UploadPhoto } from '@xianzhi/core';
import { SeededRandom } from './random.js';

const WIDTH = 720;
const HEIGHT = 540;
/** Distinct images per top-level category; listings reuse them, so the pool stays a few dozen. */
export const DEMO_PHOTOS_PER_CATEGORY = 4;

type Draw = (rng: SeededRandom, ink: string, accent: string) => string;

/** Background gradients per top-level category (by its Chinese name, as the generator names it). */
const PALETTES: Record<string, readonly [string, string][]> = {
  旧书: [
    ['#f6efe2', '#e3d3b5'],
    ['#efe6d8', '#cdb894'],
    ['#f3ece0', '#d9c7a7'],
  ],
  电子产品: [
    ['#e8eef7', '#b9c8e0'],
    ['#eceff3', '#c3cad6'],
    ['#e4ecf5', '#a9bcd8'],
  ],
  生活用品: [
    ['#fdf1ea', '#f3cbb5'],
    ['#eef7f1', '#c3e3cf'],
    ['#fbf3e6', '#efd6a9'],
  ],
  文体用品: [
    ['#eef6ff', '#bcd9f7'],
    ['#f1f8ec', '#c8e4b4'],
    ['#fff6e8', '#ffd9a0'],
  ],
  交通出行: [
    ['#eef4f0', '#bcd3c5'],
    ['#f2f2f2', '#cfd6dc'],
    ['#edf3f7', '#b7cad8'],
  ],
  服饰鞋包: [
    ['#fbeff2', '#efc3cf'],
    ['#f3eff9', '#d3c6ea'],
    ['#f6f1ea', '#dccbb6'],
  ],
};
const INKS = ['#34495e', '#7b4f2c', '#2e6b5e', '#8e3b46', '#4a4e8f', '#5d6d7e', '#9c6b30'];
const ACCENTS = ['#e67e22', '#2980b9', '#27ae60', '#c0392b', '#8e44ad', '#f1c40f', '#16a085'];

const round = (n: number) => Math.round(n);

/** Simple shapes that read as the category at thumbnail size; no text, so no fonts are needed. */
const DRAWINGS: Record<string, Draw> = {
  旧书: (rng, ink, accent) => {
    let x = 230 + rng.int(60);
    let out = '';
    for (let i = 0, n = 4 + rng.int(3); i < n; i++) {
      const w = 48 + rng.int(40);
      const h = 300 + rng.int(160);
      const colour = i % 2 === 0 ? ink : accent;
      out += `<rect x="${x}" y="${560 - h}" width="${w}" height="${h}" rx="6" fill="${colour}" opacity="${0.75 + rng.next() * 0.25}"/>`;
      out += `<rect x="${x + 8}" y="${560 - h + 30}" width="${w - 16}" height="10" fill="#ffffff" opacity="0.6"/>`;
      x += w + 6;
    }
    return out + `<rect x="180" y="560" width="540" height="18" rx="4" fill="${ink}" opacity="0.35"/>`;
  },
  电子产品: (rng, ink, accent) => {
    const laptop = rng.chance(0.5);
    if (laptop) {
      return (
        `<rect x="230" y="170" width="440" height="290" rx="18" fill="${ink}"/>` +
        `<rect x="250" y="190" width="400" height="250" rx="6" fill="${accent}" opacity="0.55"/>` +
        `<path d="M170 470 h560 l-40 50 h-480 z" fill="${ink}" opacity="0.85"/>`
      );
    }
    return (
      `<rect x="350" y="110" width="200" height="420" rx="34" fill="${ink}"/>` +
      `<rect x="364" y="150" width="172" height="330" rx="10" fill="${accent}" opacity="0.6"/>` +
      `<circle cx="450" cy="505" r="12" fill="#ffffff" opacity="0.7"/>` +
      `<circle cx="${600 + rng.int(80)}" cy="${200 + rng.int(200)}" r="${30 + rng.int(30)}" fill="${accent}" opacity="0.35"/>`
    );
  },
  生活用品: (rng, ink, accent) => {
    const x = 300 + rng.int(80);
    return (
      `<rect x="${x}" y="220" width="220" height="300" rx="26" fill="${accent}"/>` +
      `<ellipse cx="${x + 110}" cy="220" rx="110" ry="26" fill="${ink}" opacity="0.85"/>` +
      `<path d="M${x + 220} 280 q90 0 90 80 q0 80 -90 80" stroke="${accent}" stroke-width="26" fill="none"/>` +
      `<rect x="${x + 30}" y="300" width="160" height="30" rx="15" fill="#ffffff" opacity="0.5"/>`
    );
  },
  文体用品: (rng, ink, accent) => {
    const r = 130 + rng.int(50);
    return (
      `<circle cx="450" cy="340" r="${r}" fill="${accent}"/>` +
      `<path d="M${450 - r} 340 q${r} -90 ${2 * r} 0" stroke="${ink}" stroke-width="10" fill="none"/>` +
      `<path d="M${450 - r} 340 q${r} 90 ${2 * r} 0" stroke="${ink}" stroke-width="10" fill="none"/>` +
      `<line x1="450" y1="${340 - r}" x2="450" y2="${340 + r}" stroke="${ink}" stroke-width="10"/>`
    );
  },
  交通出行: (rng, ink, accent) => {
    const r = 110 + rng.int(20);
    return (
      `<circle cx="270" cy="430" r="${r}" stroke="${ink}" stroke-width="18" fill="none"/>` +
      `<circle cx="630" cy="430" r="${r}" stroke="${ink}" stroke-width="18" fill="none"/>` +
      `<path d="M270 430 L400 250 L560 250 L630 430 M400 250 L470 430 L560 250" stroke="${accent}" stroke-width="16" fill="none" stroke-linejoin="round"/>` +
      `<rect x="370" y="225" width="80" height="16" rx="8" fill="${ink}"/>`
    );
  },
  服饰鞋包: (rng, ink, accent) => {
    const x = 290 + rng.int(60);
    return (
      `<path d="M${x + 70} 260 q90 -140 180 0" stroke="${ink}" stroke-width="20" fill="none"/>` +
      `<rect x="${x}" y="250" width="320" height="280" rx="40" fill="${accent}"/>` +
      `<rect x="${x + 130}" y="320" width="60" height="36" rx="8" fill="${ink}" opacity="0.8"/>`
    );
  },
};

const generic: Draw = (rng, ink, accent) => {
  let out = '';
  for (let i = 0; i < 4; i++) {
    out += `<circle cx="${200 + rng.int(500)}" cy="${160 + rng.int(360)}" r="${50 + rng.int(90)}" fill="${i % 2 ? ink : accent}" opacity="${0.4 + rng.next() * 0.5}"/>`;
  }
  return out;
};

/** One demo photo as JPEG bytes: a soft gradient, a shadow and the category's shapes. */
export async function renderDemoPhoto(rootCategory: string, variant: number): Promise<Buffer> {
  const rng = new SeededRandom(hash(`${rootCategory}#${variant}`));
  const palette = PALETTES[rootCategory] ?? [['#f2f2f2', '#d0d7de']];
  const [from, to] = palette[variant % palette.length]!;
  const ink = INKS[rng.int(INKS.length)]!;
  const accent = ACCENTS[rng.int(ACCENTS.length)]!;
  const draw = DRAWINGS[rootCategory] ?? generic;
  // Drawn on a 900×675 canvas and scaled: 720 px keeps the seed quick (variants cost by the pixel).
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 900 675">
    <defs><linearGradient id="bg" x1="0" y1="0" x2="${round(rng.next() * 100) / 100}" y2="1">
      <stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
    <rect width="900" height="675" fill="url(#bg)"/>
    <ellipse cx="450" cy="585" rx="300" ry="30" fill="#000000" opacity="0.08"/>
    ${draw(rng, ink, accent)}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}

/**
 * Demo photos for seeded listings, uploaded through the real photo pipeline (UploadPhoto: variants,
 * metadata stripped, stored once by content hash) as each seller. Images are rendered once per category
 * and reused; a seller uploading an image twice gets the same photo back.
 */
export class DemoPhotoPool {
  private readonly images = new Map<string, Promise<Buffer>>();
  private readonly uploaded = new Map<string, string>();

  constructor(private readonly upload: UploadPhoto) {}

  /** Renders every category's images up front, in parallel (the only CPU-heavy part). */
  async prepare(rootCategories: readonly string[]): Promise<void> {
    await Promise.all(
      rootCategories.flatMap((root) => Array.from({ length: DEMO_PHOTOS_PER_CATEGORY }, (_, i) => this.image(root, i))),
    );
  }

  /** One to three photo ids for a listing of this category, owned by the seller. */
  async photosFor(seller: Actor, rootCategory: string, rng: SeededRandom): Promise<string[]> {
    if (seller.kind !== 'user') throw new Error('seed: demo photos belong to a student');
    const count = 1 + rng.int(3);
    const first = rng.int(DEMO_PHOTOS_PER_CATEGORY);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const variant = (first + i) % DEMO_PHOTOS_PER_CATEGORY;
      const key = `${seller.userId}|${rootCategory}|${variant}`;
      let id = this.uploaded.get(key);
      if (!id) {
        const photo = await this.upload.execute({
          actor: seller,
          bytes: new Uint8Array(await this.image(rootCategory, variant)),
        });
        if (!photo.ok) throw new Error(`seed: demo photo refused: ${photo.error.code} ${photo.error.message}`);
        id = photo.value.id;
        this.uploaded.set(key, id);
      }
      ids.push(id);
    }
    return ids;
  }

  private image(root: string, variant: number): Promise<Buffer> {
    const key = `${root}#${variant}`;
    let image = this.images.get(key);
    if (!image) {
      image = renderDemoPhoto(root, variant);
      this.images.set(key, image);
    }
    return image;
  }
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
