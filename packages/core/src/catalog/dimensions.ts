/** The fixed dimensions every listing can be filtered by, with their zh-CN labels. */
export const CONDITIONS = {
  new: '全新',
  like_new: '几乎全新',
  lightly_used: '轻微使用痕迹',
  heavily_used: '明显使用痕迹',
} as const;
export type Condition = keyof typeof CONDITIONS;

export const TRADE_METHODS = {
  face_to_face: '当面交易',
  delivery: '送货上门',
  express: '快递',
} as const;
export type TradeMethod = keyof typeof TRADE_METHODS;

export const LISTING_KINDS = {
  item: '闲置物品',
  book: '闲置书籍',
  wanted: '求购',
} as const;
export type ListingKind = keyof typeof LISTING_KINDS;

export const isCondition = (v: string): v is Condition => Object.hasOwn(CONDITIONS, v);
export const isTradeMethod = (v: string): v is TradeMethod => Object.hasOwn(TRADE_METHODS, v);
export const isListingKind = (v: string): v is ListingKind => Object.hasOwn(LISTING_KINDS, v);

export function labelled<K extends string>(table: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(table) as K[]).map((value) => ({ value, label: table[value] }));
}
