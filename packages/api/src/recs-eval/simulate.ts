/**
 * A seeded simulation of a campus market, for the offline evaluation of recommendations
 * (documented in bench/recommendations/README.md). Nothing here knows either algorithm: students pick
 * what to open from their own tastes, their budget, how appealing a listing is, and some chance.
 */

/** Leaf category → the words its titles are made of and a typical price (fen). */
const LEAVES: Record<string, { nouns: string[]; brands: string[]; price: number }> = {
  'books-textbook': {
    nouns: ['高等数学', '线性代数', '大学物理', '概率论', '有机化学'],
    brands: ['第七版', '同济版', '高教版'],
    price: 2_000,
  },
  'books-exam': {
    nouns: ['考研数学', '考研英语', '公务员行测', '申论', '政治真题'],
    brands: ['张宇', '肖秀荣', '粉笔'],
    price: 3_000,
  },
  'books-language': {
    nouns: ['四级词汇', '六级真题', '雅思阅读', '托福听力', '日语教程'],
    brands: ['新东方', '星火', '剑桥'],
    price: 2_500,
  },
  'books-fiction': {
    nouns: ['三体', '活着', '百年孤独', '围城', '平凡的世界'],
    brands: ['精装', '典藏版', '平装'],
    price: 2_000,
  },
  'books-computer': {
    nouns: ['算法导论', '深入理解计算机系统', 'Java编程思想', '数据结构', '计算机网络'],
    brands: ['中文版', '原书第3版', '影印版'],
    price: 4_000,
  },
  'books-other': { nouns: ['摄影入门', '心理学', '经济学原理', '设计心理学'], brands: ['平装', '二手'], price: 1_500 },
  'digital-phone': { nouns: ['手机', '智能手机'], brands: ['iPhone', '小米', '华为', 'OPPO', 'vivo'], price: 150_000 },
  'digital-computer': {
    nouns: ['笔记本电脑', '游戏本', '轻薄本'],
    brands: ['联想', 'MacBook', '戴尔', '华硕'],
    price: 300_000,
  },
  'digital-tablet': { nouns: ['平板', 'iPad'], brands: ['Air', 'Pro', 'mini', '小米'], price: 180_000 },
  'digital-audio': {
    nouns: ['蓝牙耳机', '音箱', '头戴耳机'],
    brands: ['AirPods', '索尼', 'JBL', '漫步者'],
    price: 30_000,
  },
  'digital-camera': { nouns: ['相机', '微单', '镜头'], brands: ['佳能', '索尼', '富士', '尼康'], price: 250_000 },
  'digital-accessory': {
    nouns: ['充电宝', '数据线', '键盘', '鼠标'],
    brands: ['罗技', 'Anker', '小米', '绿联'],
    price: 8_000,
  },
  'daily-dorm': { nouns: ['床上书桌', '收纳箱', '床帘', '小风扇'], brands: ['宿舍', '折叠'], price: 3_000 },
  'daily-appliance': {
    nouns: ['吹风机', '电煮锅', '加湿器', '台灯'],
    brands: ['美的', '小米', '飞利浦'],
    price: 8_000,
  },
  'daily-care': { nouns: ['洗面奶', '面霜', '电动牙刷'], brands: ['欧莱雅', '飞利浦', '全新'], price: 5_000 },
  'daily-kitchen': { nouns: ['保温杯', '饭盒', '水壶'], brands: ['膳魔师', '乐扣'], price: 3_000 },
  'daily-bedding': { nouns: ['被子', '床垫', '枕头', '四件套'], brands: ['全棉', '加厚'], price: 6_000 },
  'sports-equipment': {
    nouns: ['羽毛球拍', '篮球', '哑铃', '瑜伽垫', '网球拍'],
    brands: ['尤尼克斯', '李宁', '斯伯丁'],
    price: 10_000,
  },
  'sports-instrument': {
    nouns: ['吉他', '尤克里里', '电子琴', '口琴'],
    brands: ['雅马哈', '卡马', '初学'],
    price: 40_000,
  },
  'sports-stationery': {
    nouns: ['计算器', '钢笔', '笔记本', '文件夹'],
    brands: ['卡西欧', '得力', '晨光'],
    price: 2_000,
  },
  'sports-boardgame': { nouns: ['桌游', '狼人杀', '三国杀', '拼图'], brands: ['全套', '扩展包'], price: 5_000 },
  'transport-bike': { nouns: ['自行车', '山地车', '公路车'], brands: ['捷安特', '美利达', '永久'], price: 40_000 },
  'transport-ebike': { nouns: ['电动车', '电瓶车'], brands: ['雅迪', '小牛', '爱玛'], price: 150_000 },
  'transport-scooter': { nouns: ['滑板车', '平衡车', '滑板'], brands: ['九号', '小米'], price: 60_000 },
  'fashion-clothes': { nouns: ['外套', '卫衣', '羽绒服', '衬衫'], brands: ['优衣库', 'ZARA', '李宁'], price: 8_000 },
  'fashion-shoes': { nouns: ['运动鞋', '板鞋', '跑鞋'], brands: ['耐克', '阿迪达斯', '安踏'], price: 20_000 },
  'fashion-bags': { nouns: ['双肩包', '帆布包', '行李箱'], brands: ['新秀丽', '小米', 'JanSport'], price: 10_000 },
  'other-tickets': { nouns: ['演唱会门票', '电影票', '健身卡'], brands: ['转让', '低价'], price: 20_000 },
  'other-misc': { nouns: ['绿植', '装饰画', '收纳盒'], brands: ['闲置', '全新'], price: 2_000 },
};

