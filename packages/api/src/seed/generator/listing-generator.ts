import { DEFAULT_CATEGORY_TREE as CORE_DEFAULT_TREE } from '@xianzhi/core';
/**
 * Deterministic generator of realistic Chinese campus second-hand listings.
 *
 * - Pure TS, no dependencies; vocabulary lives in ./vocabulary.ts and is
 *   compiled once at module load.
 * - Streaming: `generateListings` yields one listing at a time and never keeps
 *   earlier listings alive, so it can produce millions of rows in O(1) memory.
 * - Deterministic: a seeded sfc32 PRNG drives every choice (no Math.random).
 */
import { ATTR_GROUPS, BOOK_VOCAB, LEAF_VOCAB, PUBLISHERS, ROOT_VOCAB, type LeafVocab } from './vocabulary.js';

export type Kind = 'item' | 'book' | 'wanted';
export type Condition = 'new' | 'like_new' | 'lightly_used' | 'heavily_used';
export type TradeMethod = 'face_to_face' | 'delivery' | 'express';

export interface GeneratedBook {
  isbn: string;
  author: string;
  publisher: string;
  course: string | null;
}

export interface GeneratedListing {
  kind: Kind;
  title: string;
  description: string;
  /** integer fen; for wanted posts the budget, or null (面议) */
  price: number | null;
  /** integer fen, 1.2–3× price, or null; always null for wanted posts */
  originalPrice: number | null;
  rootCategory: string;
  category: string;
  condition: Condition | null;
  tradeMethods: TradeMethod[];
  areaIndex: number;
  book: GeneratedBook | null;
}

export interface GeneratorOptions {
  seed: number;
  areaCount: number;
}

export interface CategoryNode {
  readonly name: string;
  readonly code: string;
  readonly children: ReadonlyArray<{ readonly name: string; readonly code: string }>;
}

/** The campus default tree is the core's; the generator's vocabulary is keyed by its codes. */
export const DEFAULT_CATEGORY_TREE: ReadonlyArray<CategoryNode> = CORE_DEFAULT_TREE;

// ───────────────────────────── PRNG ─────────────────────────────

