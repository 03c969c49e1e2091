import type { ListingDetail } from '../api/types';

/** One entry of a listing's price history, in either shape the API uses for it. */
interface PriceEntry {
  from?: number | null;
  to?: number | null;
  price?: number | null;
}

/**
 * The last price change when it was a drop, from the detail's price history. The history is optional
 * in the detail (older servers leave it out): without it there is no 降价 badge.
 */
export function lastPriceDrop(listing: ListingDetail): { from: number; to: number } | null {
  const history = (listing as ListingDetail & { priceHistory?: PriceEntry[] }).priceHistory;
  if (!Array.isArray(history) || history.length < 1) return null;
  const last = history[history.length - 1]!;
  let from: number | null | undefined;
  let to: number | null | undefined;
  if ('to' in last) {
    from = last.from;
    to = last.to;
  } else {
    from = history.length > 1 ? history[history.length - 2]!.price : null;
    to = last.price;
  }
  if (typeof from !== 'number' || typeof to !== 'number' || to >= from) return null;
  if (listing.price !== to) return null; // the history must end at today's price
  return { from, to };
}