/** Kinds of students: each weighs some 二级标签 more; a student's own taste varies around their kind's. */
const PERSONAS: Record<string, Record<string, number>> = {
  考研党: { 'books-exam': 3, 'books-textbook': 2, 'books-language': 2, 'sports-stationery': 1.5, 'daily-dorm': 1 },
  数码控: {
    'digital-phone': 2,
    'digital-computer': 2,
    'digital-tablet': 1.5,
    'digital-audio': 1.5,
    'digital-accessory': 1.5,
    'digital-camera': 1,
  },
  运动达人: { 'sports-equipment': 3, 'transport-bike': 2, 'fashion-shoes': 1.5, 'fashion-clothes': 1 },
  宿舍生活: { 'daily-dorm': 2, 'daily-appliance': 2, 'daily-kitchen': 1.5, 'daily-bedding': 1.5, 'daily-care': 1 },
  文艺青年: {
    'books-fiction': 3,
    'sports-instrument': 2,
    'digital-camera': 1.5,
    'other-tickets': 1.5,
    'sports-boardgame': 1,
  },
  通勤党: {
    'transport-bike': 2,
    'transport-ebike': 2,
    'transport-scooter': 1.5,
    'digital-accessory': 1,
    'fashion-bags': 1,
  },
  程序员: { 'books-computer': 3, 'digital-computer': 2.5, 'digital-accessory': 1.5, 'digital-audio': 1 },
  时尚: { 'fashion-clothes': 3, 'fashion-shoes': 2, 'fashion-bags': 2, 'daily-care': 1.5 },
};

export interface SimulationOptions {
  readonly seed: number;
  readonly listings: number;
  readonly students: number;
  /** Days the simulated log covers, ending at the evaluation time. */
  readonly days: number;
  /** Chance that a view is a random listing, whatever the student's taste. */
  readonly noise: number;
}

export const DEFAULT_SIMULATION: SimulationOptions = {
  seed: 20261125,
  listings: 1500,
  students: 600,
  days: 60,
  noise: 0.1,
};

export interface SimListing {
  readonly id: string;
  readonly leaf: string;
  readonly title: string;
  readonly price: number;
  /** Days before the end of the log it was listed. */
  readonly listedDaysAgo: number;
  readonly sellerIndex: number;
  readonly appeal: number;
}

