import type { Offer, Rating, Trade } from '../src/api/trade-types';

export const alice = { id: 'u-alice', nickname: 'alice', avatarUrl: null };
export const bob = { id: 'u-bob', nickname: 'bob', avatarUrl: null };

export const listingRef = {
  id: 'L1',
  title: '台灯',
  coverUrl: null,
  priceFen: 2000,
  status: 'active' as const,
  kind: 'item' as const,
};

export function anOffer(over: Partial<Offer> = {}): Offer {
  return {
    id: 'O1',
    listing: listingRef,
    buyer: bob,
    seller: alice,
    priceFen: 1500,
    note: '今晚图书馆面交',
    counterPriceFen: null,
    counterNote: null,
    status: 'open',
    expiresAt: '2026-12-08T08:00:00.000Z',
    createdAt: '2026-12-06T08:00:00.000Z',
    updatedAt: '2026-12-06T08:00:00.000Z',
    tradeId: null,
    ...over,
  };
}

export function aRating(over: Partial<Rating> = {}): Rating {
  return {
    id: 'R1',
    tradeId: 'T1',
    score: 'good',
    text: '爽快，东西和描述一样',
    rater: bob,
    ratee: alice,
    rateeRole: 'seller',
    listingTitle: '台灯',
    createdAt: '2026-11-27T08:00:00.000Z',
    publishedAt: '2026-11-27T09:00:00.000Z',
    reply: null,
    ...over,
  };
}

export function aTrade(over: Partial<Trade> = {}): Trade {
  return {
    id: 'T1',
    listing: { ...listingRef, status: 'reserved' },
    seller: alice,
    buyer: bob,
    priceFen: 1800,
    offerId: 'O1',
    status: 'agreed',
    sellerConfirmedAt: null,
    buyerConfirmedAt: null,
    autoCompleteAt: null,
    cancelledBy: null,
    cancelReason: null,
    createdAt: '2026-12-06T09:00:00.000Z',
    completedAt: null,
    myRating: null,
    canRate: false,
    ...over,
  };
}
