import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { request } from './client';
import { listingKeys } from './listing-queries';
import type {
  Offer,
  OfferStatus,
  Page,
  Rating,
  RatingScore,
  Trade,
  TradeRole,
  TradeStatus,
  WantState,
  WanterList,
} from './trade-types';

const id = encodeURIComponent;

export const tradesApi = {
  want: (listingId: string) => request<WantState>('PUT', `/v1/listings/${id(listingId)}/want`),
  unwant: (listingId: string) => request<WantState>('DELETE', `/v1/listings/${id(listingId)}/want`),
  /** The seller's own listing only. */
  wanters: (listingId: string) => request<WanterList>('GET', `/v1/listings/${id(listingId)}/wanters`),

  makeOffer: (listingId: string, priceFen: number, note?: string) =>
    request<Offer>('POST', `/v1/listings/${id(listingId)}/offers`, { body: { priceFen, ...(note ? { note } : {}) } }),
  /** The seller sees every offer on the listing; anyone else only their own. */
  listingOffers: (listingId: string) => request<{ items: Offer[] }>('GET', `/v1/listings/${id(listingId)}/offers`),
  myOffers: (role: TradeRole, status?: OfferStatus, cursor?: string) =>
    request<Page<Offer>>('GET', '/v1/me/offers', { query: { role, status, cursor } }),
  acceptOffer: (offerId: string) => request<{ offer: Offer; trade: Trade }>('POST', `/v1/offers/${id(offerId)}/accept`),
  declineOffer: (offerId: string) => request<Offer>('POST', `/v1/offers/${id(offerId)}/decline`),
  counterOffer: (offerId: string, priceFen: number, note?: string) =>
    request<Offer>('POST', `/v1/offers/${id(offerId)}/counter`, { body: { priceFen, ...(note ? { note } : {}) } }),
  withdrawOffer: (offerId: string) => request<Offer>('POST', `/v1/offers/${id(offerId)}/withdraw`),

  /** The seller picks a buyer among those who wanted the listing, offered or commented, at an agreed price. */
  openTrade: (listingId: string, buyerId: string, priceFen: number) =>
    request<Trade>('POST', `/v1/listings/${id(listingId)}/trades`, { body: { buyerId, priceFen } }),
  myTrades: (role: TradeRole, status?: TradeStatus, cursor?: string) =>
    request<Page<Trade>>('GET', '/v1/me/trades', { query: { role, status, cursor } }),
  trade: (tradeId: string) => request<Trade>('GET', `/v1/trades/${id(tradeId)}`),
  confirmTrade: (tradeId: string) => request<Trade>('POST', `/v1/trades/${id(tradeId)}/confirm`),
  cancelTrade: (tradeId: string, reason: string) =>
    request<Trade>('POST', `/v1/trades/${id(tradeId)}/cancel`, { body: { reason } }),

  rate: (tradeId: string, score: RatingScore, text?: string) =>
    request<Rating>('POST', `/v1/trades/${id(tradeId)}/rating`, { body: { score, ...(text ? { text } : {}) } }),
  replyToRating: (ratingId: string, text: string) =>
    request<Rating>('POST', `/v1/ratings/${id(ratingId)}/reply`, { body: { text } }),
  userRatings: (userId: string, cursor?: string) =>
    request<Page<Rating>>('GET', `/v1/users/${id(userId)}/ratings`, { query: { cursor } }),
};

/** The API's limits on free text. */
export const OFFER_NOTE_MAX = 200;
export const CANCEL_REASON_MAX = 200;
export const RATING_TEXT_MAX = 300;

/** Cache keys: everything under `trades` is the signed-in student's and goes stale after any trade action. */
export const tradeKeys = {
  all: ['trades'] as const,
  wanters: (listingId: string) => ['trades', 'wanters', listingId] as const,
  listingOffers: (listingId: string) => ['trades', 'listing-offers', listingId] as const,
  myOffers: (role: TradeRole, status: OfferStatus | null) => ['trades', 'offers', role, status] as const,
  myTrades: (role: TradeRole, status: TradeStatus | null) => ['trades', 'list', role, status] as const,
  trade: (tradeId: string) => ['trades', 'trade', tradeId] as const,
  ratings: (userId: string) => ['ratings', userId] as const,
};

const cursorPaging = {
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last: Page<unknown>) => last.nextCursor ?? undefined,
};

export function useWanters(listingId: string, enabled: boolean) {
  return useQuery({
    queryKey: tradeKeys.wanters(listingId),
    queryFn: () => tradesApi.wanters(listingId),
    enabled: enabled && listingId !== '',
  });
}

export function useListingOffers(listingId: string, enabled: boolean) {
  return useQuery({
    queryKey: tradeKeys.listingOffers(listingId),
    queryFn: () => tradesApi.listingOffers(listingId),
    enabled: enabled && listingId !== '',
  });
}

export function useMyOffers(role: TradeRole, status: OfferStatus | null) {
  return useInfiniteQuery({
    queryKey: tradeKeys.myOffers(role, status),
    queryFn: ({ pageParam }) => tradesApi.myOffers(role, status ?? undefined, pageParam),
    ...cursorPaging,
  });
}

export function useMyTrades(role: TradeRole, status: TradeStatus | null) {
  return useInfiniteQuery({
    queryKey: tradeKeys.myTrades(role, status),
    queryFn: ({ pageParam }) => tradesApi.myTrades(role, status ?? undefined, pageParam),
    ...cursorPaging,
  });
}

export function useTrade(tradeId: string) {
  return useQuery({
    queryKey: tradeKeys.trade(tradeId),
    queryFn: () => tradesApi.trade(tradeId),
    enabled: tradeId !== '',
  });
}

export function useUserRatings(userId: string) {
  return useInfiniteQuery({
    queryKey: tradeKeys.ratings(userId),
    queryFn: ({ pageParam }) => tradesApi.userRatings(userId, pageParam),
    enabled: userId !== '',
    ...cursorPaging,
  });
}

/**
 * After an offer or trade changes: every trade list, the listing (its status follows the trade) and the
 * lists that show it, and the profiles whose trust figures move.
 */
export function invalidateTrades(client: QueryClient, listingId?: string): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: tradeKeys.all }),
    client.invalidateQueries({ queryKey: ['ratings'] }),
    client.invalidateQueries({ queryKey: ['profile'] }),
    client.invalidateQueries({ queryKey: listingKeys.mine }),
    ...(listingId ? [client.invalidateQueries({ queryKey: listingKeys.detail(listingId) })] : []),
  ]);
}
