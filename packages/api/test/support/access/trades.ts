import { Offer, Rating, Trade, UlidGenerator } from '@xianzhi/core';
import { itemBody, publishAs } from '../http.js';
import type { Stack } from '../stack.js';
import { campusAdmins, everyone, students, verifiedStudents, type Expect, type Fixture, type Row } from './matrix.js';

/** The offers and trades a deal row aims at: all between alice (the seller, `verified`) and bob (`anotherOwner`). */
export interface DealFixture {
  /** bob's open offer on the fixture listing. */
  readonly offerId: string;
  /** An agreed trade on another listing of alice's, reserved for bob. */
  readonly tradeId: string;
  /** A completed trade bob has rated (shown) and alice has not. */
  readonly completedTradeId: string;
  /** bob's rating of alice on it. */
  readonly ratingId: string;
}

const ids = new UlidGenerator();

/** Written straight to the store: the rows test who may act on them, the scenarios test how they come about. */
export async function dealFixture(s: Stack, f: Pick<Fixture, 'listingId' | 'categories'>): Promise<DealFixture> {
  const now = s.clock.now();
  const alice = s.users.alice.id;
  const bob = s.users.bob.id;
  const offer = Offer.make({
    id: ids.next(),
    listingId: f.listingId,
    campusId: 'demo',
    buyerId: bob,
    sellerId: alice,
    priceFen: 10_000,
    note: null,
    now,
    ttlMs: 48 * 3_600_000,
  });
  await s.persistence.offers.insert(offer);
  const deal = async (status: 'agreed' | 'completed') => {
    const listing = await publishAs(s, 'alice', itemBody(f.categories, { title: '矩阵交易 台灯' }));
    const stored = (await s.persistence.listings.byId(listing.id))!;
    stored.status = status === 'agreed' ? 'reserved' : 'sold';
    await s.persistence.listings.save(stored);
    const trade = Trade.open({
      id: ids.next(),
      listingId: listing.id,
      campusId: 'demo',
      sellerId: alice,
      buyerId: bob,
      priceFen: 10_000,
      offerId: null,
      now,
    });
    if (status === 'completed') {
      trade.confirm('seller', now);
      trade.confirm('buyer', now);
    }
    await s.persistence.trades.insert(trade);
    return trade;
  };
  const agreed = await deal('agreed');
  const completed = await deal('completed');
  const rating = Rating.write({
    id: ids.next(),
    tradeId: completed.id,
    campusId: 'demo',
    listingId: completed.listingId,
    listingTitle: '矩阵交易 台灯',
    raterId: bob,
    rateeId: alice,
    rateeRole: 'seller',
    score: 'good',
    text: null,
    now,
  });
  rating.publishNow(now);
  await s.persistence.ratings.insert(rating);
  return { offerId: offer.id, tradeId: agreed.id, completedTradeId: completed.id, ratingId: rating.id };
}

const deal = (f: Fixture): DealFixture => {
  if (!f.deal) throw new Error('row needs the deal fixture');
  return f.deal;
};

/** A student route only the two parties pass: the seller (verified) and the buyer (anotherOwner) get these. */
const parties = (seller: number, buyer: number, admin = 401, otherAdmin = 401): Expect => ({
  ...students(404),
  verified: seller,
  anotherOwner: buyer,
  admin,
  otherCampusAdmin: otherAdmin,
});

