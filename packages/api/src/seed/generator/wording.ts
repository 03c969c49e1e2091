// Pieces of titles and descriptions shared by the three kinds of listing.
import type { TradeMethod } from './generated-listing.js';
import {
  BARGAIN,
  FILLERS,
  TAILS_DELIVERY,
  TAILS_EXPRESS,
  TITLE_TAILS,
  TRADE_DELIVERY,
  TRADE_EXPRESS,
  TRADE_F2F,
} from './phrases.js';
import { pick, type Rng } from './rng.js';
import { fill } from './templates.js';

const TITLE_MAX = 60;

/** append `part` separated by a space if it still fits in a title and does not repeat what is already there */
export function add(title: string, part: string): string {
  if (title === '') return part;
  return title.length + 1 + part.length <= TITLE_MAX && !title.includes(part) ? title + ' ' + part : title;
}

export function tradeSentence(rng: Rng, methods: readonly TradeMethod[]): string {
  const m = methods[rng.int(methods.length)] as TradeMethod;
  return fill(rng, pick(rng, m === 'face_to_face' ? TRADE_F2F : m === 'delivery' ? TRADE_DELIVERY : TRADE_EXPRESS));
}

export function tailFor(rng: Rng, methods: readonly TradeMethod[]): string {
  const r = rng.next();
  if (r < 0.12 && methods.includes('express')) return fill(rng, pick(rng, TAILS_EXPRESS));
  if (r < 0.24 && methods.includes('delivery')) return fill(rng, pick(rng, TAILS_DELIVERY));
  return fill(rng, pick(rng, TITLE_TAILS));
}

/** the asking price as people write it in a title: 15元 / 15元出 / ¥15 */
export function priceTag(rng: Rng, yuan: number): string {
  const r = rng.next();
  return r < 0.4 ? yuan + '元' : r < 0.75 ? yuan + '元出' : '¥' + yuan;
}

export function closing(rng: Rng, methods: readonly TradeMethod[], desc: string, sentences: number): string {
  const tradeFirst = rng.next() < 0.5;
  let out = desc + (tradeFirst ? tradeSentence(rng, methods) : fill(rng, pick(rng, BARGAIN)));
  if (sentences < 3 && rng.next() < 0.35)
    out += tradeFirst ? fill(rng, pick(rng, BARGAIN)) : tradeSentence(rng, methods);
  if (out.length < 20) out += fill(rng, pick(rng, FILLERS));
  return out;
}