export interface SimInteraction {
  readonly student: number;
  readonly listingId: string;
  /** Days before the end of the log. */
  readonly daysAgo: number;
  readonly favorited: boolean;
}

export interface SimulatedLog {
  readonly listings: SimListing[];
  readonly students: number;
  readonly sellers: number;
  /** Per student, oldest first. */
  readonly interactions: SimInteraction[][];
}

/** mulberry32: small, fast and the same on every machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function weighted(rand: () => number, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let r = rand() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r <= 0) return i;
  }
  return weights.length - 1;
}

/** How well a price suits a student's budget: 1 at the budget, about 0.6 a factor of 1.6 away. */
function priceFit(price: number, budget: number): number {
  const x = Math.log(price / budget);
  return Math.exp(-(x * x) / (2 * 0.5 * 0.5));
}

export function simulate(options: SimulationOptions = DEFAULT_SIMULATION): SimulatedLog {
  const rand = seeded(options.seed);
  const leaves = Object.keys(LEAVES);
  const sellers = Math.max(5, Math.round(options.listings / 50));
  const listings: SimListing[] = [];
  for (let i = 0; i < options.listings; i++) {
    const leaf = pick(rand, leaves);
    const spec = LEAVES[leaf]!;
    const price = Math.max(100, Math.round((spec.price * Math.exp(0.5 * normal(rand))) / 100) * 100);
    const title = `${pick(rand, spec.brands)} ${pick(rand, spec.nouns)} ${pick(rand, ['九成新', '八成新', '全新', '自用', '低价出', '急出'])}`;
    listings.push({
      id: `sim-${String(i + 1).padStart(6, '0')}`,
      leaf,
      title,
      price,
      listedDaysAgo: rand() * options.days,
      sellerIndex: Math.floor(rand() * sellers),
      // Heavy-tailed: a few listings (a good photo, a bargain) draw many students.
      appeal: Math.exp(0.9 * normal(rand)),
    });
  }
  const byLeaf = new Map<string, SimListing[]>();
  for (const l of listings) byLeaf.set(l.leaf, [...(byLeaf.get(l.leaf) ?? []), l]);

  const personas = Object.values(PERSONAS);
  const interactions: SimInteraction[][] = [];
  for (let s = 0; s < options.students; s++) {
    const persona = pick(rand, personas);
    const taste = leaves.map((leaf) => ((persona[leaf] ?? 0) + 0.05) * Math.exp(0.5 * normal(rand)));
    const budget = Math.exp(0.45 * normal(rand));
    const count = 6 + Math.floor(rand() * 20);
    const times = Array.from({ length: count }, () => rand() * options.days).sort((a, b) => b - a);
    const seen = new Set<string>();
    const mine: SimInteraction[] = [];
    for (const daysAgo of times) {
      let chosen: SimListing | undefined;
      for (let attempt = 0; attempt < 10 && !chosen; attempt++) {
        let pool: SimListing[];
        let weights: number[];
        if (rand() < options.noise) {
          pool = listings.filter((l) => l.listedDaysAgo >= daysAgo && !seen.has(l.id));
          weights = pool.map(() => 1);
        } else {
          const leaf = leaves[weighted(rand, taste)]!;
          const spec = LEAVES[leaf]!;
          pool = (byLeaf.get(leaf) ?? []).filter((l) => l.listedDaysAgo >= daysAgo && !seen.has(l.id));
          weights = pool.map((l) => l.appeal * priceFit(l.price, spec.price * budget));
        }
        if (pool.length > 0) chosen = pool[weighted(rand, weights)];
      }
      if (!chosen) continue;
      seen.add(chosen.id);
      const fit = priceFit(chosen.price, LEAVES[chosen.leaf]!.price * budget);
      mine.push({
        student: s,
        listingId: chosen.id,
        daysAgo,
        favorited: rand() < 0.35 * fit * Math.min(1, chosen.appeal / 2),
      });
    }
    interactions.push(mine);
  }
  return { listings, students: options.students, sellers, interactions };
}

export const SIMULATED_LEAVES = Object.keys(LEAVES);
