import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CATEGORY_TREE,
  generateListings,
  type GeneratedListing,
  type TradeMethod,
} from './listing-generator.js';

const AREA_COUNT = 7;
const CONDITIONS = new Set(['new', 'like_new', 'lightly_used', 'heavily_used']);
const TRADE_METHODS = new Set<TradeMethod>(['face_to_face', 'delivery', 'express']);

/** independent ISBN-13 check (does not reuse the generator's helper) */
function isValidIsbn13(isbn: string): boolean {
  if (!/^97[89][0-9]{10}$/.test(isbn)) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(isbn[i]) * (i % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

const chars = (s: string): number => Array.from(s).length;

function take(count: number, seed: number, areaCount = AREA_COUNT): GeneratedListing[] {
  return [...generateListings(count, { seed, areaCount })];
}

describe('DEFAULT_CATEGORY_TREE', () => {
  it('is exactly the agreed tree', () => {
    const flat = DEFAULT_CATEGORY_TREE.map(
      (r) => `${r.name}:${r.code}=` + r.children.map((c) => `${c.name}:${c.code}`).join(','),
    );
    expect(flat).toEqual([
      '旧书:books=教材:books-textbook,考研考公:books-exam,外语:books-language,文学小说:books-fiction,计算机:books-computer,其他书籍:books-other',
      '电子产品:digital=手机:digital-phone,电脑:digital-computer,平板:digital-tablet,耳机音箱:digital-audio,相机:digital-camera,数码配件:digital-accessory',
      '生活用品:daily=宿舍神器:daily-dorm,小家电:daily-appliance,洗护美妆:daily-care,厨具餐具:daily-kitchen,床上用品:daily-bedding',
      '文体用品:sports=运动器材:sports-equipment,乐器:sports-instrument,文具:sports-stationery,桌游:sports-boardgame',
      '交通出行:transport=自行车:transport-bike,电动车:transport-ebike,滑板车:transport-scooter',
      '服饰鞋包:fashion=衣服:fashion-clothes,鞋子:fashion-shoes,包:fashion-bags',
      '其他:other=票券卡券:other-tickets,其他闲置:other-misc',
    ]);
  });
});

describe('generateListings', () => {
  it('self-check: the test ISBN validator accepts real ISBNs and rejects corrupted ones', () => {
    expect(isValidIsbn13('9787111407010')).toBe(true); // 算法导论 第三版
    expect(isValidIsbn13('9787111407011')).toBe(false);
    expect(isValidIsbn13('9771111407010')).toBe(false);
  });

  it('is deterministic for a seed, differs across seeds, and is prefix-stable', () => {
    const a = take(3000, 12345);
    const b = take(3000, 12345);
    expect(b).toEqual(a);
    const c = take(3000, 12346);
    expect(c.map((l) => l.title)).not.toEqual(a.map((l) => l.title));
    expect(take(500, 12345)).toEqual(a.slice(0, 500));
  });

  it('is lazy (does not materialise the whole sequence)', () => {
    const it = generateListings(1_000_000_000, { seed: 1, areaCount: 3 });
    const first = it.next();
    expect(first.done).toBe(false);
    expect(typeof first.value?.title).toBe('string');
  });

  it('validates its arguments', () => {
    expect(() => generateListings(10, { seed: 1, areaCount: 0 })).toThrow(RangeError);
    expect(() => generateListings(-1, { seed: 1, areaCount: 3 })).toThrow(RangeError);
    expect(() => generateListings(1.5, { seed: 1, areaCount: 3 })).toThrow(RangeError);
    expect(() => generateListings(1, { seed: Number.NaN, areaCount: 3 })).toThrow(RangeError);
    expect(take(0, 1)).toEqual([]);
  });

  it('keeps every field within its constraints for 20,000 listings', () => {
    const N = 20_000;
    const leafToRoot = new Map<string, string>();
    for (const root of DEFAULT_CATEGORY_TREE) for (const c of root.children) leafToRoot.set(c.name, root.name);

    const kinds = { item: 0, book: 0, wanted: 0 };
    const methodCount = { face_to_face: 0, delivery: 0, express: 0 };
    let withOriginal = 0;
    let wantedNullPrice = 0;
    const areas = new Set<number>();
    const problems: string[] = [];
    const fail = (l: GeneratedListing, why: string): void => {
      if (problems.length < 20) problems.push(`${why}: ${JSON.stringify(l)}`);
    };

    for (const l of generateListings(N, { seed: 2024, areaCount: AREA_COUNT })) {
      kinds[l.kind]++;
      const tl = chars(l.title);
      if (tl < 4 || tl > 60) fail(l, 'title length');
      if (l.title !== l.title.trim() || l.title.includes('  ')) fail(l, 'title whitespace');
      const dl = chars(l.description);
      if (dl < 20 || dl > 400) fail(l, 'description length');
      const sentences = (l.description.match(/[。！？]/g) ?? []).length;
      if (sentences < 1 || sentences > 4) fail(l, `description has ${sentences} sentences`);
      if (leafToRoot.get(l.category) !== l.rootCategory) fail(l, 'category not under root');

      const ok =
        l.tradeMethods.length > 0 &&
        new Set(l.tradeMethods).size === l.tradeMethods.length &&
        l.tradeMethods.every((m) => TRADE_METHODS.has(m));
      if (!ok) fail(l, 'tradeMethods');
      for (const m of l.tradeMethods) methodCount[m]++;

      if (!Number.isInteger(l.areaIndex) || l.areaIndex < 0 || l.areaIndex >= AREA_COUNT) fail(l, 'areaIndex');
      areas.add(l.areaIndex);

      if (l.kind === 'wanted') {
        if (l.condition !== null) fail(l, 'wanted has condition');
        if (l.originalPrice !== null) fail(l, 'wanted has originalPrice');
        if (l.book !== null) fail(l, 'wanted has book');
        if (!/^(求购|收|求)/.test(l.title)) fail(l, 'wanted title prefix');
        if (l.price === null) wantedNullPrice++;
        else if (!Number.isInteger(l.price) || l.price <= 0) fail(l, 'wanted budget');
      } else {
        if (l.condition === null || !CONDITIONS.has(l.condition)) fail(l, 'condition');
        if (l.price === null || !Number.isInteger(l.price) || l.price <= 0) fail(l, 'price');
        if (l.originalPrice !== null) {
          withOriginal++;
          const p = l.price ?? 0;
          if (!Number.isInteger(l.originalPrice) || l.originalPrice <= p) fail(l, 'originalPrice <= price');
          if (l.originalPrice < p * 1.2 || l.originalPrice > p * 3) fail(l, 'originalPrice ratio');
        }
      }

      if (l.kind === 'book') {
        if (l.rootCategory !== '旧书') fail(l, 'book outside 旧书');
        if (l.book === null) fail(l, 'book missing');
        else {
          if (!isValidIsbn13(l.book.isbn)) fail(l, 'invalid ISBN');
          if (l.book.author === '' || l.book.publisher === '') fail(l, 'book author/publisher');
          if (l.category === '教材' && l.book.course === null) fail(l, 'textbook without course');
          if (l.category !== '教材' && l.book.course !== null) fail(l, 'course on a non-textbook');
        }
      } else if (l.book !== null) fail(l, 'non-book has book');
      if (l.kind === 'item' && l.rootCategory === '旧书') fail(l, 'item under 旧书');

      // realistic price bands (yuan) for a few categories, asking prices only
      if (l.kind !== 'wanted' && l.price !== null) {
        const y = l.price / 100;
        const band: Record<string, [number, number]> = {
          教材: [5, 40],
          手机: [500, 5000],
          自行车: [80, 600],
          票券卡券: [20, 300],
        };
        const b = band[l.category];
        if (b && (y < b[0] || y > b[1])) fail(l, `price ¥${y} outside ${l.category} band`);
      }
    }

    expect(problems).toEqual([]);
    expect(Math.abs(kinds.item / N - 0.65)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(kinds.book / N - 0.2)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(kinds.wanted / N - 0.15)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(withOriginal / (kinds.item + kinds.book) - 0.4)).toBeLessThanOrEqual(0.08);
    expect(Math.abs(wantedNullPrice / kinds.wanted - 0.3)).toBeLessThanOrEqual(0.05);
    expect(methodCount.face_to_face).toBeGreaterThan(methodCount.delivery);
    expect(methodCount.face_to_face).toBeGreaterThan(methodCount.express);
    expect(areas.size).toBe(AREA_COUNT);
  });

  it('covers every leaf category', () => {
    const seen = new Set(take(20_000, 99).map((l) => l.category));
    const all = DEFAULT_CATEGORY_TREE.flatMap((r) => r.children.map((c) => c.name));
    expect([...seen].sort()).toEqual([...all].sort());
  });

  it('produces mostly distinct titles at 100,000 (ratio >= 0.9)', () => {
    const N = 100_000;
    const titles = new Set<string>();
    const t0 = performance.now();
    for (const l of generateListings(N, { seed: 7, areaCount: 5 })) titles.add(l.title);
    const ms = performance.now() - t0;
    const ratio = titles.size / N;
    console.log(
      `[listing-generator] distinct-title ratio at ${N}: ${ratio.toFixed(4)}; ${Math.round(N / (ms / 1000))} listings/s incl. Set insertion`,
    );
    expect(ratio).toBeGreaterThanOrEqual(0.9);
  });
});
