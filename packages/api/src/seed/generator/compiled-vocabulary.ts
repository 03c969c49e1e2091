/*
 * The vocabulary of ./vocabulary.ts compiled once at module load: each category leaf of the default
 * tree with its products, phrases and books (ISBNs minted here), and the weighted tables the
 * generator draws a leaf from in O(1).
 */
import { DEFAULT_CATEGORY_TREE as CORE_DEFAULT_TREE } from '@xianzhi/core';
import { mintIsbn } from './isbn.js';
import { tpls, type Tpl } from './templates.js';
import { COND_CDF_FRESH, COND_CDF_NORMAL } from './terms.js';
import { ATTR_GROUPS, BOOK_VOCAB, LEAF_VOCAB, PUBLISHERS, ROOT_VOCAB } from './vocabulary.js';

export interface CategoryNode {
  readonly name: string;
  readonly code: string;
  readonly children: ReadonlyArray<{ readonly name: string; readonly code: string }>;
}

/** The campus default tree is the core's; the generator's vocabulary is keyed by its codes. */
export const DEFAULT_CATEGORY_TREE: ReadonlyArray<CategoryNode> = CORE_DEFAULT_TREE;

export interface Product {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly attrs: readonly (readonly Tpl[])[];
}

export interface Leaf {
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

export interface Book {
  readonly display: string;
  readonly author: string;
  readonly publisher: string;
  readonly listFen: number;
  readonly course: string | null;
  readonly editions: readonly string[];
  readonly isbns: readonly string[];
}

export interface BookLeaf {
  readonly min: number;
  readonly max: number;
  readonly tags: readonly Tpl[];
  readonly details: readonly (readonly Tpl[])[];
  readonly books: readonly Book[];
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
  for (const v of LEAF_VOCAB) {
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
        const isbns = eds.map((_, ei) => mintIsbn(prefix, serial, ei, usedIsbns));
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

const { byCode: LEAF_BY_CODE } = compile();

export const TABLE_SIZE = 1024;
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

export const ITEM_TABLE = weightTable(
  LEAF_VOCAB.map((v) => ({ leaf: LEAF_BY_CODE.get(v.code) as Leaf, weight: v.itemWeight })),
);
export const WANTED_TABLE = weightTable(
  LEAF_VOCAB.map((v) => ({ leaf: LEAF_BY_CODE.get(v.code) as Leaf, weight: v.wantedWeight })),
);
export const BOOK_TABLE = weightTable(
  BOOK_VOCAB.map((b) => ({ leaf: LEAF_BY_CODE.get(b.code) as Leaf, weight: b.weight })),
);
