import { ITEM_TABLE, TABLE_SIZE, type Leaf } from './compiled-vocabulary.js';
import type { Condition, GeneratedListing } from './generated-listing.js';
import { COND_WORDS, REASONS, TITLE_PREFIXES, USAGE } from './phrases.js';
import { pick, type Rng } from './rng.js';
import { fill, type Tpl } from './templates.js';
import { CONDITIONS, COND_PRICE_SPAN, originalFor, pickCondition, pickTradeMethods, priceIn } from './terms.js';
import { add, closing, priceTag, tailFor } from './wording.js';

/** 闲置物品: a product of a category with its condition, attributes, and a seller's reasons and terms. */
export function makeItem(rng: Rng, areaCount: number): GeneratedListing {
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