/** 想要, offers, trades and ratings (issue 15). */
export const tradesRows: Row[] = [
  {
    route: 'PUT /v1/listings/:id/want',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/want` }),
    // The owner may not want their own listing.
    expect: { ...verifiedStudents(200), verified: 403 },
  },
  {
    route: 'DELETE /v1/listings/:id/want',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/want` }),
    expect: students(200),
  },
  {
    route: 'GET /v1/listings/:id/wanters',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/wanters` }),
    expect: { ...students(403), verified: 200, admin: 200, otherCampusAdmin: 404 },
  },
  {
    route: 'POST /v1/listings/:id/offers',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/offers`, payload: { priceFen: 9_000 } }),
    needs: 'deal',
    // The owner: OWN_LISTING; bob already has an open offer on it: OFFER_ALREADY_OPEN.
    expect: { ...verifiedStudents(201), verified: 403, anotherOwner: 409 },
  },
  {
    route: 'GET /v1/listings/:id/offers',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/offers` }),
    needs: 'deal',
    expect: { ...students(200), admin: 200, otherCampusAdmin: 404 },
  },
  { route: 'GET /v1/me/offers', request: () => ({ url: '/v1/me/offers?role=seller' }), expect: students(200) },
  {
    route: 'POST /v1/offers/:id/accept',
    request: (f) => ({ url: `/v1/offers/${deal(f).offerId}/accept` }),
    needs: 'deal',
    expect: parties(200, 403),
  },
  {
    route: 'POST /v1/offers/:id/decline',
    request: (f) => ({ url: `/v1/offers/${deal(f).offerId}/decline` }),
    needs: 'deal',
    expect: parties(200, 403),
  },
  {
    route: 'POST /v1/offers/:id/counter',
    request: (f) => ({ url: `/v1/offers/${deal(f).offerId}/counter`, payload: { priceFen: 12_000 } }),
    needs: 'deal',
    expect: parties(200, 403),
  },
  {
    route: 'POST /v1/offers/:id/withdraw',
    request: (f) => ({ url: `/v1/offers/${deal(f).offerId}/withdraw` }),
    needs: 'deal',
    expect: parties(403, 200),
  },
  {
    // dave commented on the fixture listing: an eligible buyer.
    route: 'POST /v1/listings/:id/trades',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/trades`, payload: { buyerId: f.targetUserId } }),
    expect: { ...verifiedStudents(403), verified: 201 },
  },
  { route: 'GET /v1/me/trades', request: () => ({ url: '/v1/me/trades' }), expect: students(200) },
  {
    route: 'GET /v1/trades/:id',
    request: (f) => ({ url: `/v1/trades/${deal(f).tradeId}` }),
    needs: 'deal',
    expect: parties(200, 200, 200, 404),
  },
  {
    route: 'POST /v1/trades/:id/confirm',
    request: (f) => ({ url: `/v1/trades/${deal(f).tradeId}/confirm` }),
    needs: 'deal',
    expect: parties(200, 200),
  },
  {
    route: 'POST /v1/trades/:id/cancel',
    request: (f) => ({ url: `/v1/trades/${deal(f).tradeId}/cancel`, payload: { reason: '不想卖了' } }),
    needs: 'deal',
    expect: parties(200, 200),
  },
  {
    // bob has rated it already (ALREADY_RATED); alice has not.
    route: 'POST /v1/trades/:id/rating',
    request: (f) => ({ url: `/v1/trades/${deal(f).completedTradeId}/rating`, payload: { score: 'good' } }),
    needs: 'deal',
    expect: parties(201, 409),
  },
  {
    // Shown, so anyone finds it; only alice, whom it is about, may answer it.
    route: 'POST /v1/ratings/:id/reply',
    request: (f) => ({ url: `/v1/ratings/${deal(f).ratingId}/reply`, payload: { text: '谢谢' } }),
    needs: 'deal',
    expect: { ...students(403), verified: 200 },
  },
  {
    route: 'GET /v1/users/:id/ratings',
    request: (f) => ({ url: `/v1/users/${f.targetUserId}/ratings` }),
    expect: everyone(200),
  },
  {
    route: 'GET /v1/admin/users/:id/trades',
    request: (f) => ({ url: `/v1/admin/users/${f.targetUserId}/trades` }),
    expect: campusAdmins(200),
  },
  {
    route: 'GET /v1/admin/users/:id/ratings',
    request: (f) => ({ url: `/v1/admin/users/${f.targetUserId}/ratings` }),
    expect: campusAdmins(200),
  },
];
