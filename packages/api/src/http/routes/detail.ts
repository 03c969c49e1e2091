import type { Actor, Listing, ListingViews } from '@xianzhi/core';
import type { ListingDetail } from '../../contract.js';
import { listingDetail } from '../presenters.js';

/** After a change, answer with the listing as its actor now sees it. */
export function detailOf(views: ListingViews) {
  return async (listing: Listing, actor: Actor): Promise<ListingDetail> => {
    const [view] = await views.build([listing], actor, { revealContact: true });
    return listingDetail(view!, actor);
  };
}
