import { BOOK_TABLE, TABLE_SIZE, type BookLeaf, type Leaf } from './compiled-vocabulary.js';
import type { Condition, GeneratedListing } from './generated-listing.js';
import { BOOK_NOTES, BOOK_REASONS, BOOK_USAGE, TITLE_PREFIXES } from './phrases.js';
import { pick, type Rng } from './rng.js';
import { fill, type Tpl } from './templates.js';
import {
  BOOK_PRICE_SPAN,
  clamp,
  COND_CDF_BOOK,
  CONDITIONS,
  niceYuan,
  originalFor,
  pickCondition,
  pickTradeMethods,
} from './terms.js';
import { add, closing, priceTag, tailFor } from './wording.js';

/** 闲置书籍: a real title and edition with its ISBN, priced from its list price by how worn it is. */
export function makeBook(rng: Rng, areaCount: number): GeneratedListing {
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
