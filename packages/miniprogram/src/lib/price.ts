import type { ListingDetail } from '../api/types';

/**
 * The last price change when it was a drop, from the detail's price history (oldest first), and only
 * while the listing still has that price: the 降价 badge.
 */
export function lastPriceDrop(listing: ListingDetail): { from: number; to: number } | null {
  const last = listing.priceHistory.at(-1);
  if (!last) return null;
  const { from, to } = last;
  if (typeof from !== 'number' || typeof to !== 'number' || to >= from) return null;
  if (listing.price !== to) return null;
  return { from, to };
}