/** sfc32 seeded through splitmix32; period ≥ 2^32, fast, good statistical quality. */
class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 4294967296) >>> 0;
    let s = (lo ^ Math.imul(hi, 0x9e3779b9)) >>> 0;
    const mix = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix() | 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t0 = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const t = (t0 + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** float in [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** integer in [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

function pick<T>(rng: Rng, arr: readonly T[]): T {
  return arr[rng.int(arr.length)] as T;
}

// ─────────────────────────── templates ───────────────────────────

/** A phrase with zero or more `{lo-hi[:step]}` numeric placeholders. */
interface Tpl {
  readonly text: string; // static text when there are no placeholders
  readonly segs: readonly string[];
  readonly lo: readonly number[];
  readonly n: readonly number[];
  readonly step: readonly number[];
}

const PLACEHOLDER = /\{(\d+)-(\d+)(?::(\d+))?\}/g;

function compileTpl(src: string): Tpl {
  const segs: string[] = [];
  const lo: number[] = [];
  const n: number[] = [];
  const step: number[] = [];
  let last = 0;
  for (const m of src.matchAll(PLACEHOLDER)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const st = m[3] === undefined ? 1 : Number(m[3]);
    if (!(b >= a) || st <= 0) throw new Error(`bad placeholder in "${src}"`);
    segs.push(src.slice(last, m.index));
    lo.push(a);
    n.push(Math.floor((b - a) / st) + 1);
    step.push(st);
    last = m.index + m[0].length;
  }
  segs.push(src.slice(last));
  return { text: src, segs, lo, n, step };
}

function fill(rng: Rng, t: Tpl): string {
  const k = t.lo.length;
  if (k === 0) return t.text;
  let out = t.segs[0] as string;
  for (let i = 0; i < k; i++) {
    out += (t.lo[i] as number) + rng.int(t.n[i] as number) * (t.step[i] as number);
    out += t.segs[i + 1] as string;
  }
  return out;
}

const tpls = (xs: readonly string[]): readonly Tpl[] => xs.map(compileTpl);

// ─────────────────────────── phrase pools ───────────────────────────

const CONDITIONS: readonly Condition[] = ['new', 'like_new', 'lightly_used', 'heavily_used'];
const COND_INDEX: Readonly<Record<Condition, number>> = { new: 0, like_new: 1, lightly_used: 2, heavily_used: 3 };

/** cumulative probabilities over CONDITIONS */
const COND_CDF_NORMAL = [0.08, 0.38, 0.8, 1];
const COND_CDF_FRESH = [0.75, 1, 1, 1];
const COND_CDF_BOOK = [0.08, 0.45, 0.83, 1];

/** position inside the product's [min, max] price range (log scale) per condition */
const COND_PRICE_SPAN: readonly (readonly [number, number])[] = [
  [0.75, 1],
  [0.5, 0.95],
  [0.25, 0.75],
  [0, 0.4],
];
/** fraction of the book's list price per condition */
const BOOK_PRICE_SPAN: readonly (readonly [number, number])[] = [
  [0.55, 0.75],
  [0.4, 0.6],
  [0.3, 0.5],
  [0.2, 0.36],
];

const COND_WORDS: readonly (readonly Tpl[])[] = [
  tpls(['全新', '全新未拆封', '全新未拆', '仅拆封', '未使用', '全新未用']),
  tpls(['99新', '98新', '95新', '九五新', '几乎全新', '准新', '自用99新', '箱说全']),
  tpls(['九成新', '9成新', '90新', '八五新', '85新', '自用', '正常使用痕迹', '9新']),
  tpls(['八成新', '7成新', '七成新', '有使用痕迹', '成色一般', '功能正常', '便宜能用']),
];

const BOOK_NOTES: readonly (readonly Tpl[])[] = [
  tpls(['全新', '全新未拆', '塑封未拆', '未拆封']),
  tpls(['无笔记', '九五新 无笔记', '几乎全新', '内页干净', '无字迹']),
  tpls(['少量笔记', '有划线', '笔记工整', '少量划线', '前{2-5}章有笔记']),
  tpls(['笔记较多', '有磨损', '有折痕', '笔记多', '学霸笔记']),
];

const TITLE_PREFIXES = tpls([
  '【毕业清仓】',
  '【急出】',
  '【自用】',
  '【转】',
  '【同校面交】',
  '毕业出',
  '出',
  '转',
  '出闲置',
  '低价转',
  '个人闲置',
  '宿舍清仓',
  '搬宿舍出',
  '自用闲置',
  '出个',
]);

const TITLE_TAILS = tpls([
  '可小刀',
  '急出',
  '低价出',
  '便宜出',
  '价格可议',
  '校内面交',
  '自提',
  '有意私聊',
  '白菜价',
  '亏本出',
  '诚心出',
  '非诚勿扰',
  '先到先得',
  '可议价',
  '随时可看',
  '可验货',
  '毕业清仓',
  '搬宿舍清',
  '不刀',
  '秒回',
]);
const TAILS_EXPRESS = tpls(['包邮', '可寄快递', '顺丰到付', '同城可邮']);
const TAILS_DELIVERY = tpls(['可送宿舍', '送货上门', '送到楼下', '校内可送']);

const REASONS_ANY = [
  '毕业清仓，东西都便宜出。',
  '买重了，多出来一个。',
  '搬宿舍东西太多带不走，便宜处理。',
  '要出国交换了，带不走。',
  '实习要去外地，便宜处理。',
  '闲置吃灰，给它找个新主人。',
  '冲动消费，买来基本没用。',
  '宿舍放不下了，忍痛出掉。',
  '家里又寄了一个，这个多余了。',
  '学期末清理闲置，价格都很实在。',
  '最近手头紧，回点血。',
  '买来发现不太适合自己。',
  '大四了要搬出去住，清一批东西。',
];
/** reasons per condition index: the last two only fit goods that were actually used */
const REASONS_NEW = tpls(REASONS_ANY);
const REASONS_USED = tpls([...REASONS_ANY, '换新了，旧的一直闲置在宿舍。', '室友送了个新的，这个用不上了。']);
const REASONS: readonly (readonly Tpl[])[] = [REASONS_NEW, REASONS_NEW, REASONS_USED, REASONS_USED];

const USAGE: readonly (readonly Tpl[])[] = [
  tpls([
    '全新未拆封，买多了用不上。',
    '只拆封看了一下，从来没用过。',
    '包装齐全，配件都没拆。',
    '全新的，活动抽奖中的。',
  ]),
  tpls([
    '几乎没怎么用，外观没有划痕。',
    '只用过{2-10}次，成色很新。',
    '买了不到{1-3}个月，一直很爱惜。',
    '九五新以上，除了没有包装和新的一样。',
  ]),
  tpls([
    '正常使用痕迹，功能完好。',
    '边角有细微划痕，不影响使用。',
    '用了{3-18}个月，一直很爱惜。',
    '日常使用的痕迹，整体成色不错。',
    '有一点小瑕疵，图上都拍出来了。',
  ]),
  tpls([
    '使用痕迹比较明显，但功能都正常。',
    '有磕碰和掉漆，介意勿拍。',
    '用了{2-4}年了，价格已经很低了。',
    '外观一般，胜在便宜耐用。',
    '能正常使用，介意外观的慎拍。',
  ]),
];

const BOOK_REASONS = tpls([
  '考完试了，书留着也没用。',
  '上岸了，资料全部出给有需要的同学。',
  '转专业了，这些书用不上了。',
  '毕业清书，价格都很便宜。',
  '买重了，这本多出来了。',
  '宿舍书架放不下了，清理一批。',
  '课程结束了，书还很新。',
  '换了新版，旧版便宜出。',
]);

const BOOK_USAGE: readonly (readonly Tpl[])[] = [
  tpls(['全新未拆塑封，买多了。', '全新，一页都没翻过。']),
  tpls(['无笔记无划线，几乎全新。', '只翻过几次，书页平整干净。', '封面写了名字，内页全新。']),
  tpls(['有少量笔记和划线，字迹工整。', '前几章有铅笔笔记，后面基本是新的。', '重点都用荧光笔标了，复习很方便。']),
  tpls([
    '笔记比较多，适合想要现成笔记的同学。',
    '书皮有磨损和折角，内容完整不缺页。',
    '用了两个学期，书边有点旧，不影响使用。',
  ]),
];

const BARGAIN = tpls([
  '可小刀。',
  '价格可小刀，诚心要的私聊。',
  '不议价，非诚勿扰。',
  '价格好商量。',
  '多件一起拿可以便宜。',
  '先到先得，不接受预留。',
  '看到消息秒回。',
  '有意私聊，可以先看实物。',
  '一口价，不刀。',
  '学生价，亏本出。',
]);

const TRADE_F2F = tpls([
  '校内面交，下课时间都可以约。',
  '可在宿舍楼下面交，当面验货。',
  '图书馆门口面交，晚上都有空。',
  '食堂门口面交，午饭时间最方便。',
  '晚上{7-9}点后可以约面交。',
  '周末全天在学校，随时可约。',
]);
const TRADE_DELIVERY = tpls(['本校可以送到宿舍楼下。', '同校的话可以帮忙送过去。', '校内包送，不用自己跑。']);
const TRADE_EXPRESS = tpls([
  '外校可以发快递，邮费自理。',
  '支持快递，运费到付。',
  '可以寄快递，同城当天到。',
  '省内包邮。',
]);

/** long-enough closers that guarantee the 20-character minimum */
const FILLERS = tpls(['有意私聊，校内可以当面验货。', '诚心要的同学直接私聊我就好。', '东西都在宿舍，随时可以来看。']);

const WANTED_PREFIXES = ['求购', '收', '求', '求购一个', '收一个', '求一个', '求收'];
const WANTED_PREFIXES_USED = ['收二手', '求购二手', '收个二手'];
const WANTED_NOTES = tpls([
  '价格好商量',
  '有闲置的私聊',
  '校内优先',
  '毕业生看过来',
  '可上门自取',
  '本周内',
  '求靠谱卖家',
  '预算有限',
  '成色无所谓',
  '小瑕疵可以',
  '当面交易',
  '{1-3}天内要',
  '同校优先',
  '不要翻新',
]);
const WANTED_TAILS = ['急', '急急急', '在线等', '长期收', '谢谢', '有的私', '蹲', '求带走', '秒回'];
const WANTED_OPENERS = ['想收一个', '求一个', '有没有同学出', '蹲一个', '急需一个', '想买个二手的', '求购'];
const WANTED_BUDGET_NOTES = tpls(['价格合适直接拿。', '可以商量。', '成色好可以加一点。', '超一点也行。']);
const WANTED_NO_BUDGET = tpls(['价格面议，看成色定。', '预算不多，价格好商量。', '价格可以谈，合适就收。']);
const WANTED_CLOSINGS = tpls([
  '有的同学私聊我，校内面交。',
  '最好是本校的，可以当面看货。',
  '急用，这周内能交易最好。',
  '不要有大毛病的，小瑕疵可以接受。',
  '看到请留言，谢谢！',
  '毕业的学长学姐有闲置的可以找我。',
  '可以自己上门取，不麻烦你跑。',
]);

// ─────────────────────────── compiled vocabulary ───────────────────────────

interface Product {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly attrs: readonly (readonly Tpl[])[];
}

interface Leaf {
  readonly code: string;
  readonly name: string;
  readonly rootName: string;
  readonly ship: boolean;
  readonly condCdf: readonly number[];
  readonly condWords: boolean;
  readonly products: readonly Product[];
  readonly generic: readonly string[];
  readonly extras: readonly Tpl[];
  /** description sentences per condition index (wear-related ones only for used goods) */
  readonly details: readonly (readonly Tpl[])[];
  readonly wantedNotes: readonly Tpl[];
  /** book data when this is a 旧书 leaf */
  readonly books: BookLeaf | null;
}

interface Book {
  readonly display: string;
  readonly author: string;
  readonly publisher: string;
  readonly listFen: number;
  readonly course: string | null;
  readonly editions: readonly string[];
  readonly isbns: readonly string[];
}

interface BookLeaf {
  readonly min: number;
  readonly max: number;
  readonly tags: readonly Tpl[];
  readonly details: readonly (readonly Tpl[])[];
  readonly books: readonly Book[];
}

/** ISBN-13 check digit for a 12-digit string */
export function isbn13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (first12.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** true when `isbn` is 13 digits, starts with 978/979 and has a correct checksum */
export function isValidIsbn13(isbn: string): boolean {
  if (!/^97[89]\d{10}$/.test(isbn)) return false;
  return isbn13CheckDigit(isbn.slice(0, 12)) === isbn.charCodeAt(12) - 48;
}

function hash32(a: number, b: number): number {
  let h = Math.imul(a ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(b + 0x165667b1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

/** split `~`-marked (used-only) sentences out: result is indexed by condition */
function detailsByCondition(src: readonly string[]): readonly (readonly Tpl[])[] {
  const any = tpls(src.filter((d) => !d.startsWith('~')));
  const used = tpls(src.map((d) => (d.startsWith('~') ? d.slice(1) : d)));
  return [any, any, used, used];
}

function parseProduct(src: string, leafCode: string): Product {
  const [name, min, max, groups] = src.split('|');
  const lo = Number(min);
  const hi = Number(max);
  if (!name || !(lo > 0) || !(hi >= lo)) throw new Error(`bad product "${src}" in ${leafCode}`);
  const attrs = (groups ?? '')
    .split(',')
    .filter((g) => g !== '')
    .map((g) => {
      const group = ATTR_GROUPS[g];
      if (!group) throw new Error(`unknown attribute group "${g}" in ${leafCode}`);
      return tpls(group);
    });
  return { name, min: lo, max: hi, attrs };
}

function compile(): { leaves: readonly Leaf[]; byCode: ReadonlyMap<string, Leaf> } {
  const treeIndex = new Map<string, { name: string; rootName: string; rootCode: string }>();
  for (const root of DEFAULT_CATEGORY_TREE) {
    for (const c of root.children) treeIndex.set(c.code, { name: c.name, rootName: root.name, rootCode: root.code });
  }
  const rootVocab = new Map(ROOT_VOCAB.map((r) => [r.code, r]));
  const bookVocab = new Map(BOOK_VOCAB.map((b) => [b.code, b]));
  const usedIsbns = new Set<string>();
  let bookSerial = 0;

  const leaves: Leaf[] = [];
  for (const v of LEAF_VOCAB as readonly LeafVocab[]) {
    const t = treeIndex.get(v.code);
    if (!t) throw new Error(`vocabulary leaf ${v.code} is not in DEFAULT_CATEGORY_TREE`);
    const rv = rootVocab.get(t.rootCode);
    let books: BookLeaf | null = null;
    const bv = bookVocab.get(v.code);
    if (bv) {
      const list: Book[] = bv.entries.map((src) => {
        const [display, author, publisher, listYuan, course, editions] = src.split('|');
        if (!display || !author || !publisher || !(Number(listYuan) > 0)) throw new Error(`bad book "${src}"`);
        const prefix = PUBLISHERS[publisher];
        if (!prefix) throw new Error(`unknown publisher ${publisher}`);
        const eds = editions ? editions.split(';') : [''];
        const serial = bookSerial++;
        const digits = 12 - prefix.length;
        const mod = 10 ** digits;
        const isbns = eds.map((_, ei) => {
          let num = hash32(serial, ei) % mod;
          for (;;) {
            const first12 = prefix + String(num).padStart(digits, '0');
            const isbn = first12 + String(isbn13CheckDigit(first12));
            if (!usedIsbns.has(isbn)) {
              usedIsbns.add(isbn);
              return isbn;
            }
            num = (num + 1) % mod;
          }
        });
        return {
          display,
          author,
          publisher,
          listFen: Math.round(Number(listYuan) * 100),
          course: course ? course : null,
          editions: eds,
          isbns,
        };
      });
      const courseTags = [...new Set(list.map((b) => b.course).filter((c): c is string => c !== null))].map(
        (c) => `【${c}】`,
      );
      books = {
        min: bv.minYuan,
        max: bv.maxYuan,
        tags: tpls([...bv.tags, ...courseTags]),
        details: detailsByCondition([...bv.details, ...(rv?.details ?? [])]),
        books: list,
      };
    }
    leaves.push({
      code: v.code,
      name: t.name,
      rootName: t.rootName,
      ship: v.ship,
      condCdf: v.cond === 'fresh' ? COND_CDF_FRESH : COND_CDF_NORMAL,
      condWords: v.code !== 'other-tickets',
      products: v.products.map((p) => parseProduct(p, v.code)),
      generic: v.generic,
      extras: tpls([...v.extras, ...(rv?.extras ?? [])]),
      details: detailsByCondition([...v.details, ...(rv?.details ?? [])]),
      wantedNotes: tpls(v.wantedNotes),
      books,
    });
  }
  for (const code of treeIndex.keys()) {
    if (!leaves.some((l) => l.code === code)) throw new Error(`category ${code} has no vocabulary`);
  }
  return { leaves, byCode: new Map(leaves.map((l) => [l.code, l])) };
}

const { leaves: LEAVES, byCode: LEAF_BY_CODE } = compile();

const TABLE_SIZE = 1024;
/** O(1) weighted choice: a table of TABLE_SIZE slots filled proportionally to the weights. */
function weightTable(entries: readonly { leaf: Leaf; weight: number }[]): readonly Leaf[] {
  const live = entries.filter((e) => e.weight > 0);
  const total = live.reduce((s, e) => s + e.weight, 0);
  const table: Leaf[] = [];
  let acc = 0;
  for (const e of live) {
    acc += e.weight;
    const end = Math.round((acc / total) * TABLE_SIZE);
    while (table.length < end) table.push(e.leaf);
  }
  return table;
}

const ITEM_TABLE = weightTable(
  LEAF_VOCAB.map((v) => ({ leaf: LEAF_BY_CODE.get(v.code) as Leaf, weight: v.itemWeight })),
);
const WANTED_TABLE = weightTable(
  LEAF_VOCAB.map((v) => ({ leaf: LEAF_BY_CODE.get(v.code) as Leaf, weight: v.wantedWeight })),
);
const BOOK_TABLE = weightTable(BOOK_VOCAB.map((b) => ({ leaf: LEAF_BY_CODE.get(b.code) as Leaf, weight: b.weight })));

// ─────────────────────────── helpers ───────────────────────────

const TITLE_MAX = 60;

/** append `part` separated by a space if it still fits in a title and does not repeat what is already there */
function add(title: string, part: string): string {
  if (title === '') return part;
  return title.length + 1 + part.length <= TITLE_MAX && !title.includes(part) ? title + ' ' + part : title;
}

function pickCondition(rng: Rng, cdf: readonly number[]): number {
  const r = rng.next();
  let i = 0;
  while (i < 3 && r >= (cdf[i] as number)) i++;
  return i;
}

/** round a yuan amount to the kind of number people actually type */
function niceYuan(rng: Rng, y: number): number {
  const r = rng.next();
  if (y < 10) return r < 0.2 ? Math.max(1, Math.round(y * 2) / 2) : Math.max(1, Math.round(y));
  if (y < 30) return r < 0.5 ? Math.round(y / 5) * 5 || 5 : Math.round(y);
  if (y < 100) return r < 0.55 ? Math.round(y / 5) * 5 : r < 0.75 ? Math.round(y / 10) * 10 - 1 : Math.round(y);
  if (y < 300) return r < 0.5 ? Math.round(y / 10) * 10 : r < 0.8 ? Math.round(y / 10) * 10 - 1 : Math.round(y / 5) * 5;
  if (y < 1000)
    return r < 0.5 ? Math.round(y / 50) * 50 : r < 0.8 ? Math.round(y / 10) * 10 : Math.round(y / 100) * 100 - 1;
  if (y < 3000)
    return r < 0.5 ? Math.round(y / 100) * 100 : r < 0.8 ? Math.round(y / 50) * 50 : Math.round(y / 100) * 100 - 1;
  return r < 0.6 ? Math.round(y / 100) * 100 : r < 0.85 ? Math.round(y / 500) * 500 : Math.round(y / 100) * 100 - 1;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** price in yuan: log-uniform position `u` inside [min, max], rounded nicely, kept inside the range */
function priceIn(rng: Rng, min: number, max: number, u: number): number {
  return clamp(niceYuan(rng, min * Math.pow(max / min, u)), min, max);
}

function originalFor(rng: Rng, priceFen: number): number | null {
  const yuan = priceFen / 100;
  const orig = Math.round(niceYuan(rng, yuan * (1.25 + rng.next() * 1.6)) * 100);
  return orig >= priceFen * 1.2 && orig <= priceFen * 3 ? orig : null;
}

function pickTradeMethods(rng: Rng, ship: boolean): TradeMethod[] {
  const f2f = rng.next() < 0.9;
  const delivery = rng.next() < 0.2;
  const express = ship && rng.next() < 0.25;
  const out: TradeMethod[] = [];
  if (f2f || (!delivery && !express)) out.push('face_to_face');
  if (delivery) out.push('delivery');
  if (express) out.push('express');
  return out;
}

function tradeSentence(rng: Rng, methods: readonly TradeMethod[]): string {
  const m = methods[rng.int(methods.length)] as TradeMethod;
  return fill(rng, pick(rng, m === 'face_to_face' ? TRADE_F2F : m === 'delivery' ? TRADE_DELIVERY : TRADE_EXPRESS));
}

function tailFor(rng: Rng, methods: readonly TradeMethod[]): string {
  const r = rng.next();
  if (r < 0.12 && methods.includes('express')) return fill(rng, pick(rng, TAILS_EXPRESS));
  if (r < 0.24 && methods.includes('delivery')) return fill(rng, pick(rng, TAILS_DELIVERY));
  return fill(rng, pick(rng, TITLE_TAILS));
}

/** the asking price as people write it in a title: 15元 / 15元出 / ¥15 */
function priceTag(rng: Rng, yuan: number): string {
  const r = rng.next();
  return r < 0.4 ? yuan + '元' : r < 0.75 ? yuan + '元出' : '¥' + yuan;
}

function closing(rng: Rng, methods: readonly TradeMethod[], desc: string, sentences: number): string {
  const tradeFirst = rng.next() < 0.5;
  let out = desc + (tradeFirst ? tradeSentence(rng, methods) : fill(rng, pick(rng, BARGAIN)));
  if (sentences < 3 && rng.next() < 0.35)
    out += tradeFirst ? fill(rng, pick(rng, BARGAIN)) : tradeSentence(rng, methods);
  if (out.length < 20) out += fill(rng, pick(rng, FILLERS));
  return out;
}

// ─────────────────────────── listing builders ───────────────────────────

function makeItem(rng: Rng, areaCount: number): GeneratedListing {
  const leaf = ITEM_TABLE[rng.int(TABLE_SIZE)] as Leaf;
  const product = pick(rng, leaf.products);
  const ci = pickCondition(rng, leaf.condCdf);
  const span = COND_PRICE_SPAN[ci] as readonly [number, number];
  const yuan = priceIn(rng, product.min, product.max, span[0] + rng.next() * (span[1] - span[0]));
  const price = Math.round(yuan * 100);
  const originalPrice = rng.next() < 0.42 ? originalFor(rng, price) : null;
  const tradeMethods = pickTradeMethods(rng, leaf.ship);

  // title
  const condWord = leaf.condWords ? fill(rng, pick(rng, COND_WORDS[ci] as readonly Tpl[])) : '';
  const pattern = rng.next();
  let title = '';
  if (pattern < 0.5) {
    if (condWord !== '' && rng.next() < 0.85) title = condWord;
    title = add(title, product.name);
  } else if (pattern < 0.72) {
    title = add(fill(rng, pick(rng, TITLE_PREFIXES)), product.name);
  } else {
    title = product.name;
  }
  for (const group of product.attrs) {
    if (rng.next() < 0.75) {
      const attr = fill(rng, pick(rng, group));
      if (!product.name.includes(attr)) title = add(title, attr);
    }
  }
  if (pattern >= 0.5 && condWord !== '' && rng.next() < 0.8) title = add(title, condWord);
  if (rng.next() < 0.6) {
    const e1 = fill(rng, pick(rng, leaf.extras));
    title = add(title, e1);
    if (rng.next() < 0.2) {
      const e2 = fill(rng, pick(rng, leaf.extras));
      if (e2 !== e1) title = add(title, e2);
    }
  }
  if (title === product.name) title = add(title, condWord !== '' ? condWord : fill(rng, pick(rng, leaf.extras)));
  if (rng.next() < 0.14) title = add(title, priceTag(rng, yuan));
  if (pattern < 0.5 || pattern >= 0.72 ? rng.next() < 0.5 : rng.next() < 0.2)
    title = add(title, tailFor(rng, tradeMethods));

  // description
  let desc = '';
  let n = 0;
  if (rng.next() < 0.65) {
    desc += fill(rng, pick(rng, REASONS[ci] as readonly Tpl[]));
    n++;
  }
  if (leaf.condWords) {
    desc += fill(rng, pick(rng, USAGE[ci] as readonly Tpl[]));
    n++;
  }
  if (n < 2 || rng.next() < 0.7) {
    desc += fill(rng, pick(rng, leaf.details[ci] as readonly Tpl[]));
    n++;
  }
  desc = closing(rng, tradeMethods, desc, n);

  return {
    kind: 'item',
    title,
    description: desc,
    price,
    originalPrice,
    rootCategory: leaf.rootName,
    category: leaf.name,
    condition: CONDITIONS[ci] as Condition,
    tradeMethods,
    areaIndex: rng.int(areaCount),
    book: null,
  };
}

function makeBook(rng: Rng, areaCount: number): GeneratedListing {
  const leaf = BOOK_TABLE[rng.int(TABLE_SIZE)] as Leaf;
  const bl = leaf.books as BookLeaf;
  const book = pick(rng, bl.books);
  const ei = rng.int(book.editions.length);
  const edition = book.editions[ei] as string;
  const ci = pickCondition(rng, COND_CDF_BOOK);
  const span = BOOK_PRICE_SPAN[ci] as readonly [number, number];
  const listYuan = book.listFen / 100;
  const yuan = clamp(niceYuan(rng, listYuan * (span[0] + rng.next() * (span[1] - span[0]))), bl.min, bl.max);
  const price = Math.round(yuan * 100);
  let originalPrice: number | null = null;
  if (rng.next() < 0.45) {
    // the printed list price (定价) when it is plausible, otherwise what the seller remembers paying
    originalPrice = book.listFen >= price * 1.2 && book.listFen <= price * 3 ? book.listFen : originalFor(rng, price);
  }
  const tradeMethods = pickTradeMethods(rng, true);

  const note = fill(rng, pick(rng, BOOK_NOTES[ci] as readonly Tpl[]));
  const pattern = rng.next();
  let title = '';
  if (pattern < 0.35) title = fill(rng, pick(rng, bl.tags));
  else if (pattern < 0.6) title = fill(rng, pick(rng, TITLE_PREFIXES));
  title = add(title, book.display);
  if (edition !== '') title = add(title, edition);
  if (pattern < 0.6 || rng.next() < 0.85 || title.length < 8) title = add(title, note);
  const extra = rng.next();
  if (extra < 0.1) title = add(title, '原价' + book.listFen / 100);
  else if (extra < 0.6) title = add(title, fill(rng, pick(rng, leaf.extras)));
  if (rng.next() < 0.14) title = add(title, priceTag(rng, yuan));
  if (rng.next() < (pattern < 0.6 ? 0.3 : 0.55)) title = add(title, tailFor(rng, tradeMethods));

  let desc = '';
  let n = 0;
  if (rng.next() < 0.7) {
    desc += fill(rng, pick(rng, BOOK_REASONS));
    n++;
  }
  desc += fill(rng, pick(rng, BOOK_USAGE[ci] as readonly Tpl[]));
  n++;
  if (rng.next() < 0.6) {
    desc += fill(rng, pick(rng, bl.details[ci] as readonly Tpl[]));
    n++;
  }
  desc = closing(rng, tradeMethods, desc, n);

  return {
    kind: 'book',
    title,
    description: desc,
    price,
    originalPrice,
    rootCategory: leaf.rootName,
    category: leaf.name,
    condition: CONDITIONS[ci] as Condition,
    tradeMethods,
    areaIndex: rng.int(areaCount),
    book: { isbn: book.isbns[ei] as string, author: book.author, publisher: book.publisher, course: book.course },
  };
}

function makeWanted(rng: Rng, areaCount: number): GeneratedListing {
  const leaf = WANTED_TABLE[rng.int(TABLE_SIZE)] as Leaf;
  const hasBudget = rng.next() >= 0.3;
  let name: string;
  let attr = '';
  let budget = 0;
  if (leaf.books !== null) {
    const bl = leaf.books;
    if (rng.next() < 0.8) {
      const book = pick(rng, bl.books);
      const edition = pick(rng, book.editions);
      name = edition === '' ? book.display : book.display + ' ' + edition;
      budget = clamp(niceYuan(rng, (book.listFen / 100) * (0.25 + rng.next() * 0.25)), bl.min, bl.max);
    } else {
      name = pick(rng, leaf.generic);
      budget = priceIn(rng, bl.min, bl.max, rng.next());
    }
  } else {
    const product = pick(rng, leaf.products);
    if (rng.next() < 0.45) {
      name = pick(rng, leaf.generic);
      if (product.attrs.length > 0 && rng.next() < 0.35) attr = fill(rng, pick(rng, pick(rng, product.attrs)));
    } else {
      name = product.name;
      if (product.attrs.length > 0 && rng.next() < 0.4) attr = fill(rng, pick(rng, pick(rng, product.attrs)));
    }
    budget = priceIn(rng, product.min, product.max, 0.15 + rng.next() * 0.6);
  }
  const price = hasBudget ? Math.round(budget * 100) : null;
  const tradeMethods = pickTradeMethods(rng, leaf.ship);

  const used = name.startsWith('二手');
  let title = (!used && rng.next() < 0.15 ? pick(rng, WANTED_PREFIXES_USED) : pick(rng, WANTED_PREFIXES)) + ' ' + name;
  if (attr !== '') title = add(title, attr);
  const r = rng.next();
  if (hasBudget && r < 0.4) {
    const b = String(budget);
    const form = rng.int(4);
    title = add(
      title,
      form === 0 ? '预算' + b + '以内' : form === 1 ? b + '以内' : form === 2 ? '预算' + b : b + '左右',
    );
  }
  if (r >= 0.4 || rng.next() < 0.4) {
    title = add(title, fill(rng, rng.next() < 0.6 ? pick(rng, leaf.wantedNotes) : pick(rng, WANTED_NOTES)));
  }
  if (rng.next() < 0.35) title = add(title, pick(rng, WANTED_TAILS));

  let desc = pick(rng, WANTED_OPENERS) + name;
  desc += rng.next() < 0.6 ? '，' + fill(rng, pick(rng, leaf.wantedNotes)) + '。' : '。';
  desc += hasBudget
    ? '预算' + budget + '元左右，' + fill(rng, pick(rng, WANTED_BUDGET_NOTES))
    : fill(rng, pick(rng, WANTED_NO_BUDGET));
  if (rng.next() < 0.75 || desc.length < 20) desc += fill(rng, pick(rng, WANTED_CLOSINGS));

  return {
    kind: 'wanted',
    title,
    description: desc,
    price,
    originalPrice: null,
    rootCategory: leaf.rootName,
    category: leaf.name,
    condition: null,
    tradeMethods,
    areaIndex: rng.int(areaCount),
    book: null,
  };
}

// ─────────────────────────── public API ───────────────────────────

/** target kind mix */
export const KIND_SHARES: Readonly<Record<Kind, number>> = Object.freeze({ item: 0.65, book: 0.2, wanted: 0.15 });

function* run(count: number, seed: number, areaCount: number): Generator<GeneratedListing> {
  const rng = new Rng(seed);
  const itemCut = KIND_SHARES.item;
  const bookCut = KIND_SHARES.item + KIND_SHARES.book;
  for (let i = 0; i < count; i++) {
    const r = rng.next();
    yield r < itemCut ? makeItem(rng, areaCount) : r < bookCut ? makeBook(rng, areaCount) : makeWanted(rng, areaCount);
  }
}

/**
 * Lazily generate `count` listings. The same (count, seed, areaCount) always
 * yields the same sequence, and a longer run starts with the shorter one.
 * Arguments are validated eagerly (at call time, not on first `next()`).
 */
export function generateListings(count: number, options: GeneratorOptions): Generator<GeneratedListing> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  if (!Number.isFinite(options.seed)) throw new RangeError(`seed must be a finite number, got ${options.seed}`);
  if (!Number.isInteger(options.areaCount) || options.areaCount < 1) {
    throw new RangeError(`areaCount must be a positive integer, got ${options.areaCount}`);
  }
  return run(count, options.seed, options.areaCount);
}
