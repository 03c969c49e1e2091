import type { WantState } from '../api/trade-types';
import type { ListingDetail, ListingSummary } from '../api/types';

// 想要 on the listing shapes: every card carries `wantCount`, the detail also whether I want it.
type WithWants = { wantCount?: number; wantedByMe?: boolean };

/** How many students want a listing (0 when the answer does not say). */
export function wantCountOf(listing: ListingSummary): number {
  const n = (listing as WithWants).wantCount;
  return typeof n === 'number' ? n : 0;
}

export function wantsOf(listing: ListingDetail): { wanted: boolean; count: number } {
  return { wanted: (listing as WithWants).wantedByMe === true, count: wantCountOf(listing) };
}

/** The detail after a 想要 or its undoing, as the API answered it. */
export function withWants(listing: ListingDetail, state: WantState): ListingDetail {
  return { ...listing, wantedByMe: state.wanted, wantCount: state.wantCount } as ListingDetail;
}
