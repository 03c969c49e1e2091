import type { WantState } from '../api/trade-types';
import type { ListingDetail } from '../api/types';

/** The detail after a 想要 or its undoing, as the API answered it. */
export function withWants(listing: ListingDetail, state: WantState): ListingDetail {
  return { ...listing, wantedByMe: state.wanted, wantCount: state.wantCount };
}
