/**
 * Writes fixture.json: 400 listings from the seed generator (seed 2026) plus hand-written ones that
 * exercise brands, pinyin and books. Committed output, so the judged set never moves under the generator.
 * Run: ./xz node --import tsx bench/search/make-fixture.ts
 */
import { writeFileSync } from 'node:fs';
import { generateListings } from '../../packages/api/src/seed/generator/listing-generator.ts';

export interface FixtureListing {
  id: string;
  kind: 'item' | 'book' | 'wanted';
  title: string;
  description: string;
  price: number | null;
  rootCategory: string;
  category: string;
  condition: string | null;
  isbn: string | null;
  /** Hours before the fixture's "now" the listing was published. */
  ageHours: number;
}

const HAND_WRITTEN: Omit<FixtureListing, 'id' | 'ageHours'>[] = [
  {
    kind: 'item',
    title: '二手自行车 捷安特 ATX',
    description: '骑了两年，换了新刹车片，适合校内代步。',
    price: 35000,
    rootCategory: '交通出行',
    category: '自行车',
    condition: 'lightly_used',
    isbn: null,
  },
  {
    kind: 'item',
    title: '山地车 美利达 勇士',
    description: '变速正常，送车锁。',
    price: 52000,
    rootCategory: '交通出行',
    category: '自行车',
    condition: 'lightly_used',
    isbn: null,
  },
  {
    kind: 'item',
    title: 'iPad Pro 11 2021 M1 128G',
    description: '带 Apple Pencil 二代，屏幕完美。',
    price: 380000,
    rootCategory: '电子产品',
    category: '平板',
    condition: 'like_new',
    isbn: null,
  },
  {
    kind: 'item',
    title: 'AirPods Pro 二代 国行',
    description: '左耳偶尔有杂音，便宜出。',
    price: 60000,
    rootCategory: '电子产品',
    category: '耳机音箱',
    condition: 'lightly_used',
    isbn: null,
  },
  {
    kind: 'item',
    title: 'Kindle Paperwhite 5 墨水屏阅读器',
    description: '看书很舒服，带保护套。',
    price: 45000,
    rootCategory: '电子产品',
    category: '平板',
    condition: 'like_new',
    isbn: null,
  },
  {
    kind: 'item',
    title: '罗技 G304 无线鼠标',
    description: 'Logitech 游戏鼠标，手感好。',
    price: 9000,
    rootCategory: '电子产品',
    category: '数码配件',
    condition: 'lightly_used',
    isbn: null,
  },
  {
    kind: 'item',
    title: '小米充电宝 20000mAh',
    description: '支持快充，出门必备。',
    price: 5000,
    rootCategory: '电子产品',
    category: '数码配件',
    condition: 'like_new',
    isbn: null,
  },
  {
    kind: 'item',
    title: '宿舍小冰箱 容声 50L',
    description: '毕业出，制冷正常，需自提。',
    price: 20000,
    rootCategory: '生活用品',
    category: '宿舍神器',
    condition: 'lightly_used',
    isbn: null,
  },
  {
    kind: 'item',
    title: '吉他 雅马哈 F310 民谣',
    description: '送琴包和变调夹，适合初学者。',
    price: 40000,
    rootCategory: '文体用品',
    category: '乐器',
    condition: 'lightly_used',
    isbn: null,
  },
  {
    kind: 'item',
    title: '羽毛球拍 尤尼克斯 天斧',
    description: 'YONEX 正品，已穿线。',
    price: 30000,
    rootCategory: '文体用品',
    category: '运动器材',
    condition: 'like_new',
    isbn: null,
  },
  {
    kind: 'item',
    title: 'Switch OLED 日版 白色',
    description: '任天堂 Nintendo 游戏机，附塞尔达。',
    price: 180000,
    rootCategory: '其他',
    category: '其他闲置',
    condition: 'like_new',
    isbn: null,
  },
  {
    kind: 'item',
    title: '电饭煲 美的 3L',
    description: '宿舍煮粥神器，功能完好。',
    price: 8000,
    rootCategory: '生活用品',
    category: '宿舍神器',
    condition: 'lightly_used',
    isbn: null,
  },
  {
    kind: 'book',
    title: '高等数学 同济第七版 上册',
    description: '有少量笔记，不影响阅读。',
    price: 1500,
    rootCategory: '旧书',
    category: '教材',
    condition: 'lightly_used',
    isbn: '9787040396638',
  },
  {
    kind: 'book',
    title: '线性代数 同济第六版',
    description: '考研复习用过，重点都划了。',
    price: 1200,
    rootCategory: '旧书',
    category: '教材',
    condition: 'lightly_used',
    isbn: '9787040396621',
  },
  {
    kind: 'book',
    title: '考研英语 黄皮书 真题',
    description: '2026 版，几乎全新。',
    price: 3000,
    rootCategory: '旧书',
    category: '考研考公',
    condition: 'like_new',
    isbn: '9787519302931',
  },
  {
    kind: 'book',
    title: '三体 全集 刘慈欣',
    description: '科幻小说，三本一套。',
    price: 4000,
    rootCategory: '旧书',
    category: '文学小说',
    condition: 'lightly_used',
    isbn: '9787536692930',
  },
  {
    kind: 'wanted',
    title: '求购 二手显示器 27寸',
    description: '预算 500 以内，最好 2K。',
    price: 50000,
    rootCategory: '电子产品',
    category: '数码配件',
    condition: null,
    isbn: null,
  },
  {
    kind: 'wanted',
    title: '求购 电动车 续航长',
    description: '校内代步，预算一千左右。',
    price: 100000,
    rootCategory: '交通出行',
    category: '电动车',
    condition: null,
    isbn: null,
  },
  {
    kind: 'item',
    title: '台灯 护眼 LED 可调光',
    description: '宿舍学习用，三档亮度。',
    price: 3500,
    rootCategory: '生活用品',
    category: '宿舍神器',
    condition: 'like_new',
    isbn: null,
  },
  {
    kind: 'item',
    title: '行李箱 24寸 万向轮',
    description: '毕业用不上了，轮子顺滑。',
    price: 9900,
    rootCategory: '服饰鞋包',
    category: '包',
    condition: 'lightly_used',
    isbn: null,
  },
];

const out: FixtureListing[] = [];
let n = 0;
for (const g of generateListings(400, { seed: 2026, areaCount: 4 })) {
  n++;
  out.push({
    id: `fx-${String(n).padStart(4, '0')}`,
    kind: g.kind,
    title: g.title,
    description: g.description,
    price: g.price,
    rootCategory: g.rootCategory,
    category: g.category,
    condition: g.condition,
    isbn: g.book?.isbn ?? null,
    ageHours: (n * 7) % 600,
  });
}
HAND_WRITTEN.forEach((h, i) => out.push({ ...h, id: `hw-${String(i + 1).padStart(2, '0')}`, ageHours: 24 + i * 13 }));
writeFileSync(new URL('./fixture.json', import.meta.url), JSON.stringify(out, null, 1) + '\n');
process.stdout.write(`fixture.json: ${out.length} listings\n`);
