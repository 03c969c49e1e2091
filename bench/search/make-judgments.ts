/**
 * Writes judged-queries.json from the hand-written judgments below: each query says, in plain terms,
 * which listings a student typing it wants (titles holding a Chinese word or a brand, or one ISBN).
 * The synonym kinds (issue 14) name the words a student means by the query: a course's nickname and its full name
 * (abbrev), a brand in the other script (brand-zh: typed in Chinese, brand-en: typed in Latin letters), another
 * everyday name of the same thing (synonym). Those lists are written here by hand, not read off the dictionary.
 * The expected ids are read off fixture.json by those rules, never by our search.
 * Run: ./xz node --import tsx bench/search/make-judgments.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { FixtureListing } from './make-fixture.ts';

type Kind =
  'word' | 'part' | 'pinyin' | 'initials' | 'brand' | 'typo' | 'isbn' | 'abbrev' | 'brand-zh' | 'brand-en' | 'synonym';
interface Judgment {
  q: string;
  kind: Kind;
  titleHas?: string[];
  isbn?: string;
}

const J = (kind: Kind, q: string, ...titleHas: string[]): Judgment => ({
  q,
  kind,
  titleHas: titleHas.length ? titleHas : [q],
});

const JUDGMENTS: Judgment[] = [
  J('word', '自行车'),
  J('word', '电动车'),
  J('word', '吹风机'),
  J('word', '考研政治'),
  J('word', '镜头'),
  J('word', '吉他'),
  J('word', '台灯'),
  J('word', '冰箱'),
  J('word', '手柄'),
  J('word', '登山包'),
  J('word', '高等数学'),
  J('word', '线性代数'),
  J('word', '概率论'),
  J('word', '三体'),
  J('word', '行李箱'),
  J('word', '鼠标'),
  J('word', '键盘'),
  J('word', '充电宝'),
  J('word', '电饭煲'),
  J('word', '显示器'),
  J('word', '理发卡'),
  J('word', '冲锋衣'),
  J('word', '音乐节'),
  J('word', '电风扇'),
  J('part', '自行', '自行车'),
  J('part', '吹风', '吹风机'),
  J('part', '数学'),
  J('part', '电动', '电动'),
  J('part', '登山', '登山'),
  J('part', '政治'),
  J('part', '冲锋', '冲锋衣'),
  J('part', '雅思'),
  J('pinyin', 'zixingche', '自行车'),
  J('pinyin', 'diandongche', '电动车'),
  J('pinyin', 'chuifengji', '吹风机'),
  J('pinyin', 'jita', '吉他'),
  J('pinyin', 'taideng', '台灯'),
  J('pinyin', 'bingxiang', '冰箱'),
  J('pinyin', 'shoubing', '手柄'),
  J('pinyin', 'gaodengshuxue', '高等数学'),
  J('pinyin', 'xianxingdaishu', '线性代数'),
  J('pinyin', 'kaoyan', '考研'),
  J('pinyin', 'jianpan', '键盘'),
  J('pinyin', 'dengshanbao', '登山包'),
  J('initials', 'zxc', '自行车'),
  J('initials', 'ddc', '电动车'),
  J('initials', 'cfj', '吹风机'),
  J('initials', 'gdsx', '高等数学'),
  J('initials', 'xxds', '线性代数'),
  J('initials', 'dsb', '登山包'),
  J('initials', 'cdb', '充电宝'),
  J('initials', 'xlx', '行李箱'),
  J('brand', 'ipad', 'ipad'),
  J('brand', 'IPAD', 'ipad'),
  J('brand', 'AirPods', 'airpods'),
  J('brand', 'kindle', 'kindle'),
  J('brand', 'KINDLE', 'kindle'),
  J('brand', 'switch', 'switch'),
  J('brand', 'iPhone', 'iphone'),
  J('brand', 'jbl', 'jbl'),
  J('brand', 'Marshall', 'marshall'),
  J('brand', 'redmi', 'redmi'),
  J('brand', 'BEATS', 'beats'),
  J('brand', 'coach', 'coach'),
  J('typo', 'ipda', 'ipad'),
  J('typo', 'airpdos', 'airpods'),
  J('typo', 'kindel', 'kindle'),
  J('typo', 'swtich', 'switch'),
  J('typo', 'iphnoe', 'iphone'),
  J('typo', 'marshal', 'marshall'),
  J('typo', 'zixingce', '自行车'),
  J('typo', 'chuifenji', '吹风机'),
  J('typo', 'diandongce', '电动车'),
  J('abbrev', '高数', '高数', '高等数学'),
  J('abbrev', '线代', '线代', '线性代数'),
  J('abbrev', '计网', '计算机网络'),
  J('abbrev', '概统', '概率论与数理统计'),
  J('abbrev', '思修', '思想道德与法治'),
  J('abbrev', '马原', '马克思主义基本原理'),
  J('abbrev', '毛概', '毛泽东思想和中国特色社会主义理论体系概论'),
  J('abbrev', '史纲', '中国近现代史纲要'),
  J('abbrev', '模电', '模拟电子技术'),
  J('abbrev', '材力', '材料力学'),
  J('abbrev', '理力', '理论力学'),
  J('abbrev', '工图', '工程制图'),
  J('abbrev', '西经', '西方经济学'),
  J('abbrev', '普心', '普通心理学'),
  J('abbrev', '教资', '教师资格证'),
  J('abbrev', '公考', '考公', '公考'),
  J('abbrev', 'ielts', '雅思', 'ielts'),
  J('abbrev', 'cet4', '四级'),
  J('abbrev', '英语六级', '六级'),
  J('brand-zh', '苹果', '苹果', 'apple'),
  J('brand-zh', '苹果手机', 'iphone'),
  J('brand-zh', '苹果电脑', 'macbook'),
  J('brand-zh', '苹果平板', 'ipad'),
  J('brand-zh', '苹果耳机', 'airpods'),
  J('brand-zh', '戴尔', '戴尔', 'dell'),
  J('brand-zh', '联想', '联想', 'lenovo'),
  J('brand-zh', '雅马哈', '雅马哈', 'yamaha'),
  J('brand-zh', '任天堂', '任天堂', 'switch'),
  J('brand-en', 'Dell', '戴尔', 'dell'),
  J('brand-en', 'Lenovo', '联想', 'lenovo'),
  J('brand-en', 'YAMAHA', '雅马哈', 'yamaha'),
  J('brand-en', 'huawei', '华为'),
  J('brand-en', 'xiaomi', '小米'),
  J('brand-en', 'sony', '索尼'),
  J('brand-en', 'logitech', '罗技'),
  J('brand-en', 'dyson', '戴森'),
  J('brand-en', 'decathlon', '迪卡侬'),
  J('brand-en', 'casio', '卡西欧'),
  J('brand-en', 'giant', '捷安特'),
  J('brand-en', 'ninebot', '九号'),
  J('brand-en', 'edifier', '漫步者'),
  J('brand-en', 'midea', '美的'),
  J('brand-en', 'kfc', '肯德基'),
  J('synonym', '单车', '自行车', '单车', '脚踏车'),
  J('synonym', '脚踏车', '自行车', '单车', '脚踏车'),
  J('synonym', '电瓶车', '电动车', '电瓶车', '电驴', '电单车'),
  J('synonym', '电吹风', '吹风机', '电吹风'),
  J('synonym', '电扇', '风扇', '电扇'),
  J('synonym', '烧水壶', '电热水壶', '烧水壶'),
  J('synonym', '电饭锅', '电饭煲', '电饭锅'),
  J('synonym', '拉杆箱', '行李箱', '拉杆箱'),
  J('synonym', '护眼灯', '台灯', '护眼灯'),
  J('synonym', '椅子', '椅'),
  J('synonym', '电脑椅', '电脑椅', '办公椅', '人体工学椅'),
  J('synonym', '移动电源', '充电宝', '移动电源'),
  J('synonym', '墨水屏', 'kindle', '墨水屏', '电纸书'),
  J('synonym', '游戏手柄', '手柄'),
  J('synonym', '显示屏', '显示器', '显示屏'),
  J('synonym', '羽拍', '羽毛球拍', '羽拍'),
  J('synonym', '网拍', '网球拍', '网拍'),
  J('synonym', '健身垫', '瑜伽垫', '健身垫'),
  J('synonym', '旱冰鞋', '轮滑鞋', '旱冰鞋'),
  J('synonym', '陆冲', '陆地冲浪板', '陆冲'),
  J('synonym', '踏板车', '滑板车', '踏板车'),
  J('synonym', '学位服', '学士服', '学位服'),
  J('synonym', '羽绒衣', '羽绒服', '羽绒衣'),
  J('synonym', '裙子', '连衣裙', '裙子'),
  J('synonym', '唇膏', '口红', '唇膏'),
  J('synonym', '徽章', '吧唧', '徽章'),
  { q: '9787040396638', kind: 'isbn', isbn: '9787040396638' },
  { q: '9787302411284', kind: 'isbn', isbn: '9787302411284' },
  { q: '9787536482524', kind: 'isbn', isbn: '9787536482524' },
  { q: '978-7-04-269184-7', kind: 'isbn', isbn: '9787042691847' },
];

const fixture = JSON.parse(readFileSync(new URL('./fixture.json', import.meta.url), 'utf8')) as FixtureListing[];
const judged = JUDGMENTS.map((j) => {
  const expected = fixture
    .filter((l) =>
      j.isbn ? l.isbn === j.isbn : j.titleHas!.some((w) => l.title.toLowerCase().includes(w.toLowerCase())),
    )
    .map((l) => l.id);
  if (expected.length === 0) throw new Error(`no listing is relevant to "${j.q}": fix the judgment or the fixture`);
  return { q: j.q, kind: j.kind, expected };
});
writeFileSync(new URL('./judged-queries.json', import.meta.url), JSON.stringify(judged, null, 1) + '\n');
process.stdout.write(`judged-queries.json: ${judged.length} queries\n`);
