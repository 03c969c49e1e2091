/** Words that say nothing about what is wanted or offered; every post would share them. */
const NOISE = new Set([
  '求购',
  '收购',
  '二手',
  '出售',
  '转让',
  '闲置',
  '全新',
  '九成',
  '成新',
  '八成',
  '便宜',
  '急出',
  '自用',
  '一个',
  '一台',
  '有没',
  '没有',
  '同学',
]);

/**
 * Words of a title for matching wanted posts: Latin words and numbers (lower case, two characters
 * or more) and overlapping pairs of Chinese characters, so 自行车 and 二手自行车 share 自行 and 行车
 * without a dictionary. A lone Chinese character (书) counts as a word when it stands alone.
 */
export function matchWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[a-z0-9]{2,}/g)) out.add(m[0]);
  for (const m of text.matchAll(/\p{Script=Han}+/gu)) {
    const run = m[0];
    if (run.length === 1) out.add(run);
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  for (const w of NOISE) out.delete(w);
  return out;
}

export function shareWords(a: string, b: string): boolean {
  const left = matchWords(a);
  for (const w of matchWords(b)) if (left.has(w)) return true;
  return false;
}
