import { TABLE_SIZE, WANTED_TABLE, type Leaf } from './compiled-vocabulary.js';
import type { GeneratedListing } from './generated-listing.js';
import {
  WANTED_BUDGET_NOTES,
  WANTED_CLOSINGS,
  WANTED_NO_BUDGET,
  WANTED_NOTES,
  WANTED_OPENERS,
  WANTED_PREFIXES,
  WANTED_PREFIXES_USED,
  WANTED_TAILS,
} from './phrases.js';
import { pick, type Rng } from './rng.js';
import { fill } from './templates.js';
import { clamp, niceYuan, pickTradeMethods, priceIn } from './terms.js';
import { add } from './wording.js';

/** 求购: what a student wants, with a budget (or 面议) and no condition. */
export function makeWanted(rng: Rng, areaCount: number): GeneratedListing {
  const leaf = WANTED_TABLE[rng.int(TABLE_SIZE)] as Leaf;
  const hasBudget = rng.next() >= 0.3;
  let name: string;
  let attr = '';
  let budget: number;
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
