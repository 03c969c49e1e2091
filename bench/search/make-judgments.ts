/**
 * Writes judged-queries.json from the hand-written judgments below: each query says, in plain terms,
 * which listings a student typing it wants (titles holding a Chinese word or a brand, or one ISBN).
 * The expected ids are read off fixture.json by those rules, never by our search.
 * Run: ./xz node --import tsx bench/search/make-judgments.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { FixtureListing } from './make-fixture.ts';

type Kind = 'word' | 'part' | 'pinyin' | 'initials' | 'brand' | 'typo' | 'isbn';
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
